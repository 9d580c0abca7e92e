"""The indicator panel's figures: one indicator over a set of units, for one kind of unit at a time,
per unit and year, per city and year and per year, printed as people read them (``readable``,
``qualified_display``).

Unit of analysis: a (unit, year) of one kind. Where a unit has several figures for a year, the
approved record's counts, else the first imported one (``counted_figures``); a city federation's own
figure and its streets' figures are never summed together (``indicator_figures``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, FloatField, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pilots import selectors as pilot_selectors
from pilots.figures import english_qualified
from pilots.models import IndicatorDefinition, IndicatorValue, PilotUnit, Qualifier, Region, UnitKind
from search.backends import get_engine

from .unit_sets import countable, unit_ids

# The per-unit rows an indicator answer lists (the aggregates always cover every value).
INDICATOR_ROWS_LIMIT = 1000

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


def plain(number: float) -> float | int:
    """A whole float as an int: 4200, never 4200.0, in the JSON and the tables."""
    return int(number) if float(number).is_integer() else number


def indicator_choices() -> QuerySet[IndicatorDefinition]:
    return IndicatorDefinition.objects.order_by("order", "code")


def indicator_values(units: QuerySet[PilotUnit], definition: IndicatorDefinition) -> QuerySet:
    """The public figures of ``definition`` for ``units``."""
    return pilot_selectors.public_indicator_values().filter(definition=definition, unit__in=unit_ids(units))


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
        "sum": plain(total),
        "median": plain(median),
        "q1": plain(round(_quantile(ordered, 0.25), 4)),
        "q3": plain(round(_quantile(ordered, 0.75), 4)),
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
    members = countable(units)
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
                "sum": plain(round(row["sum"] - before["sum"], 4)),
                "median": plain(round(row["median"] - before["median"], 4)),
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
