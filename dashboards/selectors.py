"""The dashboards' statistics: one named selector per panel, over a set of units the caller filtered.

Every selector returns the panel's data as plain JSON-ready dicts; the page renders its tables from
them, the static JS module draws them, the API answers them and the CSV is built from them — so a
number on a chart, in its table, in the API and in the CSV is computed once. The set of units is
always ``pilots.selectors.public_units()`` narrowed by the library's ``PilotUnitFilter``
(:func:`filtered_units`), so "杭州市, street federations" means the same here, in the library and in
an export; drafts never count.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import QueryDict
from django.utils.translation import gettext as _

from library.filters import PilotUnitFilter
from pilots import selectors as pilot_selectors
from pilots.models import IndicatorDefinition, PilotLevel, PilotUnit, Qualifier, Region, RegionLevel, UnitKind
from pilots.statistics import practice_adoption

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


# --- map ----------------------------------------------------------------------------------------


def map_counts(units: QuerySet[PilotUnit]) -> dict:
    """Units per city and per county-level division, every division of 2018 listed (zero included).

    Divisions created after 2018 and development zones appear only when units lie in them.
    """
    # One grouped query; the cities' and the province's totals are sums of its rows.
    grouped = (
        PilotUnit.objects.filter(pk__in=_ids(units))
        .values_list("region__city", "region__county")
        .annotate(n=Count("pk"))
        .order_by()
    )
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
        PilotUnit.objects.filter(pk__in=_ids(units))
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
    """The public figures of ``definition`` for ``units``, each marked ``counted`` (1) or not.

    Per unit and year one figure counts: the approved record's where there is one, else the first
    imported one; the others stay listed, not counted.
    """
    return (
        pilot_selectors.public_indicator_values()
        .filter(definition=definition, unit__in=_ids(units))
        .annotate(
            pick=Window(
                RowNumber(),
                partition_by=[F("unit_id"), F("year")],
                order_by=[F("record_value__id").asc(nulls_last=True), F("pk").asc()],
            ),
            city_id=F("unit__region__city_id"),
        )
    )


# Rows of a group (ordered by value) that the minimum, the quartiles and the maximum need: for the
# "inclusive" quantile method, position (n - 1) * p + 1 and the next one (integer division floors).
_POSITIONS = "rn = 1 OR rn = n" + "".join(
    f" OR rn = {k} * (n - 1) / 4 + 1 OR rn = {k} * (n - 1) / 4 + 2" for k in (1, 2, 3)
)


def _group_statistics(counted_sql: str, params: list, key: str) -> dict:
    """n, sum, min, quartiles, max and qualified per ``key`` group, computed by the database.

    Only a handful of rows per group leave the database, whatever the number of values.
    """
    partition = f"{key}, year" if key != "year" else "year"
    sql = f"""
        SELECT {partition}, rn, n, total, qualified, value FROM (
            SELECT {partition}, value,
                   ROW_NUMBER() OVER (PARTITION BY {partition} ORDER BY value) AS rn,
                   COUNT(*) OVER (PARTITION BY {partition}) AS n,
                   SUM(value) OVER (PARTITION BY {partition}) AS total,
                   SUM(CASE WHEN qualifier <> %s THEN 1 ELSE 0 END) OVER (PARTITION BY {partition}) AS qualified
            FROM ({counted_sql}) AS counted
        ) AS ranked
        WHERE {_POSITIONS}
    """
    groups: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [Qualifier.EXACT, *params])
        for row in cursor.fetchall():
            group_key = tuple(row[:-5]) if key != "year" else row[0]
            rn, n, total, qualified, value = row[-5:]
            entry = groups.setdefault(group_key, {"n": n, "sum": float(total), "qualified": int(qualified), "at": {}})
            entry["at"][rn] = float(value)
    result = {}
    for group_key, entry in groups.items():
        n, at = entry["n"], entry["at"]

        def quantile(p, n=n, at=at):
            h = (n - 1) * p + 1
            low = int(h)
            return at[low] + (h - low) * (at.get(low + 1, at[low]) - at[low])

        result[group_key] = {
            "n": n,
            "sum": round(entry["sum"], 4),
            "median": round(quantile(0.5), 4),
            "q1": round(quantile(0.25), 4),
            "q3": round(quantile(0.75), 4),
            "min": _number(at[1]),
            "max": _number(at[n]),
            "qualified": entry["qualified"],
        }
    return result


def indicator_figures(units: QuerySet[PilotUnit], definition: IndicatorDefinition, *, limit: int | None = None) -> dict:
    """One indicator over the set: per unit and year (value, qualifier, source), per city and year and
    per year (n, sum, median, quartiles) from the public series.

    The series holds imported figures (published articles' and the fixtures') and approved annual
    records' values; where a unit has several figures for one year, one counts
    (:func:`indicator_values`). ``qualified`` counts the values that are open ranges or
    approximations ("95%以上" is ≥ 95): the sum and median use the printed number and say so.
    Aggregates are computed by the database; ``limit`` bounds the listed rows only.
    """
    figures = indicator_values(units, definition)
    counted_sql, params = (
        figures.values("unit_id", "city_id", "year", "value", "qualifier", "pick").order_by().query.sql_with_params()
    )
    counted_sql = f"SELECT * FROM ({counted_sql}) AS figures WHERE pick = 1"
    by_year = _group_statistics(counted_sql, list(params), "year")
    by_city = _group_statistics(counted_sql, list(params), "city_id")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), COUNT(DISTINCT unit_id) FROM ({counted_sql}) AS counted", list(params))
        _counted, unit_count = cursor.fetchone()
    values_count = figures.order_by().count()
    cities = Region.objects.in_bulk([city for city, _year in by_city if city is not None])
    unplaced = _("未定位")

    def city_name(city_id) -> str:
        return cities[city_id].name if city_id in cities else unplaced

    rows = figures.values_list(
        "unit_id",
        "unit__name",
        "unit__region__city__name",
        "year",
        "value",
        "qualifier",
        "phrase",
        "source_article_id",
        "source_file",
        "record_value__record_id",
        "pick",
    ).order_by("year", "unit__name", "pk")
    qualifiers = dict(Qualifier.choices)
    unit_label = definition.unit_label
    values = []
    for row in rows[:limit] if limit is not None else rows.iterator(chunk_size=2000):
        unit_id, name, city, year, value, qualifier, phrase, article, source_file, record, pick = row
        if record is not None:
            source = {"kind": "record", "label": _("年度报告"), "record": record, "article": None}
        elif article is not None:
            source = {"kind": "article", "label": _("文章"), "record": None, "article": article}
        else:
            source = {"kind": "import", "label": source_file or _("导入数据"), "record": None, "article": None}
        values.append(
            {
                "unit": {"id": unit_id, "name": name},
                "city": city or "",
                "year": year,
                "value": _number(value),
                "qualifier": qualifier,
                "qualifier_display": str(qualifiers.get(qualifier, qualifier)) if qualifier != Qualifier.EXACT else "",
                "open_range": qualifier in OPEN_QUALIFIERS,
                "display": qualified_display(value, qualifier, unit_label),
                "phrase": phrase,
                "source": source,
                "counted": pick == 1,
            }
        )
    return {
        "indicator": {
            "code": definition.code,
            "name": definition.name,
            "unit": unit_label,
            "value_type": definition.value_type,
        },
        "units": unit_count,
        "values_count": values_count,
        "values": values,
        "by_city": sorted(
            ({"city": city_name(city), "year": year, **stats} for (city, year), stats in by_city.items()),
            key=lambda row: (row["year"], row["city"] == unplaced, row["city"]),
        ),
        "by_year": [{"year": year, **stats} for year, stats in sorted(by_year.items())],
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
