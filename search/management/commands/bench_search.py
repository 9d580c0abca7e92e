"""Benchmark of the case search on a synthetic corpus; prints one JSON object and changes nothing.

The corpus is N published units whose text is recombined from the sentences of the real records
(each sentence segmented once, so building 100,000 records does not take jieba ten minutes).
By default it runs in a scratch database (Django's test-database machinery: a file under var/ on
SQLite, ``test_<name>`` on PostgreSQL) loaded with the real records and dropped afterwards, so the
figures are those of committed data; ``--in-place`` uses the current database in one transaction
that is rolled back (quick, for tests; uncommitted pages make it slower).
"""

import functools
import gc
import json
import random
import re
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from tqdm import tqdm

from pilots import selectors
from pilots.benchmarking import scratch_database
from pilots.benchmarking import stats as _stats
from pilots.benchmarking import timed as _timed
from pilots.models import PilotLevel, PilotUnit, PublicationStatus, Region, RegionLevel, UnitKind
from pilots.text import pinyin_key, unit_sort_keys
from search.backends import get_engine
from search.documents import phrase_fields, unit_text
from search.facet_table import write_unit_facets
from search.query import parse_query
from search.segment import distinct_chars, index_tokens, initialise

QUERIES = [
    # one word: rare, middling and very common
    "妈咪小屋",
    "调解",
    "帮扶",
    "工会",
    "网格化",
    # two words
    "共享 阵地",
    "困难职工 帮扶",
    "志愿者 服务",
    # three words
    "街道 职工服务站 妈咪小屋",
    "专兼挂 兼职副主席 社会化",
    "劳动争议 调解 法律援助",
]
# The shapes people actually ask for (issue 14): each through the API and as the raw engine query
# that answers the same question (count plus the page asked for), so the overhead is visible.
SHAPES = {
    "rare": {"q": "妈咪小屋"},
    "common": {"q": "工会"},
    "common_city": {"q": "工会", "city": "台州"},
    "common_name_order": {"q": "工会", "ordering": "name"},
    "common_city_name_order": {"q": "工会", "city": "台州", "ordering": "name"},
    "common_page50": {"q": "工会", "page": 50},
    "three_words": {"q": "工会 职工 服务"},
    "exclusion": {"q": "工会 -调解"},
    "phrase_rare": {"q": '"妈咪小屋"'},
    "phrase_common": {"q": '"职工服务"'},
}
PAGE_SIZE = 20
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
BATCH = 1000


