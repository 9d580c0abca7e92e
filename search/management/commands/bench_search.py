"""Benchmark of the case search on a synthetic corpus; prints one JSON object and changes nothing.

The corpus is N published units whose text is recombined from the sentences of the real records
(each sentence segmented once, so building 100,000 records does not take jieba ten minutes).
By default it runs in a scratch database (Django's test-database machinery: a file under var/ on
SQLite, ``test_<name>`` on PostgreSQL) loaded with the real records and dropped afterwards, so the
figures are those of committed data; ``--in-place`` uses the current database in one transaction
that is rolled back (quick, for tests; uncommitted pages make it slower).
"""

import json
import random
import re
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from tqdm import tqdm

from pilots import selectors
from pilots.models import PilotLevel, PilotUnit, PublicationStatus, Region, RegionLevel, UnitKind
from search.documents import unit_text
from search.engines import get_engine
from search.models import SearchDocument
from search.query import parse_query
from search.segment import distinct_chars, index_tokens

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
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
BATCH = 1000


def _stats(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2), "max_ms": round(ordered[-1], 2)}


def _timed(function: Callable[[], object], repeat: int) -> list[float]:
    function()  # warm-up: caches, plans
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


class Command(BaseCommand):
    help = "检索性能基准：生成 N 条合成试点记录，测量检索 API、引擎原始查询与 icontains 的耗时，输出 JSON。"

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=10_000, help="合成记录数（默认 10000）")
        parser.add_argument("--repeat", type=int, default=5, help="每个检索式重复次数（默认 5）")
        parser.add_argument("--icontains-repeat", type=int, default=1, help="icontains 每式重复次数（默认 1，很慢）")
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument("--in-place", action="store_true", help="在当前数据库的事务中运行并回滚（不建临时库）")

    def handle(self, *args, records: int, repeat: int, icontains_repeat: int, seed: int, in_place: bool, **options):
        if records < 1:
            raise CommandError("--records 应为正整数")
        random.seed(seed)
        if in_place:
            with transaction.atomic():
                result = self.run(records, repeat, icontains_repeat)
                transaction.set_rollback(True)
        else:
            with self.scratch_database():
                result = self.run(records, repeat, icontains_repeat)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    @contextmanager
    def scratch_database(self):
        """A fresh database with the real records, dropped at the end whatever happens."""
        wrapper = connections[DEFAULT_DB_ALIAS]
        if wrapper.vendor == "sqlite":
            wrapper.settings_dict.setdefault("TEST", {})["NAME"] = str(settings.VAR_DIR / "bench_search.sqlite3")
        self.stderr.write("创建临时数据库并加载真实记录……")
        old_name = wrapper.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            call_command("load_portal_data", stdout=StringIO())
            yield
        finally:
            wrapper.creation.destroy_test_db(old_name, verbosity=0)

    def run(self, records: int, repeat: int, icontains_repeat: int) -> dict:
        sentences = self.sentences()
        if not sentences:
            raise CommandError("没有可用的真实记录：请先加载数据（make data）")
        engine = get_engine()
        build_s = self.build(records, sentences)
        start = time.perf_counter()
        engine.optimize()
        build_s += time.perf_counter() - start
        result = {
            "records": records,
            "engine": engine.vendor,
            "api": _stats(self.api_samples(repeat)),
            "raw": _stats(self.raw_samples(engine, repeat)),
            "icontains": _stats(self.icontains_samples(icontains_repeat)),
            "index_build_s": round(build_s, 2),
            "index_bytes": engine.index_bytes(),
            "queries": QUERIES,
        }
        result["api_vs_raw"] = round(result["api"]["median_ms"] / max(result["raw"]["median_ms"], 0.01), 2)
        result["icontains_vs_api"] = round(result["icontains"]["median_ms"] / max(result["api"]["median_ms"], 0.01), 1)
        return result

    def sentences(self) -> list[tuple[str, list[str], list[str]]]:
        """Sentences of the real records, each segmented once."""
        texts = [unit_text(unit) for unit in selectors.public_unit_detail()]
        pool = {match.group().strip() for text in texts for match in SENTENCE.finditer(text)}
        return [(s, index_tokens(s), distinct_chars(s)) for s in sorted(pool) if len(s) >= 8]

    def build(self, records: int, sentences) -> float:
        """Create the synthetic units and their documents; returns the seconds spent writing the index."""
        streets = list(
            Region.objects.filter(level__in=[RegionLevel.STREET, RegionLevel.TOWNSHIP]).values_list("pk", flat=True)
        ) or list(Region.objects.counties().values_list("pk", flat=True))
        kinds = [
            UnitKind.STREET_FEDERATION,
            UnitKind.COMMUNITY_UNION,
            UnitKind.PARK_FEDERATION,
            UnitKind.INDUSTRY_UNION,
        ]
        index_s = 0.0
        with tqdm(total=records, desc="合成记录", unit="条", file=self.stderr) as bar:
            for start in range(0, records, BATCH):
                units, fields = [], []
                for number in range(start, min(records, start + BATCH)):
                    length, picked = random.randint(1000, 5000), []
                    while sum(len(s[0]) for s in picked) < length:
                        picked.append(random.choice(sentences))
                    text = "".join(s[0] for s in picked)
                    units.append(
                        PilotUnit(
                            name=f"合成试点{number:06d}号工会",
                            kind=random.choice(kinds),
                            region_id=random.choice(streets),
                            pilot_level=PilotLevel.NONE,
                            profile=text,
                            status=PublicationStatus.PUBLISHED,
                        )
                    )
                    fields.append(
                        (
                            text,
                            " ".join(token for s in picked for token in s[1]),
                            " ".join(sorted({char for s in picked for char in s[2]})),
                        )
                    )
                with transaction.atomic():
                    created = PilotUnit.objects.bulk_create(units)
                    documents = [
                        SearchDocument(unit_id=unit.pk, text=f"{unit.name}\n{text}", tokens=tokens, chars=chars)
                        for unit, (text, tokens, chars) in zip(created, fields, strict=True)
                    ]
                    begin = time.perf_counter()
                    SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
                    index_s += time.perf_counter() - begin
                bar.update(len(units))
        return index_s

    def api_samples(self, repeat: int) -> list[float]:
        client, url, samples = Client(), reverse("case-list"), []
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            for query in QUERIES:

                def call(query=query):
                    response = client.get(url, {"q": query, "page_size": 20})
                    body = response.json() if response.status_code == 200 else {}
                    if len(body.get("results", [])) != min(20, body.get("count", 20)):
                        raise CommandError(f"API 检索“{query}”出错：{response.status_code}")

                samples += _timed(call, repeat)
        return samples

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
