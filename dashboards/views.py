"""``/dashboards/``: every panel as a table first (server-rendered), drawn by static/dashboards/dashboards.js."""

from datetime import date
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from pilots.models import ArticleColumn, PilotLevel, PracticeArea, Region, UnitKind
from reports.permissions import Action, has_right

from . import selectors, tables
from .cache import cached_panel
from .forms import InputError, indicator_from, reporting_request, reporting_years

# Parameters the page keeps when it links to the library or to the API (the library's filters).
FILTER_PARAMS = [
    "q",
    "city",
    "county",
    "region",
    "kind",
    "pilot_level",
    "practice",
    "area",
    "column",
    "designated_year",
]


def _query(pairs: list[tuple[str, str]]) -> str:
    return urlencode(pairs)


def _filter_pairs(data, *, without=()) -> list[tuple[str, str]]:
    return [(key, value) for key in FILTER_PARAMS if key not in without for value in data.getlist(key) if value]


def _choices():
    cities = list(Region.objects.cities().order_by("code"))
    by_city: dict = {}
    for county in Region.objects.counties().select_related("city").order_by("code", "name"):
        by_city.setdefault(county.city.name if county.city else "", []).append(county)
    return {
        "cities": cities,
        "counties": [(city.name, by_city.get(city.name, [])) for city in cities],
        "kinds": UnitKind.choices,
        "levels": [c for c in PilotLevel.choices if c[0] != PilotLevel.NONE],
        "areas": PracticeArea.objects.prefetch_related("practices").order_by("order", "code"),
        "columns": ArticleColumn.choices,
        "indicators": selectors.indicator_choices(),
    }


def dashboard(request):
    data = request.GET
    filterset = selectors.unit_filter(data)
    context = {"choices": _choices(), "selected": {key: data.getlist(key) for key in [*FILTER_PARAMS, "indicator"]}}
    errors = []
    if not filterset.is_valid():
        errors = [f"{filterset.form.fields[name].label}：{' '.join(msgs)}" for name, msgs in filterset.errors.items()]
    try:
        indicator = indicator_from(data, required=False)
    except InputError as error:
        errors.append(error.message)
        indicator = None
    context["errors"] = errors
    if errors:
        return render(request, "dashboards/dashboard.html", context, status=400)

    units = filterset.qs
    filters = _filter_pairs(data)
    library = reverse("library-cases")
    context["filter_query"] = _query(filters)
    context["library_url"] = f"{library}?{_query(filters)}"
    # A county clicked on the map replaces the place filters: the library then lists its units.
    context["map_query"] = _query(_filter_pairs(data, without={"city", "county", "region"}))
    api = {
        name: reverse(f"dashboards-api-{name}") for name in ("map", "pilots", "practices", "indicators", "reporting")
    }

    # The same cached answers as the API's (dashboards.cache): same panel, same filters, same data version.
    map_data = cached_panel("map", data, lambda: selectors.map_counts(units))
    pilots = cached_panel("pilots", data, lambda: selectors.pilot_counts(units))
    practice_set = selectors.unit_filter(data, default_kinds=selectors.PRACTICE_DEFAULT_KINDS)
    practice_set.is_valid()
    practices = cached_panel("practices", data, lambda: selectors.practice_shares(practice_set.qs))
    practice_filters = _filter_pairs(practice_set.data)
    indicator_params = data.copy()
    indicator_params.setlist("indicator", [indicator.code])
    indicator_data = cached_panel(
        "indicators",
        indicator_params,
        lambda: selectors.indicator_figures(units, indicator, limit=selectors.INDICATOR_ROWS_LIMIT),
        variant="rows",
    )
    context.update(
        {
            "map": map_data,
            "pilots": pilots,
            "pilot_rows": tables.pilot_rows(pilots),
            "practices": practices,
            "practice_default": not data.getlist("kind"),
            "practice_library_url": f"{library}?{_query(practice_filters)}",
            "indicator": indicator,
            "indicator_data": indicator_data,
            "indicator_latest": _latest_by_city(indicator_data),
            "csv": {
                "map": f"{api['map']}?{_query([*filters, ('format', 'csv')])}",
                "pilots": f"{api['pilots']}?{_query([*filters, ('format', 'csv')])}",
                "practices": f"{api['practices']}?{_query([*practice_filters, ('format', 'csv')])}",
                "indicators": f"{api['indicators']}?"
                + _query([*filters, ("indicator", indicator.code), ("format", "csv")]),
                "indicator_cities": f"{api['indicators']}?"
                + _query([*filters, ("indicator", indicator.code), ("table", "cities"), ("format", "csv")]),
            },
            "geojson": "vendor/zhejiang/zhejiang.json",
        }
    )
    context["reporting"] = _reporting(request, api["reporting"])
    return render(request, "dashboards/dashboard.html", context)


def _latest_by_city(data: dict) -> list[dict]:
    """Per city, the figures of the latest year with values (the bar chart beside the box plot)."""
    if not data["by_year"]:
        return []
    latest = data["by_year"][-1]["year"]
    return [row for row in data["by_city"] if row["year"] == latest]


def _reporting(request, api_url: str) -> dict | None:
    """The reporting panel for reviewers and staff only, scoped by reports.permissions."""
    if not has_right(request.user, Action.VIEW_RATE):
        return None
    try:
        region, year = reporting_request(request.user, {"year": request.GET.get("year", ""), "region": ""})
    except InputError as error:
        return {"error": error.message}
    except (PermissionDenied, Http404):
        return None
    data = dict(
        cached_panel(
            "reporting",
            {"region": region.pk, "year": year},
            lambda: selectors.reporting_progress(region, year),
            variant=date.today().isoformat(),
        )
    )
    data["csv"] = f"{api_url}?{_query([('region', str(region.pk)), ('year', str(year)), ('format', 'csv')])}"
    others = _filter_pairs(request.GET) + [("indicator", v) for v in request.GET.getlist("indicator") if v]
    data["years"] = [(y, f"?{_query([*others, ('year', str(y))])}#panel-reporting") for y in reporting_years()]
    return data
