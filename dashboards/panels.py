"""Each panel's answer for a request's parameters: the one place the API and the HTML page get it from.

A panel's answer is computed by its selector (``dashboards.selectors``) over the library's filtered
set and remembered under the data's version (``dashboards.cache``); the page renders exactly what
the API answers for the same parameters.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from pilots.models import Region
from pilots.templatetags.proper_names import list_separator
from pilots.validation import parse_integer

from . import indicators, selectors, unit_sets
from .cache import cached_panel
from .forms import InputError, indicator_from, indicator_kind_from, reporting_request

PUBLIC_PANELS = ("map", "pilots", "practices", "indicators")


class FilterErrors(Exception):
    """The library's FilterSet rejected the parameters (``errors``: field → messages)."""

    def __init__(self, errors, form=None):
        super().__init__(str(errors))
        self.errors, self.form = errors, form


def units(params, **options):
    filterset = unit_sets.unit_filter(params, **options)
    if not filterset.is_valid():
        raise FilterErrors(filterset.errors, filterset.form)
    return filterset.qs


def map_panel(params) -> dict:
    return cached_panel("map", params, lambda: selectors.map_counts(units(params)))


def pilots_panel(params) -> dict:
    return cached_panel("pilots", params, lambda: selectors.pilot_counts(units(params)))


def practices_panel(params) -> dict:
    def compute():
        return selectors.practice_shares(units(params, default_kinds=selectors.PRACTICE_DEFAULT_KINDS))

    return cached_panel("practices", params, compute)


def indicators_panel(params, *, every_row: bool = False) -> dict:
    """The indicator panel; ``every_row``: every value listed (the exports), else the first rows."""
    definition = indicator_from(params)
    kind = indicator_kind_from(params)
    limit = None if every_row else indicators.INDICATOR_ROWS_LIMIT
    return cached_panel(
        "indicators",
        params,
        lambda: indicators.indicator_figures(units(params), definition, limit=limit, kind=kind),
        variant="all" if every_row else "rows",
    )


def reporting_panel(user, params) -> dict:
    """The reporting panel: scoped by the account first (``reports.permissions``), then filtered."""
    region, year = reporting_request(user, params)
    try:
        among = selectors.reporting_units(params)
    except ValueError as error:
        raise FilterErrors(error.args[0]) from error
    region = selectors.narrowed_region(region, params)
    return cached_panel(
        "reporting",
        unit_sets.filter_query(params, region=region.pk, year=year),
        lambda: selectors.reporting_progress(region, year, among),
        variant=date.today().isoformat(),  # "overdue" changes with the day, not only with the data
    )


def with_indicator(params):
    """``params`` with the indicator the page shows when none is named (``forms.DEFAULT_INDICATOR``)."""
    indicator = indicator_from(params, required=False)
    params = params.copy()
    params.setlist("indicator", [indicator.code] if indicator else [])
    return params


def compare_request(params) -> dict:
    """The comparison for ``/api/dashboards/compare/``: one of ``compare_city`` / ``compare_year`` is
    required (400 naming the field), the indicator defaults to the page's."""
    if not (params.get("compare_city") or "").strip() and not (params.get("compare_year") or "").strip():
        raise InputError("compare_city", _("请指定对比的地级市（compare_city）或对比年度（compare_year）。"))
    return compare_panel(with_indicator(params))


def compare_panel(params) -> dict | None:
    """Two regions (``compare_city`` beside the filtered place) or two years (``compare_year`` beside
    ``year``) side by side on the practice and indicator panels, with the differences; None when
    neither is asked for.

    Every row says the kind of unit it counts (``kind``, ``kind_label``: the practice rows the kinds the
    practice panel counts, the indicator rows the indicator panel's kind), and carries the strings the
    page prints (``display`` per side, ``difference_display``)."""
    other_city = (params.get("compare_city") or "").strip()
    other_year = (params.get("compare_year") or "").strip()
    if not other_city and not other_year:
        return None
    first = indicators_panel(params)
    kind = first["kind"]["code"]
    here = (params.get("county") or params.get("city") or "浙江省").strip()
    if other_city:
        # A NUL names no city and is not sent to the database (PostgreSQL refuses it in a string).
        if "\x00" in other_city or not Region.objects.cities().printed_as(other_city[:40]).exists():
            raise InputError("compare_city", _("对比的地级市“%(value)s”不存在。") % {"value": other_city[:40]})
        second_params = params.copy()
        second_params.setlist("city", [other_city])
        second_params.setlist("county", [])
        second_params.setlist("region", [])
        second_params.setlist("indicator_kind", [kind] if kind else [])
        practice_kind = _practice_kind(params)
        return {
            "mode": "regions",
            "first": here,
            "second": other_city,
            "kind": first["kind"],
            "practice_kind": practice_kind,
            "indicator": first["indicator"],
            "practices": [
                _practice_row(row, practice_kind)
                for row in selectors.compare_practices(practices_panel(params), practices_panel(second_params))
            ],
            "indicator_years": [
                _indicator_row(row, first["kind"])
                for row in selectors.compare_indicator_years(first, indicators_panel(second_params))
            ],
        }
    second_year = parse_integer(other_year)
    if second_year is None:
        raise InputError("compare_year", _("对比年度应为整数，收到“%(value)s”。") % {"value": other_year[:10]})
    years = first["years"]
    asked = parse_integer(params.get("year") or "")
    first_year = asked if asked in years else (years[-1] if years else None)
    return {
        "mode": "years",
        "first": first_year,
        "second": second_year,
        "kind": first["kind"],
        "indicator": first["indicator"],
        "indicator_cities": [
            _indicator_row(row, first["kind"])
            for row in selectors.compare_indicator_cities(first, first_year or 0, second_year)
        ],
    }


def _practice_kind(params) -> dict:
    """The kinds of unit the practice panel counts: the ``kind`` filter, else its default (streets)."""
    kinds = [k for k in params.getlist("kind") if k] or [str(k) for k in selectors.PRACTICE_DEFAULT_KINDS]
    return {"code": ",".join(kinds), "label": list_separator().join(indicators.kind_label(k) for k in kinds)}


def _practice_row(row: dict, kind: dict) -> dict:
    for side in ("first", "second"):
        share = row[side]
        numbers = {"p": share["percent"], "c": share["count"], "t": share["total"]}
        share["display"] = _("%(p)s%%（%(c)s/%(t)s）") % numbers
    difference = row["difference"]
    return {**row, "kind": kind["code"], "kind_label": kind["label"], "difference_display": _signed(difference)}


def _indicator_row(row: dict, kind: dict) -> dict:
    for side in ("first", "second"):
        if row[side]:
            row[side]["display"] = _("%(n)s 家，中位数 %(median)s") % {
                "n": row[side]["n"],
                "median": row[side]["median_display"],
            }
    difference = row["difference"]
    shown = difference["median_display"] if difference and difference["median_display"] else "—"
    return {**row, "kind": kind["code"], "kind_label": kind["label"], "difference_display": shown}


def _signed(number) -> str:
    return f"+{number}" if number > 0 else str(number)


__all__ = [
    "FilterErrors",
    "InputError",
    "compare_panel",
    "compare_request",
    "indicators_panel",
    "map_panel",
    "pilots_panel",
    "practices_panel",
]
