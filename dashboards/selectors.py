"""The dashboards' statistics: one named selector per panel, over a set of units the caller filtered.

Every selector returns the panel's data as plain JSON-ready dicts; the page renders its tables from
them, the static JS module draws them, the API answers them and the CSV is built from them — so a
number on a chart, in its table, in the API and in the CSV is computed once. The set of units is
always ``pilots.selectors.public_units()`` narrowed by the library's ``PilotUnitFilter``
(:func:`filtered_units`), so "杭州市, street federations" means the same here, in the library and in
an export; drafts never count.
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Count, FloatField, QuerySet
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils.translation import gettext as _

from library.filters import PilotUnitFilter
from pilots import selectors as pilot_selectors
from pilots.models import IndicatorDefinition, PilotLevel, PilotUnit, Qualifier, Region, RegionLevel, UnitKind
from pilots.statistics import practice_adoption
from search.engines import queryset_sql

# The per-unit rows an indicator answer lists (the aggregates always cover every value).
INDICATOR_ROWS_LIMIT = 1000
# The practice panel counts the street pilots unless the selection names kinds, as the overview does.
PRACTICE_DEFAULT_KINDS = [UnitKind.STREET_FEDERATION]


def unit_filter(data, *, default_kinds: list[str] | None = None) -> PilotUnitFilter:
    """The library's FilterSet over the public units for ``data`` (GET parameters).

    An empty value means "all" (the page's filter bar submits its unchosen selects); ``default_kinds``
    applies when ``data`` names no ``kind`` (the practice panel's street pilots).
    """
    cleaned = QueryDict(mutable=True)
    for name in data:
        values = _values(data, name)
        if values:
            cleaned.setlist(name, values)
    if default_kinds and not cleaned.getlist("kind"):
        cleaned.setlist("kind", list(default_kinds))
    return PilotUnitFilter(cleaned, queryset=pilot_selectors.public_units())


def _values(data, name: str) -> list:
    if hasattr(data, "getlist"):
        return [value for value in data.getlist(name) if value]
    value = data.get(name)
    return [v for v in (value if isinstance(value, list | tuple) else [value]) if v]


def _ids(units: QuerySet[PilotUnit]) -> QuerySet:
    # The filtered set as a subquery of ids: the filters' joins (practices, articles) stay inside it.
    return units.order_by().values("pk")


def _countable(units: QuerySet[PilotUnit]) -> QuerySet[PilotUnit]:
    """The set, one row per unit, to group and count: itself unless a filter joined a many-valued
    relation (practices, articles), which makes it DISTINCT; then its ids as a subquery."""
    if units.query.distinct:
        return PilotUnit.objects.filter(pk__in=_ids(units))
    return units.order_by()


# --- map ----------------------------------------------------------------------------------------


def map_counts(units: QuerySet[PilotUnit]) -> dict:
    """Units per city and per county-level division, every division of 2018 listed (zero included).

    Divisions created after 2018 and development zones appear only when units lie in them.
    """
    # One grouped query; the cities' and the province's totals are sums of its rows.
    grouped = _countable(units).values_list("region__city", "region__county").annotate(n=Count("pk")).order_by()
    by_county: dict = defaultdict(int)
    by_city: dict = defaultdict(int)
    total = 0
    for city, county, n in grouped:
        by_county[county] += n
        by_city[city] += n
        total += n
    regions = Region.objects.filter(level__in=[RegionLevel.CITY, *RegionLevel.county_levels()]).select_related("city")
    cities, counties = [], []
    for region in regions.order_by("code", "name"):
        if region.level == RegionLevel.CITY:
            cities.append(
                {"id": region.pk, "name": region.name, "code": region.code, "count": by_city.get(region.pk, 0)}
            )
            continue
        count = by_county.get(region.pk, 0)
        of_2018 = region.established_year is None and region.level != RegionLevel.DEVELOPMENT_ZONE
        if count or of_2018:
            counties.append(
                {
                    "id": region.pk,
                    "name": region.name,
                    "code": region.code,
                    "level": region.level,
                    "city": region.city.name if region.city else "",
                    "count": count,
                }
            )
    return {"total": total, "cities": cities, "counties": counties}


# --- pilots by city, kind, level, year -----------------------------------------------------------


def pilot_counts(units: QuerySet[PilotUnit]) -> dict:
    """Units by city, by kind, by pilot level and by year designated, and by city and kind (stacked)."""
    rows = list(
        _countable(units)
        .values_list("region__city", "kind", "pilot_level", "designated_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    city_names = dict(Region.objects.cities().values_list("pk", "name"))
    rows = [(city_names.get(city, ""), *rest) for city, *rest in rows]
    kinds, levels = dict(UnitKind.choices), dict(PilotLevel.choices)
    by_city: dict = defaultdict(int)
    by_kind: dict = defaultdict(int)
    by_level: dict = defaultdict(int)
    by_year: dict = defaultdict(int)
    by_city_kind: dict = defaultdict(int)
    for city, kind, level, year, n in rows:
        by_city[city or ""] += n
        by_kind[kind] += n
        by_level[level] += n
        by_year[year] += n
        by_city_kind[city or "", kind] += n
    city_order = {
        name: i for i, name in enumerate(Region.objects.cities().order_by("code").values_list("name", flat=True))
    }

    def city_key(name):
        return (name == "", city_order.get(name, len(city_order)), name)

    unplaced = _("未定位")
    return {
        "total": sum(by_city.values()),
        "by_city": [
            {"value": name, "label": name or unplaced, "count": by_city[name]} for name in sorted(by_city, key=city_key)
        ],
        "by_kind": [
            {"value": kind, "label": str(label), "count": by_kind[kind]}
            for kind, label in kinds.items()
            if kind in by_kind
        ],
        "by_pilot_level": [
            {"value": level, "label": str(label), "count": by_level[level]}
            for level, label in levels.items()
            if level in by_level
        ],
        "by_year": [
            {
                "value": "" if year is None else str(year),
                "label": _("未注明") if year is None else str(year),
                "count": n,
            }
            for year, n in sorted(by_year.items(), key=lambda item: (item[0] is None, item[0] or 0))
        ],
        "by_city_kind": [
            {"city": city or unplaced, "kind": kind, "kind_label": str(kinds.get(kind, kind)), "count": n}
            for (city, kind), n in sorted(by_city_kind.items(), key=lambda item: (city_key(item[0][0]), item[0][1]))
        ],
    }


# --- practice adoption ------------------------------------------------------------------------


def practice_shares(units: QuerySet[PilotUnit]) -> dict:
    """``pilots.statistics.practice_adoption`` of the set, in the API's shape."""
    adoption = practice_adoption(units)
    return {
        "total": adoption.total,
        "areas": [
            {
                "code": area.code,
                "name": area.name,
                "practices": [
                    {
                        "code": p.code,
                        "name": p.name,
                        "count": p.count,
                        "share": round(p.share, 4),
                        "percent": p.percent,
                    }
                    for p in area.practices
                ],
            }
            for area in adoption.areas
        ],
    }


# --- indicators ----------------------------------------------------------------------------------

OPEN_QUALIFIERS = {Qualifier.AT_LEAST: "≥", Qualifier.MORE_THAN: ">"}
APPROXIMATE_QUALIFIERS = {Qualifier.ABOUT: "≈", Qualifier.NEARLY: "≈"}


def qualified_display(value: Decimal, qualifier: str, unit_label: str) -> str:
    """A value with its qualifier kept visible: "95%以上" reads "≥ 95%", never plain 95."""
    text = f"{Decimal(value).normalize():f}"
    sign = OPEN_QUALIFIERS.get(qualifier) or APPROXIMATE_QUALIFIERS.get(qualifier)
    return f"{sign} {text}{unit_label}" if sign else f"{text}{unit_label}"


def _number(value) -> float | int:
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def indicator_choices() -> QuerySet[IndicatorDefinition]:
    return IndicatorDefinition.objects.order_by("order", "code")


def indicator_values(units: QuerySet[PilotUnit], definition: IndicatorDefinition) -> QuerySet:
    """The public figures of ``definition`` for ``units``."""
    return pilot_selectors.public_indicator_values().filter(definition=definition, unit__in=_ids(units))


def _quantile(ordered: list[float], p: float) -> float:
    """The "inclusive" quantile of sorted values (the median for p = 0.5)."""
    h = (len(ordered) - 1) * p
    low = int(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


def _group(values: list[float], qualified: int) -> dict:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "sum": round(math.fsum(ordered), 4),
        "median": round(_quantile(ordered, 0.5), 4),
        "q1": round(_quantile(ordered, 0.25), 4),
        "q3": round(_quantile(ordered, 0.75), 4),
        "min": _number(ordered[0]),
        "max": _number(ordered[-1]),
        "qualified": qualified,
    }


def counted_figures(units: QuerySet[PilotUnit], definition: IndicatorDefinition) -> tuple[dict, int]:
    """Per (unit, year) the one figure that counts, and how many public figures there are in all.

    Where a unit has several figures for one year, the approved record's counts, else the first
    imported one. Returns ``{(unit_id, year): (pk, city_id, value, qualifier)}`` and the total; one
    query reading only the columns the aggregates need (values as floats: no Decimal per row).
    """
    figures = (
        indicator_values(units, definition)
        .values_list("pk", "unit_id", "unit__region__city_id", "year", "qualifier", "record_value__id")
        .annotate(number=Cast("value", FloatField()))
        .order_by()
    )
    # Read through the cursor: Django's per-row converters would cost more than the query.
    sql = queryset_sql(figures)
    chosen: dict[tuple[int, int], tuple] = {}
    total = 0
    rows = []
    if sql:  # else Django knows the set is empty (a year past the column's range)
        with connection.cursor() as cursor:
            cursor.execute(*sql)
            rows = cursor.fetchall()
    for pk, unit_id, city_id, year, qualifier, record, number in rows:
        total += 1
        rank = (record is None, pk)
        current = chosen.get((unit_id, year))
        if current is None or rank < current[0]:
            chosen[unit_id, year] = (rank, pk, city_id, float(number), qualifier)
    return {key: value[1:] for key, value in chosen.items()}, total


def indicator_figures(units: QuerySet[PilotUnit], definition: IndicatorDefinition, *, limit: int | None = None) -> dict:
    """One indicator over the set: per unit and year (value, qualifier, source), per city and year and
    per year (n, sum, median, quartiles) from the public series.

    The series holds imported figures (published articles' and the fixtures') and approved annual
    records' values; where a unit has several figures for one year, one counts
    (:func:`counted_figures`). ``qualified`` counts the values that are open ranges or
    approximations ("95%以上" is ≥ 95): the sum and median use the printed number and say so.
    ``limit`` bounds the listed rows only; the aggregates cover every value.
    """
    chosen, values_count = counted_figures(units, definition)
    by_city: dict = defaultdict(lambda: ([], [0]))
    by_year: dict = defaultdict(lambda: ([], [0]))
    for (_unit, year), (_pk, city_id, number, qualifier) in chosen.items():
        for bucket in (by_city[city_id, year], by_year[year]):
            bucket[0].append(number)
            bucket[1][0] += qualifier != Qualifier.EXACT
    counted = {figure[0] for figure in chosen.values()}
    cities = dict(Region.objects.cities().order_by("code").values_list("pk", "name"))
    city_order = {name: i for i, name in enumerate(cities.values())}  # the official order of the cities
    unplaced = _("未定位")
    rows = (
        indicator_values(units, definition)
        .values_list(
            "pk",
            "unit_id",
            "unit__name",
            "unit__region__city_id",
            "year",
            "value",
            "qualifier",
            "phrase",
            "source_article_id",
            "source_file",
            "record_value__record_id",
        )
        # A unit's series together, in the index's order: the first rows come without sorting them all.
        .order_by("unit_id", "year", "pk")
    )
    qualifiers = dict(Qualifier.choices)
    unit_label = definition.unit_label
    # The labels once, not once per row (gettext costs more than the rest of a row).
    record_label, article_label, import_label = _("年度报告"), _("文章"), _("导入数据")
    qualifier_labels = {code: str(label) for code, label in qualifiers.items()}
    values = []
    for row in rows[:limit] if limit is not None else rows.iterator(chunk_size=2000):
        pk, unit_id, name, city_id, year, value, qualifier, phrase, article, source_file, record = row
        if record is not None:
            source = {"kind": "record", "label": record_label, "record": record, "article": None}
        elif article is not None:
            source = {"kind": "article", "label": article_label, "record": None, "article": article}
        else:
            source = {"kind": "import", "label": source_file or import_label, "record": None, "article": None}
        values.append(
            {
                "unit": {"id": unit_id, "name": name},
                "city": cities.get(city_id, ""),
                "year": year,
                "value": _number(value),
                "qualifier": qualifier,
                "qualifier_display": qualifier_labels.get(qualifier, qualifier) if qualifier != Qualifier.EXACT else "",
                "open_range": qualifier in OPEN_QUALIFIERS,
                "display": qualified_display(value, qualifier, unit_label),
                "phrase": phrase,
                "source": source,
                "counted": pk in counted,
            }
        )
    return {
        "indicator": {
            "code": definition.code,
            "name": definition.name,
            "unit": unit_label,
            "value_type": definition.value_type,
        },
        "units": len({unit_id for unit_id, _year in chosen}),
        "values_count": values_count,
        "values": values,
        "by_city": sorted(
            (
                {"city": cities.get(city_id, unplaced), "year": year, **_group(bucket[0], bucket[1][0])}
                for (city_id, year), bucket in by_city.items()
            ),
            key=lambda row: (row["year"], city_order.get(row["city"], len(city_order)), row["city"]),
        ),
        "by_year": [{"year": year, **_group(bucket[0], bucket[1][0])} for year, bucket in sorted(by_year.items())],
    }


# --- reporting progress -------------------------------------------------------------------------


def reporting_progress(region: Region, year: int) -> dict:
    """``reports.selectors.reporting_rate`` of ``region`` for ``year``, in the API's shape."""
    from reports.selectors import deadline_for, reporting_rate

    total, rows = reporting_rate(region, year)

    def counts(row) -> dict:
        return {
            "expected": row.expected,
            "submitted": row.submitted,
            "approved": row.approved,
            "overdue": row.overdue,
            "rate": row.rate,
        }

    deadline = deadline_for(year)
    return {
        "region": {"id": region.pk, "name": region.name},
        "year": year,
        "deadline": deadline.isoformat() if deadline else None,
        "total": counts(total),
        "rows": [
            {
                "region": {"id": row.region.pk, "name": row.region.name} if row.region else None,
                "unit": {"id": row.unit.pk, "name": row.unit.name} if row.unit else None,
                "label": row.region.name if row.region else row.unit.name,
                **counts(row),
            }
            for row in rows
        ],
    }
