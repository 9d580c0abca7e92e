"""The dashboards' statistics: one named selector per panel, over a set of units the caller filtered.

Every selector returns the panel's data as plain JSON-ready dicts; the page renders its tables from
them, the static JS module draws them, the API answers them and the CSV is built from them — so a
number on a chart, in its table, in the API and in the CSV is computed once. The set of units is
always ``pilots.selectors.public_units()`` narrowed by the library's ``PilotUnitFilter``
(:func:`filtered_units`), so "杭州市, street federations" means the same here, in the library and in
an export; drafts never count.
"""

from __future__ import annotations

import functools
import json
import math
from collections import defaultdict
from decimal import Decimal

from django import forms
from django.contrib.staticfiles import finders
from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from library.filters import PilotUnitFilter
from pilots import selectors as pilot_selectors
from pilots.figures import english_qualified
from pilots.models import (
    IndicatorDefinition,
    IndicatorValue,
    PilotLevel,
    PilotUnit,
    Practice,
    Qualifier,
    Region,
    RegionLevel,
    UnitKind,
)
from pilots.statistics import YearAdoption, adoption_with_years
from reports.models import AnnualRecord, RecordStatus
from reports.selectors import deadline_for, reporting_rate
from search.backends import get_engine

# The per-unit rows an indicator answer lists (the aggregates always cover every value).
INDICATOR_ROWS_LIMIT = 1000
# The practice panel counts the street pilots unless the selection names kinds, as the overview does.
PRACTICE_DEFAULT_KINDS = [UnitKind.STREET_FEDERATION]


def unit_filter(data, *, default_kinds: list[str] | None = None, queryset=None) -> PilotUnitFilter:
    """The library's FilterSet over the public units (or ``queryset``) for ``data`` (GET parameters).

    An empty value means "all" (the page's filter bar submits its unchosen selects); ``default_kinds``
    applies when ``data`` names no ``kind`` (the practice panel's street pilots).
    """
    cleaned = QueryDict(mutable=True)
    for name in FILTER_NAMES:
        values = param_values(data, name)
        if values:
            cleaned.setlist(name, values)
    if default_kinds and not cleaned.getlist("kind"):
        cleaned.setlist("kind", list(default_kinds))
    return PilotUnitFilter(cleaned, queryset=pilot_selectors.public_units() if queryset is None else queryset)


