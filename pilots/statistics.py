"""Statistics over a set of units, computed from their measures: one selector per statistic.

The dashboards' practice-adoption panel, its CSV and API, and the editors' overview figures all
call :func:`practice_adoption`, so a share printed in a special issue and the share on the
dashboard are the same number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Prefetch, QuerySet

from .models import Article, ArticleColumn, PilotUnit, Practice, PracticeArea, ReformMeasure, UnitKind
from .vocabulary import PRACTICE_WORDS, reads


@dataclass(frozen=True)
class PracticeShare:
    code: str
    name: str
    count: int  # units of the set that adopted the practice
    total: int  # units in the set

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        """The share as the overview prints it: a whole percentage."""
        return round(self.share * 100)


@dataclass(frozen=True)
class AreaShares:
    code: str
    name: str
    practices: list[PracticeShare] = field(default_factory=list)


@dataclass(frozen=True)
class Adoption:
    total: int
    areas: list[AreaShares]

    def practice(self, code: str) -> PracticeShare | None:
        for area in self.areas:
            for practice in area.practices:
                if practice.code == code:
                    return practice
        return None


def practice_adoption(units: QuerySet[PilotUnit]) -> Adoption:
    """For every practice of the taxonomy, how many of ``units`` adopted it (have a measure tagged with it).

    ``units`` is already restricted to what the caller may count (published units for the public;
    a volume's units for an editor). Two queries whatever the size of the set: the set's size, and
    the distinct units per practice.
    """
    unit_ids = units.order_by().values("pk")
    total = units.order_by().values("pk").count()  # a DISTINCT set is compared on its ids only
    counts = dict(
        Practice.objects.filter(measures__unit__in=unit_ids)
        .values_list("code")
        .annotate(n=Count("measures__unit", distinct=True))
        .order_by()
    )
    areas = []
    for area in PracticeArea.objects.prefetch_related("practices").order_by("order", "code"):
        shares = [
            PracticeShare(code=p.code, name=p.local_name, count=counts.get(p.code, 0), total=total)
            for p in sorted(area.practices.all(), key=lambda p: (p.order, p.code))
        ]
        areas.append(AreaShares(code=area.code, name=area.local_name, practices=shares))
    return Adoption(total=total, areas=areas)


def units_adopting(units: QuerySet[PilotUnit], practice_code: str) -> QuerySet[PilotUnit]:
    """The units of ``units`` counted for ``practice_code`` by :func:`practice_adoption`."""
    return units.filter(measures__practices__code=practice_code).distinct()


@dataclass(frozen=True)
class UnitEvidence:
    """Why a unit is counted for a practice: its tagged measures and the article lines that show it."""

    unit: PilotUnit
    measures: list  # ReformMeasure rows tagged with the practice
    lines: list[tuple[object, str]]  # (article, sentence) pairs naming the practice


_SENTENCE_END = re.compile(r"(?<=[。！？；])")

# Words that show a practice in a sentence, beyond the importer's cue words (which tag, and so
# must be strict): the evidence only points an editor at sentences to read.
EVIDENCE_WORDS: dict[str, tuple[str, ...]] = {
    "zjg_team": ("兼职", "挂职", "轮值", "专兼", "专、挂", "专、兼"),
    "volunteer_organisation": ("志愿", "义工"),
    "shared_positions": ("共享", "共建", "党群服务", "群团服务", "青年之家", "妇女之家"),
    "online_offline": ("网上网下", "网上+网下", "线上", "网上"),
    "joint_meeting": ("联席",),
    "regular_meetings": ("例会", "议事会", "工作会议"),
    "assessment": ("考评", "评议", "测评", "评价"),
    "on_demand_services": ("菜单", "订单式", "按需", "需求清单"),
    "rest_stops": ("爱心驿家",),
}


def practice_evidence(
    units: QuerySet[PilotUnit], practice_code: str, *, articles: QuerySet | None = None, per_unit: int = 3
) -> list[UnitEvidence]:
    """For each unit counted by :func:`practice_adoption` for ``practice_code``, the evidence.

    The measures are those the count rests on; the lines are sentences of the unit's articles
    (``articles``, default its published ones) that the practice reader reads
    (:func:`pilots.vocabulary.reads`: its patterns and context, not a plan) or that hold one of the
    practice's cue words, the reader's first, at most ``per_unit`` of them — what an editor reads
    before printing a figure. A sentence is credited to
    the units it names, or, naming none of the piece's units, to the units the piece is about
    (:func:`sentence_units`): a piece about several units, or an overview naming them, credits each
    only with its own sentences. Lines from the unit's own pieces come first. A unit whose measure is
    tagged but whose text the reader does not read and names none of the cue words is listed with no
    lines: a tag to check.
    """
    words = PRACTICE_WORDS.get(practice_code, ()) + EVIDENCE_WORDS.get(practice_code, ())
    measures = ReformMeasure.objects.filter(practices__code=practice_code).order_by("order", "id")
    article_rows = (articles if articles is not None else Article.objects.published()).prefetch_related(
        Prefetch("units", queryset=PilotUnit.objects.select_related("region__city", "region__county").order_by("pk"))
    )
    counted = (
        units_adopting(units, practice_code)
        .order_by("name")
        .prefetch_related(
            Prefetch("measures", queryset=measures, to_attr="evidence_measures"),
            Prefetch(
                "articles", queryset=article_rows.order_by("source_file", "start_line"), to_attr="evidence_articles"
            ),
        )
    )
    found = []
    for unit in counted:
        own: list[tuple[int, object, str]] = []
        others: list[tuple[int, object, str]] = []
        for article in unit.evidence_articles:
            article_units = list(article.units.all())
            about = piece_subjects(article, article_units)
            for sentence in _SENTENCE_END.split(article.body):
                sentence = sentence.strip()
                if not sentence:
                    continue
                read = reads(practice_code, sentence)
                if (read or any(word in sentence for word in words)) and unit.pk in sentence_units(
                    sentence, article_units, about
                ):
                    (own if unit.pk in about else others).append((0 if read else 1, article, sentence))
            if sum(1 for strength, *_ in own if strength == 0) >= per_unit:
                break
        # The sentences the practice reader reads come first, then those with a cue word only (a plan,
        # a word in another sense: for the editor to judge); the unit's own pieces before the others.
        ranked = sorted(own, key=lambda line: line[0]) + sorted(others, key=lambda line: line[0])
        lines = [(article, sentence) for _, article, sentence in ranked[:per_unit]]
        found.append(UnitEvidence(unit=unit, measures=list(unit.evidence_measures), lines=lines))
    return found


# ------------------------------------------------------------------------------ which unit a sentence is about
_UNION_WORD = re.compile(r"(?:总工会|工会联合会|联合工会|工会)$")
_BRACKETED_END = re.compile(r"（[^（）]*）$")
_PLACE_NAMED_UNITS = (UnitKind.STREET_FEDERATION, UnitKind.TOWNSHIP_FEDERATION)


def unit_text_names(unit: PilotUnit) -> set[str]:
    """How a text names a unit: its full and short names, also without the city and county before
    them, the bracketed part after them and the union word (三门县海润街道涛头村（…工会） is also
    海润街道涛头村, 杭州市上城区小营街道总工会 also 小营街道); a street or township federation also
    by its street's or township's name."""
    region = unit.region if unit.region_id else None
    places = [place.name for place in (region.city, region.county) if place is not None] if region else []
    names = set()
    for name in (unit.name, unit.short_name):
        for place in places:
            names.add(name)
            name = name.removeprefix(place)
        names |= {name, _BRACKETED_END.sub("", name)}
    names |= {_UNION_WORD.sub("", name) for name in names}
    if unit.kind in _PLACE_NAMED_UNITS and region is not None and region.street is not None:
        names.add(region.name)
    return {name for name in names if len(name) >= 3}


def _named_at(text: str, units: list[PilotUnit]) -> dict[int, int]:
    """Each unit of ``units`` that ``text`` names, with where it first does. A name inside a longer
    name of another unit names only that other (海润街道 in 海润街道涛头村)."""
    spans = []
    for unit in units:
        for name in unit_text_names(unit):
            start = text.find(name)
            while start >= 0:
                spans.append((start, start + len(name), unit.pk))
                start = text.find(name, start + 1)
    first: dict[int, int] = {}
    for start, end, pk in spans:
        inside_another = any(other != pk and s <= start and end <= e and e - s > end - start for s, e, other in spans)
        if not inside_another:
            first[pk] = min(start, first.get(pk, start))
    return first


def piece_subjects(article: Article, units: list[PilotUnit]) -> set[int]:
    """The units a piece is about (``units`` are its linked units): its only unit; of several, those
    its headline names, else the one its text names first. An overview is about none of the units
    it names: it reports on them all."""
    if article.column == ArticleColumn.OVERVIEW or not units:
        return set()
    if len(units) == 1:
        return {units[0].pk}
    in_head = _named_at(f"{article.headline}\n{article.subheadline}", units)
    if in_head:
        return set(in_head)
    in_body = _named_at(article.body, units)
    return {min(in_body, key=in_body.get)} if in_body else set()


def sentence_units(sentence: str, units: list[PilotUnit], subjects: set[int]) -> set[int]:
    """The units (primary keys) a sentence of a piece is credited to: those of the piece's ``units``
    it names, or, when it names none, the piece's ``subjects``."""
    return set(_named_at(sentence, units)) or subjects


@dataclass(frozen=True)
class YearAdoption:
    """Adoption among the units of one year: ``total`` units, and per practice code how many adopted it."""

    year: int
    total: int
    counts: dict[str, int]


def _adopters_by_year(units: QuerySet[PilotUnit]) -> list[tuple]:
    """``(year designated, practice key, units)``: how many units of the set name each practice, per year.

    From the units' side: their measures' practice links by the practice's key (no join to the practices
    or back to the units). Each unit once per practice: the (unit, practice) pairs grouped first, then
    counted per year and practice — both engines group the pairs faster than they count distinct units
    in each group (SQLite sorts a temporary tree per group).
    """
    pairs = (
        units.filter(measures__practices__isnull=False)
        .values(unit_key=F("pk"), year=F("designated_year"), practice=F("measures__practices"))
        .annotate(links=Count("pk"))
        .order_by()
    )
    try:
        sql, params = pairs.query.sql_with_params()
    except EmptyResultSet:  # Django knows the set is empty
        return []
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "year", "practice", COUNT(*) FROM ({sql}) pairs GROUP BY "year", "practice"', params)
        return cursor.fetchall()


def adoption_with_years(units: QuerySet[PilotUnit]) -> tuple[Adoption, list[YearAdoption]]:
    """:func:`practice_adoption` of the set and the same per year designated, from two grouped queries.

    A unit has one year designated, so the units adopting a practice in the whole set are the sum of
    those of each year (units without a year form their own group, left out of the per-year list).
    """
    plain = units.order_by()
    if plain.query.distinct:  # a filter joined a many-valued relation (practices, articles): the set by its ids
        plain = PilotUnit.objects.filter(pk__in=plain.values("pk"))
    totals = dict(plain.values_list("designated_year").annotate(n=Count("pk")).order_by())
    rows = _adopters_by_year(plain)
    areas_found = list(PracticeArea.objects.prefetch_related("practices").order_by("order", "code"))
    codes = {p.pk: p.code for area in areas_found for p in area.practices.all()}
    overall: dict[str, int] = {}
    by_year: dict[int, dict[str, int]] = {year: {} for year in totals if year is not None}
    for year, practice, n in rows:
        code = codes.get(practice)
        if code is None:
            continue
        overall[code] = overall.get(code, 0) + n
        if year is not None:
            by_year.setdefault(year, {})[code] = n
    total = sum(totals.values())
    areas = []
    for area in areas_found:
        shares = [
            PracticeShare(code=p.code, name=p.local_name, count=overall.get(p.code, 0), total=total)
            for p in sorted(area.practices.all(), key=lambda p: (p.order, p.code))
        ]
        areas.append(AreaShares(code=area.code, name=area.local_name, practices=shares))
    years = [YearAdoption(year, totals.get(year, 0), by_year[year]) for year in sorted(by_year)]
    return Adoption(total=total, areas=areas), years
