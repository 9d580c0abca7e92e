"""The dashboards' statistics: one named selector per panel, over a set of units the caller filtered.

Every selector returns the panel's data as plain JSON-ready dicts; the page renders its tables from
them, the static JS module draws them, the API answers them and the CSV is built from them — so a
number on a chart, in its table, in the API and in the CSV is computed once. The set of units is
always ``pilots.selectors.public_units()`` narrowed by the library's ``PilotUnitFilter``
(``dashboards.unit_sets``), so "杭州市, street federations" means the same here, in the library and in
an export; drafts never count. The indicator panel's figures are ``dashboards.indicators``.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict

from django.contrib.staticfiles import finders
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from pilots.models import (
    PilotLevel,
    PilotUnit,
    Practice,
    Region,
    RegionLevel,
    UnitKind,
)
from pilots.statistics import YearAdoption, adoption_with_years
from reports.models import AnnualRecord, RecordStatus
from reports.selectors import deadline_for, reporting_rate

from .indicators import kind_label, plain, readable
from .unit_sets import countable, has_filters, param_values, unit_filter

# The practice panel counts the street pilots unless the selection names kinds, as the overview does.
PRACTICE_DEFAULT_KINDS = [UnitKind.STREET_FEDERATION]


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
    grouped = countable(units).values_list("region_id").annotate(n=Count("pk")).order_by()
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
            countable(units)
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
        countable(units)
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
    units = countable(units)
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
            "sum": plain(round(right["sum"] - left["sum"], 4)),
            "median": plain(round(right["median"] - left["median"], 4)),
            "sum_display": readable(right["sum"] - left["sum"], unit),
            "median_display": readable(right["median"] - left["median"], unit),
        }
    return {"first": _brief(left), "second": _brief(right), "difference": difference}


def _brief(row: dict | None) -> dict | None:
    if row is None:
        return None
    keys = ("n", "sum", "median", "sum_display", "median_display")
    return {key: row[key] for key in keys}