# The library's filters, as its FilterSet declares them (the page and the API keep these and no copy).
FILTER_NAMES = list(PilotUnitFilter.base_filters)
# The library's filters that hold one value (the last one counts), as the FilterSet declares them.
SINGLE_FILTERS = [
    name
    for name, declared in PilotUnitFilter.base_filters.items()
    if not issubclass(declared.field_class, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
]


def filter_pairs(data, *, without=()) -> list[tuple[str, str]]:
    """The library's filters present in ``data`` as (name, value) pairs, in the FilterSet's order."""
    return [(name, value) for name in FILTER_NAMES if name not in without for value in param_values(data, name)]


def filter_query(data, **extra) -> QueryDict:
    """The library's filters of ``data`` and ``extra`` parameters, as one QueryDict (a cache key, a link)."""
    query = QueryDict(mutable=True)
    for name, value in filter_pairs(data):
        query.appendlist(name, str(value))
    for name, value in extra.items():
        query.setlist(name, [str(value)])
    return query


def has_filters(data) -> bool:
    return bool(filter_pairs(data))


def param_values(data, name: str) -> list:
    if hasattr(data, "getlist"):
        return [value for value in data.getlist(name) if value]
    value = data.get(name)
    return [v for v in (value if isinstance(value, list | tuple) else [value]) if v]


def _ids(units: QuerySet[PilotUnit]) -> QuerySet:
    # The filtered set as a subquery of ids: the filters' joins (practices, articles) stay inside it.
    return units.order_by().values("pk")


def _countable(units: QuerySet[PilotUnit]) -> QuerySet[PilotUnit]:
    """The set, one row per unit, to group and count: itself unless a filter joined a many-valued
    relation (practices, articles), which makes it DISTINCT; then its ids as a subquery.

    The library's multiple-choice filters on the unit's own columns (``kind``, ``pilot_level``) ask
    for DISTINCT too, where no row can repeat: without a many-valued join the set is read as it is,
    not sorted or hashed to drop duplicates that cannot be there.
    """
    if not units.query.distinct:
        return units.order_by()
    if _joins_many(units):
        return PilotUnit.objects.filter(pk__in=_ids(units))
    plain = units.order_by()
    plain.query.distinct = False
    return plain


def _joins_many(units: QuerySet[PilotUnit]) -> bool:
    """Whether the query joins a relation that can repeat a unit's row (a reverse or many-to-many one)."""
    for join in units.query.alias_map.values():
        field = getattr(join, "join_field", None)
        if field is not None and not (field.many_to_one or field.one_to_one):
            return True
    return False


# --- map ----------------------------------------------------------------------------------------


def _decode_ring(text: str, offsets: list[int], scale: int) -> list[list[float]]:
    x, y = offsets
    points = []
    for i in range(0, len(text), 2):
        dx, dy = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append([x / scale, y / scale])
    return points


@functools.cache
def decoded_geojson() -> dict:
    """The vendored map as plain GeoJSON (it is stored in ECharts' compact UTF8Encoding)."""
    path = finders.find(MAP_GEOJSON)
    if not path:
        return {"type": "FeatureCollection", "features": []}
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    if data.pop("UTF8Encoding", False):
        scale = data.pop("UTF8Scale", 1024)
        for feature in data["features"]:
            geometry = feature["geometry"]
            offsets = geometry.pop("encodeOffsets")
            if geometry["type"] == "Polygon":
                geometry["coordinates"] = [
                    _decode_ring(ring, offsets[i], scale) for i, ring in enumerate(geometry["coordinates"])
                ]
            else:
                geometry["coordinates"] = [
                    [_decode_ring(ring, offsets[j][i], scale) for i, ring in enumerate(rings)]
                    for j, rings in enumerate(geometry["coordinates"])
                ]
    return data


@functools.cache
def shaped_codes() -> frozenset[str]:
    """The GB/T 2260 codes of the county-level divisions the vendored map draws (its GeoJSON's features)."""
    return frozenset(str(f.get("id") or f["properties"].get("code")) for f in decoded_geojson()["features"])


MAP_GEOJSON = "vendor/zhejiang/zhejiang.json"
# Units listed by name below the map (those of divisions the map has no shape for); the rest are counted.
OFF_MAP_UNITS_LIMIT = 200


def map_counts(units: QuerySet[PilotUnit]) -> dict:
    """Units per city and per county-level division, every division of 2018 listed (zero included).

    Divisions created after 2018 and development zones appear only when units lie in them. The map
    draws the 2018 divisions; the units it cannot show (of a city federation at the city itself, of
    钱塘区, 临平区, 龙港市, development zones) are counted per division in ``off_map`` and listed in
    ``off_map_units``, so that ``on_map`` + the off-map counts = ``total``.
    """
    # One grouped query over the units' own table (by their region's key: no join), summed per city and
    # county through the gazetteer (a few hundred rows); the province's total is the sum of its rows.
    grouped = _countable(units).values_list("region_id").annotate(n=Count("pk")).order_by()
    # The gazetteer's few hundred rows as tuples (not model instances): key, name, code, level, city, county, year.
    gazetteer = list(
        Region.objects.order_by("code", "name").values_list(
            "pk", "name", "code", "level", "city_id", "county_id", "established_year"
        )
    )
    region_names = {pk: name for pk, name, *_rest in gazetteer}
    places = {pk: (city, county) for pk, _name, _code, _level, city, county, _year in gazetteer}
    by_county: dict = defaultdict(int)
    by_city: dict = defaultdict(int)
    at_city: dict = defaultdict(int)  # units placed at a city itself (a city federation) or nowhere
    total = 0
    for region_id, n in grouped:
        city, county = places.get(region_id, (None, None))
        by_county[county] += n
        by_city[city] += n
        total += n
        if county is None:
            at_city[city] += n
    levels = {RegionLevel.CITY, *RegionLevel.county_levels()}
    shaped = shaped_codes()
    cities, counties, off_map = [], [], []
    city_names = {}
    on_map = 0
    for pk, name, code, level, city, _county, established in gazetteer:
        if level not in levels:
            continue
        if level == RegionLevel.CITY:
            city_names[pk] = name
            cities.append({"id": pk, "name": name, "code": code, "count": by_city.get(pk, 0)})
            continue
        count = by_county.get(pk, 0)
        of_2018 = established is None and level != RegionLevel.DEVELOPMENT_ZONE
        drawn = code in shaped
        city_name = region_names.get(city, "") if city else ""
        if count or of_2018:
            counties.append(
                {
                    "id": pk,
                    "name": name,
                    "code": code,
                    "level": level,
                    "city": city_name,
                    "count": count,
                    "on_map": drawn,
                }
            )
        if drawn:
            on_map += count
        elif count:
            off_map.append(
                {
                    "region": name,
                    "region_id": pk,
                    "city": city_name,
                    "count": count,
                    "why": str(_("开发区，地图不单独绘出"))
                    if level == RegionLevel.DEVELOPMENT_ZONE
                    else str(_("2018 年后设立，地图无其轮廓")),
                }
            )
    off_counties = [row["region_id"] for row in off_map]
    for city, n in at_city.items():
        off_map.append(
            {
                "region": f"{city_names.get(city, '')}{_('本级')}" if city else str(_("未定位")),
                "region_id": city,
                "city": city_names.get(city, ""),
                "count": n,
                "why": str(_("市本级单位，不属于任何县（市、区）")) if city else str(_("未定位到区划")),
            }
        )
    off_units = []
    if off_map:
        # The units of those places by their regions' keys (the index on the units' region, no join).
        off_places = [pk for pk, (_city, county) in places.items() if county is None or county in off_counties]
        listed = (
            _countable(units)
            .filter(Q(region__in=off_places) | Q(region__isnull=True))
            .order_by("region__city__code", "name")
            .values_list("pk", "name", "kind", "region__name", "region__city__name")[:OFF_MAP_UNITS_LIMIT]
        )
        off_units = [
            {
                "id": pk,
                "name": name,
                "kind": kind,
                "kind_label": kind_label(kind),
                "region": region or "",
                "city": city or "",
            }
            for pk, name, kind, region, city in listed
        ]
    return {
        "total": total,
        "on_map": on_map,
        "cities": cities,
        "counties": counties,
        "off_map": off_map,
        "off_map_units": off_units,
    }


# --- pilots by city, kind, level, year -----------------------------------------------------------


def pilot_counts(units: QuerySet[PilotUnit]) -> dict:
    """Units by city, by kind, by pilot level and by year designated, and by city and kind (stacked)."""
    # One grouped query, by the unit's city (its region's, joined: a few hundred groups reach Python, not one
    # per region, kind, level and year), the cities' names and official order from the gazetteer.
    grouped = (
        _countable(units)
        .values_list("region__city_id", "kind", "pilot_level", "designated_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    city_names = dict(Region.objects.cities().order_by("code").values_list("pk", "name"))
    rows = [(city_names.get(city, ""), *rest) for city, *rest in grouped]
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
    city_order = {name: i for i, name in enumerate(city_names.values())}

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
    """``pilots.statistics.practice_adoption`` of the set (``adoption_with_years``: the same counts, and per
    year), in the API's shape, with adoption by year
    designated (``by_designated_year``) and by reporting year from approved records (``by_reporting_year``)."""
    units = _countable(units)
    adoption, years = adoption_with_years(units)
    return {
        "total": adoption.total,
        "by_designated_year": _by_year(years),
        "by_reporting_year": _by_year(adoption_by_reporting_year(units)),
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


def adoption_by_reporting_year(units: QuerySet[PilotUnit]) -> list[YearAdoption]:
    """For each reporting year: how many units of the set have an approved annual record, and how many of
    them name each practice in that record's measures (what the records say, year by year)."""
    unit_ids = units.order_by().values("pk")
    approved = AnnualRecord.objects.filter(unit__in=unit_ids, status=RecordStatus.APPROVED)
    # A unit has one record a year (annual_record_unique_per_unit_year): its records are its units, no DISTINCT.
    totals = dict(approved.values_list("year").annotate(n=Count("pk")).order_by())
    rows = (
        Practice.objects.filter(record_measures__record__in=approved.values("pk"))
        .values_list("record_measures__record__year", "code")
        .annotate(n=Count("record_measures__record__unit", distinct=True))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {year: {} for year in totals}
    for year, code, n in rows:
        counts.setdefault(year, {})[code] = n
    return [YearAdoption(year, totals.get(year, 0), counts[year]) for year in sorted(counts)]


def _by_year(years: list[YearAdoption]) -> list[dict]:
    return [
        {
            "year": row.year,
            "total": row.total,
            "practices": [
                {"code": code, "count": n, "percent": round(100 * n / row.total) if row.total else 0}
                for code, n in sorted(row.counts.items())
            ],
        }
        for row in years
    ]


def adoption_table(data: dict, key: str) -> dict:
    """``data[key]`` (a practice panel's ``by_designated_year`` or ``by_reporting_year``) as a table:
    one row per practice, one cell per year (count and percent of that year's units)."""
    years = data.get(key) or []
    rows = []
    for area in data["areas"]:
        for practice in area["practices"]:
            cells = []
            for year in years:
                found = next((p for p in year["practices"] if p["code"] == practice["code"]), None)
                cells.append(found or {"code": practice["code"], "count": 0, "percent": 0})
            rows.append({"area": area["name"], "code": practice["code"], "name": practice["name"], "cells": cells})
    return {"years": [{"year": y["year"], "total": y["total"]} for y in years], "rows": rows}


# --- indicators ----------------------------------------------------------------------------------

OPEN_QUALIFIERS = {Qualifier.AT_LEAST: "≥", Qualifier.MORE_THAN: ">"}
APPROXIMATE_QUALIFIERS = {Qualifier.ABOUT: "≈", Qualifier.NEARLY: "≈"}
# The order in which the indicator panel offers the kinds of unit (federations first, then the
# units below them); the default is the kind with the most values.
KIND_ORDER = [
    UnitKind.CITY_FEDERATION,
    UnitKind.COUNTY_FEDERATION,
    UnitKind.STREET_FEDERATION,
    UnitKind.TOWNSHIP_FEDERATION,
    UnitKind.PARK_FEDERATION,
    UnitKind.TOWN_FEDERATION,
    UnitKind.COMMUNITY_UNION,
    UnitKind.VILLAGE_UNION,
    UnitKind.BUILDING_UNION,
    UnitKind.INDUSTRY_UNION,
    UnitKind.ENTERPRISE_UNION,
]


def qualified_display(value: Decimal, qualifier: str, unit_label: str, *, chinese: bool | None = None) -> str:
    """A value as people read it, its qualifier kept: "95%以上", "19,000余人", "近500人", "1,200人".

    ``chinese``: whether the request's language is Chinese (asked once by a caller printing many values).
    """
    text = readable(value)
    if chinese is None:
        chinese = _chinese()
    if not chinese:
        return english_qualified(f"{text}{unit_label}", qualifier)
    if qualifier == Qualifier.AT_LEAST:
        return f"{text}{unit_label}以上"
    if qualifier == Qualifier.MORE_THAN:
        return f"{text}余{unit_label}"
    if qualifier == Qualifier.ABOUT:
        return f"{text}{unit_label}左右"
    if qualifier == Qualifier.NEARLY:
        return f"近{text}{unit_label}"
    return f"{text}{unit_label}"


def _chinese() -> bool:
    return (get_language() or "zh").startswith("zh")


def readable(value, unit_label: str = "") -> str:
    """A number as people read it: thousands separated, no ".0" ("953,176", "52.5"), then the unit."""
    if value == int(value):  # a whole number (most figures): no decimal arithmetic
        return f"{int(value):,}{unit_label}"
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit_label}"


def _number(value) -> float | int:
    """A figure as JSON gives it: 1200, 52.5 (never 1200.0)."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def _plain(number: float) -> float | int:
    """A whole float as an int: 4200, never 4200.0, in the JSON and the tables."""
    return int(number) if float(number).is_integer() else number


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


def _group(values: list[float], qualified: int, unit_label: str = "") -> dict:
    ordered = sorted(values)
    total = round(math.fsum(ordered), 4)
    median = round(_quantile(ordered, 0.5), 4)
    return {
        "n": len(ordered),
        "sum": _plain(total),
        "median": _plain(median),
        "q1": _plain(round(_quantile(ordered, 0.25), 4)),
        "q3": _plain(round(_quantile(ordered, 0.75), 4)),
        "min": _number(ordered[0]),
        "max": _number(ordered[-1]),
        "qualified": qualified,
        "sum_display": readable(total, unit_label),
        "median_display": readable(median, unit_label),
    }


def _figures(
    units: QuerySet[PilotUnit], definition: IndicatorDefinition, kind: str | None = None
) -> tuple[QuerySet, str, str]:
    """One row per public figure of ``definition`` of the set (of its units of ``kind`` when given), with
    the paths to the figure's fields and to its unit's: ``(queryset, value_path, unit_path)``.

    The two databases read it best from opposite sides (the engine says which: ``joins_from_the_set``).
    PostgreSQL from the units' (the set's table joined once and hashed; a subquery of its ids would be
    hashed a second time); SQLite from the figures' (it walks the filtered set's ids, then the figures'
    index, where from the units' side it would visit every published unit to find a city's). Both read
    the figures from their index alone. The kind narrows the set itself, so SQLite walks only the ids
    of that kind (the units' status index holds it).
    """
    members = _countable(units)
    if kind is not None:
        members = members.filter(kind=kind)
    if get_engine().joins_from_the_set:
        value = "indicator_values__"
        rows = members.filter(pilot_selectors.public_value(value), **{f"{value}definition": definition})
        return rows, value, ""
    public = pilot_selectors.public_indicator_values()
    return public.filter(definition=definition, unit__in=members.values("pk")), "", "unit__"


def series_kinds(units: QuerySet[PilotUnit], definition: IndicatorDefinition) -> list[dict]:
    """The kinds of unit that have figures of ``definition``, most values first: how many units, values
    (a unit's year counts once, :func:`counted_figures`) and figures (every public one) each has; one
    grouped query."""
    figures, value, unit = _figures(units, definition)
    rows = (
        figures.values(unit_kind=F(f"{unit}kind"))
        .annotate(
            n_units=Count(f"{unit}pk", distinct=True),
            # A unit's year once: its key and the year as one number (years have four digits).
            n_values=Count(F(f"{unit}pk") * 10000 + F(f"{value}year"), distinct=True),
            n_figures=Count(f"{value}pk"),
        )
        .order_by()
    )
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    found = sorted(rows, key=lambda row: (-row["n_values"], order.get(row["unit_kind"], len(order)), row["unit_kind"]))
    return [
        {
            "kind": row["unit_kind"],
            "label": kind_label(row["unit_kind"]),
            "units": row["n_units"],
            "values": row["n_values"],
            "figures": row["n_figures"],
        }
        for row in found
    ]


def counted_figures(units: QuerySet[PilotUnit], definition: IndicatorDefinition, kind: str) -> tuple[dict, list]:
    """The figures of the units of ``kind``: per (unit, year) the one that counts, and every figure as
    ``(pk, unit_id, city_id, year, qualifier, unit_name, record, value)`` in a series' order (unit, year, key).

    Where a unit has several figures for one year, the approved record's counts, else the first
    imported one. Returns ``{(unit_id, year): (no_record, pk, city_id, value, qualifier)}`` and the
    list; one query reading only the columns the aggregates need, and the unit's name for the listed
    rows (read with the unit's kind and place, so the listing needs no second query for it)
    (:func:`_figures`; values as floats: no Decimal per row).
    """
    figures, value, unit = _figures(units, definition, kind)
    figures = (
        figures.values_list(
            f"{value}pk", f"{unit}pk", f"{unit}region__city_id", f"{value}year", f"{value}qualifier", f"{unit}name"
        )
        .annotate(record=F(f"{value}record_value__id"), number=Cast(f"{value}value", FloatField()))
        # In a series' order: a unit's figures of one year are adjacent, the listing's first rows a slice.
        .order_by(f"{unit}pk", f"{value}year", f"{value}pk")
    )
    # Read as the database gives the rows: Django's per-row converters would cost more than the query.
    rows = get_engine().plain_rows(figures)
    chosen: dict[tuple[int, int], tuple] = {}
    previous = None
    for pk, unit_id, city_id, year, qualifier, _name, record, number in rows:
        key = (unit_id, year)
        if key != previous:  # a unit's year: its first figure (the lowest key) ...
            chosen[key] = (record is None, pk, city_id, number, qualifier)
            previous = key
        elif record is not None and chosen[key][0]:  # ... unless a later one is an approved record's
            chosen[key] = (False, pk, city_id, number, qualifier)
    return chosen, rows


# The kinds' labels (lazy: translated when read), built once, not once per row.
_KIND_LABELS = dict(UnitKind.choices)


def kind_label(kind: str) -> str:
    return str(_KIND_LABELS.get(kind, kind))


def _changes(rows: list[dict], key) -> None:
    """Year-on-year change of each row's sum and median against the same ``key``'s previous year."""
    previous: dict = {}
    for row in sorted(rows, key=lambda r: r["year"]):
        before = previous.get(key(row))
        if before is not None and before["year"] == row["year"] - 1:
            row["change"] = {
                "from_year": before["year"],
                "sum": _plain(round(row["sum"] - before["sum"], 4)),
                "median": _plain(round(row["median"] - before["median"], 4)),
                "sum_percent": round(100 * (row["sum"] - before["sum"]) / before["sum"], 1) if before["sum"] else None,
            }
        else:
            row["change"] = None
        previous[key(row)] = row


def indicator_figures(
    units: QuerySet[PilotUnit],
    definition: IndicatorDefinition,
    *,
    limit: int | None = None,
    kind: str | None = None,
) -> dict:
    """One indicator over the set, for one kind of unit: per unit and year (value, qualifier, source),
    per city and year and per year (n, sum, median, quartiles, year-on-year change).

    One unit of analysis per number: a city federation's own figure ("本级") and the figures of the
    streets under it are never summed or box-plotted together. The aggregates and the listed values
    are those of ``kind`` (default: the kind with the most values); ``kinds`` lists every kind that
    has values, so the page offers them. Each row says the kind it counts.

    The series holds imported figures (published articles' and the fixtures') and approved annual
    records' values; where a unit has several figures for one year, one counts
    (:func:`counted_figures`). ``qualified`` counts the values that are open ranges or
    approximations ("95%以上" is ≥ 95): the sum and median use the printed number and say so.
    ``limit`` bounds the listed rows only; the aggregates cover every value of the kind.
    """
    kinds = series_kinds(units, definition)
    if not kind:
        kind = kinds[0]["kind"] if kinds else ""
    figures = {row["kind"]: row.pop("figures") for row in kinds}
    chosen, every = counted_figures(units, definition, kind) if kind in figures else ({}, [])
    unit_label = definition.local_unit_label
    label = kind_label(kind) if kind else ""
    # The counted figures by city and year and by year, and how many of each are qualified ("以上", "近").
    by_city: dict = defaultdict(list)
    qualified: dict = defaultdict(int)
    counted = set()
    exact = Qualifier.EXACT
    for (_unit, year), (_rank, pk, city_id, number, qualifier) in chosen.items():
        by_city[city_id, year].append(number)
        counted.add(pk)
        if qualifier != exact:
            qualified[city_id, year] += 1
            qualified[year] += 1
    by_year: dict = defaultdict(list)  # a year's figures: those of its cities
    for (_city, year), numbers in by_city.items():
        by_year[year].extend(numbers)
    cities = dict(Region.objects.cities().order_by("code").values_list("pk", "name"))
    city_order = {name: i for i, name in enumerate(cities.values())}  # the official order of the cities
    unplaced = _("未定位")
    columns = (
        "pk",
        "unit_id",
        "year",
        "value",
        "qualifier",
        "phrase",
        "source_article_id",
        "source_file",
        "record_value__record_id",
    )
    qualifiers = dict(Qualifier.choices)
    # The labels once, not once per row (gettext costs more than the rest of a row).
    record_label, article_label, import_label = _("年度报告"), _("文章"), _("导入数据")
    qualifier_labels = {code: str(label) for code, label in qualifiers.items()}
    chinese = _chinese()
    # The units' names and cities as the figures' read found them (every listed row is one of those figures).
    shown = every
    if limit is not None:
        # The first rows in the order of a unit's series (by unit, year): picked from the figures already
        # read (public, of the set and the kind), then read by their keys (not the whole set joined again).
        first = shown = every[:limit]  # the figures were read in that order
        position = {figure[0]: i for i, figure in enumerate(first)}
        found = get_engine().with_keys(IndicatorValue.objects.all(), list(position)).values_list(*columns).order_by()
        listed = sorted(found, key=lambda row: position[row[0]])
    else:
        rows = indicator_values(units, definition).filter(unit__kind=kind).values_list(*columns)
        listed = rows.order_by("unit_id", "year", "pk").iterator(chunk_size=2000)
    names = {figure[1]: figure[5] for figure in shown}
    unit_cities = {figure[1]: figure[2] for figure in shown}
    values = []
    for row in listed:
        pk, unit_id, year, value, qualifier, phrase, article, source_file, record = row
        name, city_id = names.get(unit_id, ""), unit_cities.get(unit_id)
        if record is not None:
            source = {"kind": "record", "label": record_label, "record": record, "article": None}
        elif article is not None:
            source = {"kind": "article", "label": article_label, "record": None, "article": article}
        else:
            source = {"kind": "import", "label": source_file or import_label, "record": None, "article": None}
        values.append(
            {
                "unit": {"id": unit_id, "name": name},
                "kind": kind,
                "kind_label": label,
                "city": cities.get(city_id, ""),
                "year": year,
                "value": _number(value),
                "qualifier": qualifier,
                "qualifier_display": qualifier_labels.get(qualifier, qualifier) if qualifier != Qualifier.EXACT else "",
                "open_range": qualifier in OPEN_QUALIFIERS,
                "display": qualified_display(value, qualifier, unit_label, chinese=chinese),
                "phrase": phrase,
                "source": source,
                "counted": pk in counted,
            }
        )
    city_rows = sorted(
        (
            {
                "city": cities.get(city_id, unplaced),
                "year": year,
                "kind": kind,
                "kind_label": label,
                **_group(numbers, qualified[city_id, year], unit_label),
            }
            for (city_id, year), numbers in by_city.items()
        ),
        key=lambda row: (row["year"], city_order.get(row["city"], len(city_order)), row["city"]),
    )
    year_rows = [
        {"year": year, "kind": kind, "kind_label": label, **_group(numbers, qualified[year], unit_label)}
        for year, numbers in sorted(by_year.items())
    ]
    _changes(city_rows, key=lambda row: row["city"])
    _changes(year_rows, key=lambda row: "")
    return {
        "indicator": {
            "code": definition.code,
            "name": definition.local_name,
            "unit": unit_label,
            "value_type": definition.value_type,
        },
        "kind": {"code": kind, "label": label},
        "kinds": kinds,
        "units": len({unit_id for unit_id, _year in chosen}),
        "values_count": figures.get(kind, 0),
        "values": values,
        "by_city": city_rows,
        "by_year": year_rows,
        "years": sorted(by_year),
    }


# --- reporting progress -------------------------------------------------------------------------


def narrowed_region(region: Region, data) -> Region:
    """The region the reporting panel shows rows for: the account's ``region``, or the city or county
    the filters name when it lies within it (scoped by the account first, then filtered)."""
    for name, regions in (("county", Region.objects.counties()), ("city", Region.objects.cities())):
        values = param_values(data, name)
        if len(values) != 1:
            continue
        found = regions.printed_as(str(values[0])).first()
        if found is not None and region.contains(found):
            return found
    return region


def reporting_units(data) -> QuerySet[PilotUnit] | None:
    """The units the library lists for the filters of ``data`` (the reporting panel counts those of them
    expected to report), or None without filters. Raises ``ValueError`` with the FilterSet's errors."""
    if not has_filters(data):
        return None
    filterset = unit_filter(data)
    if not filterset.is_valid():
        raise ValueError(filterset.errors)
    return filterset.qs


def reporting_progress(region: Region, year: int, units: QuerySet[PilotUnit] | None = None) -> dict:
    """``reports.selectors.reporting_rate`` of ``region`` for ``year`` among ``units`` (the filtered set,
    None for all), in the API's shape."""
    total, rows = reporting_rate(region, year, among=units)

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


# --- comparison ---------------------------------------------------------------------------------


def compare_practices(first: dict, second: dict) -> list[dict]:
    """Two answers of the practice panel side by side: each practice's share in both, and the difference
    in percentage points (second − first)."""
    shares = {p["code"]: p for area in second["areas"] for p in area["practices"]}
    rows = []
    for area in first["areas"]:
        for practice in area["practices"]:
            other = shares.get(practice["code"], {"count": 0, "percent": 0, "share": 0})
            rows.append(
                {
                    "area": area["name"],
                    "code": practice["code"],
                    "name": practice["name"],
                    "first": {"count": practice["count"], "total": first["total"], "percent": practice["percent"]},
                    "second": {"count": other["count"], "total": second["total"], "percent": other["percent"]},
                    "difference": other["percent"] - practice["percent"],
                }
            )
    return rows


def compare_indicator_years(first: dict, second: dict) -> list[dict]:
    """Two answers of the indicator panel (one kind of unit) year by year: n, sum and median in both,
    and the differences (second − first)."""
    years = sorted({row["year"] for row in first["by_year"]} | {row["year"] for row in second["by_year"]})
    a = {row["year"]: row for row in first["by_year"]}
    b = {row["year"]: row for row in second["by_year"]}
    unit = first["indicator"]["unit"]
    rows = []
    for year in years:
        left, right = a.get(year), b.get(year)
        rows.append({"year": year, **_side_by_side(left, right, unit)})
    return rows


def compare_indicator_cities(data: dict, first_year: int, second_year: int) -> list[dict]:
    """One answer of the indicator panel, two years side by side per city (n, sum, median, differences)."""
    unit = data["indicator"]["unit"]
    a = {row["city"]: row for row in data["by_city"] if row["year"] == first_year}
    b = {row["city"]: row for row in data["by_city"] if row["year"] == second_year}
    rows = []
    for city in [*a, *(c for c in b if c not in a)]:
        left, right = a.get(city), b.get(city)
        rows.append({"city": city, **_side_by_side(left, right, unit)})
    return rows


def _side_by_side(left: dict | None, right: dict | None, unit: str) -> dict:
    """Two groups' n, sum and median, and the differences (right − left) when both have values."""
    difference = None
    if left and right:
        difference = {
            "sum": _plain(round(right["sum"] - left["sum"], 4)),
            "median": _plain(round(right["median"] - left["median"], 4)),
            "sum_display": readable(right["sum"] - left["sum"], unit),
            "median_display": readable(right["median"] - left["median"], unit),
        }
    return {"first": _brief(left), "second": _brief(right), "difference": difference}


def _brief(row: dict | None) -> dict | None:
    if row is None:
        return None
    keys = ("n", "sum", "median", "sum_display", "median_display")
    return {key: row[key] for key in keys}