class Command(BaseCommand):
    help = "检索性能基准：生成 N 条合成试点记录，测量检索 API、引擎原始查询与 icontains 的耗时，输出 JSON。"

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=10_000, help="合成记录数（默认 10000）")
        parser.add_argument("--repeat", type=int, default=5, help="每个检索式重复次数（默认 5）")
        parser.add_argument("--icontains-repeat", type=int, default=1, help="icontains 每式重复次数（默认 1，很慢）")
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument("--in-place", action="store_true", help="在当前数据库的事务中运行并回滚（不建临时库）")
        parser.add_argument("--keep", action="store_true", help="保留临时数据库（供分析查询计划）")
        parser.add_argument(
            "--shapes-only", action="store_true", help="只测量检索形态（shapes），不测 api、page 与 icontains"
        )
        parser.add_argument(
            "--existing", action="store_true", help="不生成记录，直接测量当前数据库（例如保留下来的合成库，迁移之后）"
        )

    def handle(
        self, *args, records: int, repeat: int, icontains_repeat: int, seed: int, in_place: bool, keep=False, **options
    ):
        if records < 1:
            raise CommandError("--records 应为正整数")
        random.seed(seed)
        shapes_only = options.get("shapes_only", False)
        if options.get("existing"):
            result = self.run(0, repeat, icontains_repeat, shapes_only=shapes_only)
            result["records"] = PilotUnit.objects.published().count()
        elif in_place:
            with transaction.atomic():
                result = self.run(records, repeat, icontains_repeat, shapes_only=shapes_only)
                transaction.set_rollback(True)
        else:
            with self.scratch_database(keep=keep):
                result = self.run(records, repeat, icontains_repeat, shapes_only=shapes_only)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    @contextmanager
    def scratch_database(self, keep: bool = False):
        with scratch_database("bench_search", keep=keep, log=self.stderr.write):
            yield

    def run(self, records: int, repeat: int, icontains_repeat: int, *, shapes_only: bool = False) -> dict:
        engine = get_engine()
        build_s = corpus_s = 0.0
        if records:  # --existing measures the corpus as it is
            sentences = self.sentences()
            if not sentences:
                raise CommandError("没有可用的真实记录：请先加载数据（make data）")
            begin = time.perf_counter()
            with engine.bulk_build():  # the index's upkeep (FTS5 merges, ANALYZE) once, at the end
                build_s = self.build(records, sentences)
                start = time.perf_counter()
            build_s += time.perf_counter() - start
            corpus_s = time.perf_counter() - begin
        speed = {
            # documents a second: written to the index (the documents' rows and the engine's index,
            # merged), and the whole corpus (units, their text and documents)
            "index_docs_per_s": round(records / build_s) if build_s else None,
            "corpus_docs_per_s": round(records / corpus_s) if corpus_s else None,
            "corpus_build_s": round(corpus_s, 2),
        }
        # Requests are measured as a server answers them (portal/wsgi.py): jieba loaded and what
        # loading made frozen out of the garbage collector's walk, here once the corpus is written.
        # (Unfrozen after: a test run calls the command too.)
        initialise()
        gc.collect()
        gc.freeze()
        try:
            return self.measure(engine, records, repeat, icontains_repeat, build_s, speed, shapes_only=shapes_only)
        finally:
            gc.unfreeze()

    def measure(
        self,
        engine,
        records: int,
        repeat: int,
        icontains_repeat: int,
        build_s: float,
        speed: dict,
        *,
        shapes_only: bool,
    ) -> dict:
        if shapes_only:
            return {"records": records, "engine": engine.vendor, **speed, "shapes": self.shapes(engine, repeat)}
        result = {
            "records": records,
            "engine": engine.vendor,
            "api": _stats(self.api_samples(repeat)),
            "api_remembered": _stats(self.api_samples(repeat, remembered=True)),
            "raw": _stats(self.raw_samples(engine, repeat)),
            "icontains": _stats(self.icontains_samples(icontains_repeat)),
            "index_build_s": round(build_s, 2),
            **speed,
            "index_bytes": engine.index_bytes(),
            "queries": QUERIES,
        }
        result["page"] = _stats(self.page_samples(repeat))
        result["shapes"] = self.shapes(engine, repeat)
        result["api_vs_raw"] = round(result["api"]["median_ms"] / max(result["raw"]["median_ms"], 0.01), 2)
        result["icontains_vs_api"] = round(result["icontains"]["median_ms"] / max(result["api"]["median_ms"], 0.01), 1)
        return result

    def sentences(self) -> list[tuple[str, str, frozenset[str]]]:
        """Sentences of the real records, each segmented once: (text, its tokens joined, its characters)."""
        texts = [unit_text(unit) for unit in selectors.public_unit_detail()]
        pool = {match.group().strip() for text in texts for match in SENTENCE.finditer(text)}
        return [(s, " ".join(index_tokens(s)), frozenset(distinct_chars(s))) for s in sorted(pool) if len(s) >= 8]

    def build(self, records: int, sentences) -> float:
        """Create the synthetic units and their documents; returns the seconds spent writing the index."""
        streets = list(
            Region.objects.filter(level__in=[RegionLevel.STREET, RegionLevel.TOWNSHIP]).values_list("pk", flat=True)
        ) or list(Region.objects.counties().values_list("pk", flat=True))
        places = {
            region.pk: (region.city and region.city.name, region.county and region.county.name)
            for region in Region.objects.filter(pk__in=streets).select_related("city", "county")
        }
        kinds = [
            UnitKind.STREET_FEDERATION,
            UnitKind.COMMUNITY_UNION,
            UnitKind.PARK_FEDERATION,
            UnitKind.INDUSTRY_UNION,
        ]
        index_s = 0.0
        engine, place_keys = get_engine(), {}
        with tqdm(total=records, desc="合成记录", unit="条", file=self.stderr) as bar:
            for start in range(0, records, BATCH):
                units, fields = [], []
                for number in range(start, min(records, start + BATCH)):
                    length, picked, written = random.randint(1000, 5000), [], 0
                    while written < length:
                        picked.append(random.choice(sentences))
                        written += len(picked[-1][0])
                    text = "".join(s[0] for s in picked)
                    name, sort_name = synthetic_name(number)
                    region_id = random.choice(streets)
                    if region_id not in place_keys:
                        place_keys[region_id] = unit_sort_keys(name, *places[region_id])[1]
                    units.append(
                        PilotUnit(
                            name=name,
                            sort_name=sort_name,
                            sort_place=place_keys[region_id],
                            kind=random.choice(kinds),
                            region_id=region_id,
                            pilot_level=PilotLevel.NONE,
                            profile=text,
                            status=PublicationStatus.PUBLISHED,
                        )
                    )
                    fields.append(
                        (
                            text,
                            " ".join(s[1] for s in picked if s[1]),
                            " ".join(sorted(frozenset().union(*(s[2] for s in picked)))),
                        )
                    )
                with transaction.atomic():
                    created = PilotUnit.objects.bulk_create(units)
                    documents = []
                    for unit, (text, tokens, chars) in zip(created, fields, strict=True):
                        text = f"{unit.name}\n{text}"
                        documents.append((unit.pk, text, {"tokens": tokens, "chars": chars, **phrase_fields(text)}))
                    begin = time.perf_counter()
                    engine.write_documents(documents)
                    write_unit_facets(unit.pk for unit in created)  # with the documents, as indexing does
                    index_s += time.perf_counter() - begin
                bar.update(len(units))
        return index_s

    def api_samples(self, repeat: int, *, remembered: bool = False) -> list[float]:
        """``/api/cases/`` for each query: seen first (nothing remembered, search.remember), or
        ``remembered`` — the same page asked again under the same index stamp."""
        client, url, samples = Client(), reverse("case-list"), []
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            for query in QUERIES:

                def call(query=query):
                    if not remembered:
                        cache.clear()
                    response = client.get(url, {"q": query, "page_size": 20})
                    body = response.json() if response.status_code == 200 else {}
                    if len(body.get("results", [])) != min(20, body.get("count", 20)):
                        raise CommandError(f"API 检索“{query}”出错：{response.status_code}")

                samples += _timed(call, repeat)
        return samples

    def page_samples(self, repeat: int) -> list[float]:
        """The HTML results page with its facets, for the same queries as the API.

        Each time with nothing remembered (search.remember): the cost of a query seen first.
        """
        client, url, samples = Client(), reverse("library-cases"), []
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            for query in QUERIES:

                def call(query=query):
                    cache.clear()
                    response = client.get(url, {"q": query})
                    if response.status_code != 200:
                        raise CommandError(f"结果页检索“{query}”出错：{response.status_code}")

                samples += _timed(call, repeat)
        return samples

    def shapes(self, engine, repeat: int) -> dict:
        """Each shape through ``/api/cases/`` and as the raw engine query answering the same question."""
        client, url, result = Client(), reverse("case-list"), {}
        raw = RawShapes(engine)
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            for name, params in tqdm(SHAPES.items(), desc="检索形态", unit="种", file=self.stderr):
                if "page" in params:  # a small corpus has fewer pages
                    count = client.get(url, {"q": params["q"], "page_size": PAGE_SIZE}).json()["count"]
                    params = {**params, "page": max(1, min(params["page"], count // PAGE_SIZE))}

                def call(params=params, name=name):
                    cache.clear()  # the cost of a search seen first
                    response = client.get(url, {"page_size": PAGE_SIZE, **params})
                    if response.status_code != 200 or not response.json().get("results"):
                        raise CommandError(f"检索形态 {name} 出错：{response.status_code}")

                figures = _stats(_timed(call, repeat))
                figures["raw_median_ms"] = _stats(_timed(lambda params=params: raw.answer(params), repeat))["median_ms"]
                if '"' in params["q"]:  # a phrase beside the same words unquoted (the issue: no slower)
                    unquoted = {**params, "q": params["q"].replace('"', "")}
                    figures["unquoted_median_ms"] = _stats(_timed(lambda u=unquoted: call(u), repeat))["median_ms"]
                result[name] = figures
        return result

    def raw_samples(self, engine, repeat: int) -> list[float]:
        samples = []
        for query in QUERIES:
            parsed = parse_query(query)
            samples += _timed(lambda parsed=parsed: engine.top(parsed, 20), repeat)
        return samples

    def icontains_samples(self, repeat: int) -> list[float]:
        """What a default DRF SearchFilter does: every word icontains in any field, count plus a page."""
        samples = []
        for query in QUERIES:
            condition = Q()
            for word in query.split():
                condition &= Q(name__icontains=word) | Q(profile__icontains=word)

            def call(condition=condition):
                queryset = PilotUnit.objects.published().filter(condition)
                queryset.count()
                list(queryset.order_by("name")[:20])

            samples += _timed(call, repeat)
        return samples


NAME_PARTS = ("合成试点", "号工会")


def synthetic_name(number: int) -> tuple[str, str]:
    """A synthetic unit's name and its pinyin sort key (``pilots.text.pinyin_key`` of the name,
    assembled from the keys of its fixed parts: the number sorts as itself)."""
    head, tail = NAME_PARTS
    return f"{head}{number:06d}{tail}", f"{_part_key(head)} {number:06d} {_part_key(tail)}"


@functools.cache
def _part_key(part: str) -> str:
    return pinyin_key(part)


class RawShapes:
    """The engine's own SQL for a shape: the count and one page, nothing of Django around it.

    Written here by hand, independently of how the library answers, as the yardstick: the match
    (a phrase as the engine's phrase query over the segmented tokens), the city as a join, the
    order by the unit's indexed sort column, the page as an offset.
    """

    def __init__(self, engine):
        self.engine = engine
        self.vendor = engine.vendor
        city = Region.objects.cities().filter(name="台州市").first()
        self.city_id = city.pk if city else 0
        fields = {field.name for field in PilotUnit._meta.get_fields()}
        self.name_column = "sort_name" if "sort_name" in fields else "name"

    def _match(self, parsed) -> tuple[str, list, list]:
        """(condition, its parameters, the words to rank by)."""
        words = [
            term.value
            for group in [*parsed.groups, *(group for _, group in parsed.phrases)]
            for term in group.alternatives[0]
        ]
        if self.vendor == "sqlite":
            if parsed.phrases:
                expression = " AND ".join(
                    'tokens : "' + " ".join(term.value for term in group.alternatives[0]) + '"'
                    for _, group in parsed.phrases
                )
            else:
                expression = self.engine.fts_expression(parsed)
            return "search_fts MATCH %s", [expression], words
        if parsed.phrases:
            conditions = ["d.vector @@ phraseto_tsquery('simple', %s)"] * len(parsed.phrases)
            values = [" ".join(term.value for term in group.alternatives[0]) for _, group in parsed.phrases]
            return " AND ".join(conditions), values, words
        conditions, values = [], []
        for group in parsed.groups:
            conditions.append(" AND ".join(["d.vector @@ plainto_tsquery('simple', %s)"] * len(group.alternatives[0])))
            values += [term.value for term in group.alternatives[0]]
        where = "(" + " OR ".join(f"({condition})" for condition in conditions) + ")"
        for group in parsed.exclusions:
            where += " AND NOT d.vector @@ plainto_tsquery('simple', %s)"
            values.append(group.alternatives[0][0].value)
        return where, values, words

    def answer(self, params: dict) -> list[int]:
        parsed = parse_query(params["q"])
        where, values, words = self._match(parsed)
        if self.vendor == "sqlite":
            source, key, rank, rank_values = "search_fts", "search_fts.rowid", "search_fts.rank", []
        else:
            source, key, rank_values = "search_searchdocument d", "d.unit_id", words
            rank = "-ts_rank(d.vector, " + " || ".join(["plainto_tsquery('simple', %s)"] * len(words)) + ")"
        join = f" JOIN pilots_pilotunit u ON u.id = {key}"
        if params.get("city"):
            join += " JOIN pilots_region r ON r.id = u.region_id"
            where += " AND r.city_id = %s"
            values = [*values, self.city_id]
        offset = (params.get("page", 1) - 1) * PAGE_SIZE
        with transaction.atomic(), connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            if self.vendor == "postgresql":  # GIN bitmap scans, as the engine runs (see PostgresEngine)
                cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"SELECT COUNT(*) FROM {source}{join} WHERE {where}", values)
            total = cursor.fetchone()[0]
            if params.get("ordering") == "name":
                sql = f"SELECT {key} FROM {source}{join} WHERE {where} ORDER BY u.{self.name_column}"
                page_values = values
            else:
                cap = self.engine.RANK_CANDIDATES if total > self.engine.RANK_ALL else total
                sql = (
                    f"SELECT id FROM (SELECT {key} AS id, {rank} AS score FROM {source}{join} WHERE {where} LIMIT %s) "
                    "AS candidates ORDER BY score, id"
                )
                page_values = [*rank_values, *values, max(cap, 1)]
            cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*page_values, PAGE_SIZE, offset])
            return [row[0] for row in cursor.fetchall()]
