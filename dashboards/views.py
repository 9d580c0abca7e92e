"""``/dashboards/``: every panel as a table first (server-rendered), drawn by static/dashboards/dashboards.js.

The page renders the panels' answers as the API gives them (``dashboards.panels``, the same
remembered answers), and keeps the library's filters as its FilterSet declares them
(``unit_sets.FILTER_NAMES``): nothing is computed here that the API does not answer.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from library.filters import PilotUnitFilter
from pilots.models import EARLIEST_YEAR, LATEST_YEAR, ArticleColumn, PilotLevel, PracticeArea, Region, UnitKind
from pilots.spreadsheets import content_disposition
from pilots.validation import parse_integer
from reports.permissions import Action, has_right

from . import indicators, panels, selectors, tables, unit_sets, workbook
from .forms import InputError, indicator_from, indicator_kind_from, reporting_years

API_PANELS = ("map", "pilots", "practices", "indicators", "reporting", "compare")
TEMPLATE = "dashboards/dashboard.html"
# The dashboard's own parameters beside the library's filters (kept in links and in the URL).
PAGE_PARAMS = ["indicator", "indicator_kind", "year", "compare_city", "compare_year"]


def _query(pairs) -> str:
    return urlencode(list(pairs))


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
        "indicators": indicators.indicator_choices(),
        "years": reporting_years(),
    }


# The form's fields and the values each can show (``None``: any value, typed in); the fields that hold
# one value (the last one counts, as the FilterSet reads it) and those that may hold several.
# Parameters the form has no field for, besides the FilterSet's (the indicator has one on the panel).
PAGE_LABELS = {"year": _lazy("年度"), "compare_city": _lazy("对比地级市"), "compare_year": _lazy("对比年度")}
# The library's single-valued filters as its FilterSet declares them, and the page's own (one value each).
SINGLE_VALUED = {*unit_sets.SINGLE_FILTERS, *PAGE_LABELS}


def _field_options(choices) -> dict:
    cities = {city.name for city in choices["cities"]}
    years = {str(year) for year in choices["years"]}
    return {
        "city": cities,
        "county": {county.name for _city, counties in choices["counties"] for county in counties},
        "kind": {str(value) for value, _label in choices["kinds"]},
        "pilot_level": {str(value) for value, _label in choices["levels"]},
        "area": {area.code for area in choices["areas"]},
        "practice": {p.code for area in choices["areas"] for p in area.practices.all()},
        "column": {str(value) for value, _label in choices["columns"]},
        "designated_year": None,
        "year": years,
        "compare_city": cities,
        "compare_year": years,
    }


def form_state(data, choices) -> tuple[dict, list[dict]]:
    """What the form shows of ``data``, and every filter in force it has no place for, as chips.

    A parameter the form has no field for (``q``, ``words``, ``region``), a value its select does not
    offer (``city=台州``, a year without reports) and the second value of a multiple filter
    (``kind=a&kind=b``) stay in force as a chip: a hidden input the form submits with the rest (so a
    change made with JavaScript or without keeps them), its label and value in words, and a link that
    removes it. Returns (field → the values it shows, chips).
    """
    options = _field_options(choices)
    shown: dict[str, list[str]] = {}
    chips = []
    for name in [*unit_sets.FILTER_NAMES, *PAGE_LABELS]:
        values = [str(v) for v in unit_sets.param_values(data, name)]
        if name in SINGLE_VALUED:
            values = values[-1:]
        allowed = options.get(name, set())
        fits = [v for v in values if allowed is None or v in allowed][:1]
        shown[name] = fits
        for value in values:
            if value not in fits:
                chips.append({"name": name, "value": value})
    if chips:
        words = _chip_words(chips)
        for chip in chips:
            chip["label"], chip["words"] = words[(chip["name"], chip["value"])]
            chip["place"] = chip["name"] in workbook.PLACE_FILTERS
            chip["single"] = chip["name"] in SINGLE_VALUED
            chip["remove"] = "?" + _query(
                (k, v) for k, vs in data.lists() for v in vs if v and (k, v) != (chip["name"], chip["value"])
            )
    return shown, chips


def _chip_words(chips) -> dict:
    """Each chip's (label, value in words), as the view's summary line prints them."""
    words = {}
    listed = {}
    for name in {chip["name"] for chip in chips}:
        if name in PAGE_LABELS:
            continue
        values = [chip["value"] for chip in chips if chip["name"] == name]
        query = QueryDict(mutable=True)
        query.setlist(name, values)
        for label, in_words, _places in workbook.filters_listed(query):
            listed[name] = (label, dict(zip(values, in_words, strict=True)))
    for chip in chips:
        name, value = chip["name"], chip["value"]
        if name in PAGE_LABELS:
            words[(name, value)] = (str(PAGE_LABELS[name]), value)
        else:
            label, in_words = listed[name]
            words[(name, value)] = (label, in_words.get(value, value))
    return words


def _errors(data) -> list[str]:
    errors = []
    filterset = unit_sets.unit_filter(data)
    if not filterset.is_valid():
        fields = PilotUnitFilter.base_filters
        errors = [f"{fields[name].label}：{' '.join(msgs)}" for name, msgs in filterset.errors.items()]
    for read in (lambda: indicator_from(data, required=False), lambda: indicator_kind_from(data)):
        try:
            read()
        except InputError as error:
            errors.append(error.message)
    return errors


def dashboard(request):
    data = request.GET
    choices = _choices()
    shown, chips = form_state(data, choices)
    context = {
        "choices": choices,
        "earliest_year": EARLIEST_YEAR,
        "latest_year": LATEST_YEAR,
        "selected": {**{key: data.getlist(key) for key in PAGE_PARAMS}, **shown},
        "chips": chips,
        # What the script needs to redraw the panels from the API: the library's filters (its links keep
        # them), the kinds the practice panel counts without a ``kind``.
        "script": {
            "filters": {name: str(PilotUnitFilter.base_filters[name].label) for name in unit_sets.FILTER_NAMES},
            "places": sorted(workbook.PLACE_FILTERS),
            "practice_kinds": [str(kind) for kind in selectors.PRACTICE_DEFAULT_KINDS],
            "urls": {
                "library": reverse("library-cases"),
                "case": reverse("library-case", args=[0]),
                "article": reverse("library-article", args=[0]),
                "workbook": reverse("dashboards-workbook"),
                "reporting_rate": reverse("reports:reporting-rate"),
                **{name: reverse(f"dashboards-api-{name}") for name in API_PANELS},
            },
        },
    }
    context["errors"] = _errors(data)
    if context["errors"]:
        return render(request, TEMPLATE, context, status=400)

    indicator = indicator_from(data, required=False)
    params = data.copy()
    params.setlist("indicator", [indicator.code])
    filters = unit_sets.filter_pairs(data)
    library = reverse("library-cases")
    api = {name: reverse(f"dashboards-api-{name}") for name in API_PANELS}
    practice_filters = unit_sets.filter_pairs(
        unit_sets.unit_filter(data, default_kinds=selectors.PRACTICE_DEFAULT_KINDS).data
    )
    indicator_pairs = [*filters, ("indicator", indicator.code)]
    if data.get("indicator_kind"):
        indicator_pairs.append(("indicator_kind", data["indicator_kind"]))
    indicator_data = panels.indicators_panel(params)
    context.update(
        {
            "filter_query": _query(filters),
            "library_url": f"{library}?{_query(filters)}",
            # A county clicked on the map replaces the place filters: the library then lists its units.
            "map_query": _query(unit_sets.filter_pairs(data, without={"city", "county", "region"})),
            "map": panels.map_panel(data),
            "pilots": (pilots := panels.pilots_panel(data)),
            "pilot_rows": tables.pilot_rows(pilots),
            "practices": (practices := panels.practices_panel(data)),
            "adoption_designated": selectors.adoption_table(practices, "by_designated_year"),
            "adoption_reported": selectors.adoption_table(practices, "by_reporting_year"),
            "practice_default": not data.getlist("kind"),
            "practice_library_url": f"{library}?{_query(practice_filters)}",
            "indicator": indicator,
            "indicator_data": indicator_data,
            "indicator_year": _shown_year(indicator_data, data.get("year")),
            "api": api,
            "csv": {
                "map": f"{api['map']}?{_query([*filters, ('format', 'csv')])}",
                "pilots": f"{api['pilots']}?{_query([*filters, ('format', 'csv')])}",
                "practices": f"{api['practices']}?{_query([*practice_filters, ('format', 'csv')])}",
                "indicators": f"{api['indicators']}?{_query([*indicator_pairs, ('format', 'csv')])}",
                "indicator_cities": f"{api['indicators']}?"
                + _query([*indicator_pairs, ("table", "cities"), ("format", "csv")]),
                "xlsx": f"{reverse('dashboards-workbook')}?{request.GET.urlencode()}",
            },
            "geojson": "vendor/zhejiang/zhejiang.json",
            "today": timezone.localdate(),
        }
    )
    # A kind asked for that has no values stays chosen (the select offers the kinds with values).
    context["kind_unoffered"] = bool(data.get("indicator_kind")) and indicator_data["kind"]["code"] not in {
        row["kind"] for row in indicator_data["kinds"]
    }
    context["indicator_latest"] = [r for r in indicator_data["by_city"] if r["year"] == context["indicator_year"]]
    try:
        context["compare"] = panels.compare_panel(params)
    except InputError as error:
        context["errors"] = [error.message]
        return render(request, TEMPLATE, context, status=400)
    context["export_context"] = {
        "portal": _(workbook.PORTAL_NAME),
        "source": _(workbook.SOURCE_LINE),
        "filters": workbook.filters_sentence(data),
        "place": workbook.place_words(data),
        "data_date": workbook.data_date().isoformat(),
        "today": timezone.localdate().isoformat(),
        "kind": indicator_data["kind"]["label"],
    }
    # The same filters on the page, their place names marked as such.
    context["filters_listed"] = workbook.filters_listed(data)
    context["reporting"] = _reporting(request, api["reporting"])
    return render(request, TEMPLATE, context)


def _shown_year(data: dict, asked: str | None) -> int | None:
    """The year whose figures per city are shown: the one asked for when it has values, else the latest."""
    years = data.get("years") or [row["year"] for row in data["by_year"]]
    year = parse_integer(asked or "")
    if year is not None and year in years:
        return year
    return years[-1] if years else None


def _reporting(request, api_url: str) -> dict | None:
    """The reporting panel for reviewers and staff only: scoped by the account, then filtered."""
    if not has_right(request.user, Action.VIEW_RATE):
        return None
    try:
        data = dict(panels.reporting_panel(request.user, request.GET))
    except InputError as error:
        return {"error": error.message}
    except (PermissionDenied, Http404, panels.FilterErrors):
        return None
    pairs = [*unit_sets.filter_pairs(request.GET, without={"region"}), ("region", data["region"]["id"])]
    data["csv"] = f"{api_url}?{_query([*pairs, ('year', data['year']), ('format', 'csv')])}"
    others = [(k, v) for k, v in request.GET.lists() if k != "year" for v in v if v]
    data["years"] = [(y, f"?{_query([*others, ('year', str(y))])}#panel-reporting") for y in reporting_years()]
    return data


def dashboard_workbook(request):
    """``/dashboards/workbook/``: the whole view (the page's parameters) as one XLSX workbook."""
    data = request.GET
    errors = _errors(data)
    if errors:
        return HttpResponse("\n".join(errors), status=400, content_type="text/plain; charset=utf-8")
    indicator = indicator_from(data, required=False)
    params = data.copy()
    params.setlist("indicator", [indicator.code])
    indicator_data = panels.indicators_panel(params, every_row=True)
    sheets = [
        ("地图（县级）", tables.map_table(panels.map_panel(data))),
        ("试点单位构成", tables.pilot_table(panels.pilots_panel(data))),
        ("做法采用", tables.practice_table(panels.practices_panel(data))),
        (f"{indicator.name}（分市）", tables.indicator_city_table(indicator_data)),
        (f"{indicator.name}（逐单位）", tables.indicator_table(indicator_data)),
    ]
    reporting = _reporting(request, reverse("dashboards-api-reporting"))
    if reporting and "error" not in reporting:
        sheets.append(("报送进度", tables.reporting_table(reporting)))
    today = timezone.localdate()
    kind = indicator_data["kind"]["label"]
    context_rows = [
        ("门户", workbook.PORTAL_NAME),
        ("内容", "统计概览"),
        ("筛选", workbook.filters_sentence(data)),
        ("指标", f"{indicator.name}（{indicator.unit_label}），统计{kind}" if kind else indicator.name),
        ("数据日期", workbook.data_date().isoformat()),
        ("导出日期", today.isoformat()),
        ("来源", workbook.SOURCE_LINE),
        ("网址", request.build_absolute_uri(f"{reverse('dashboards')}?{data.urlencode()}")),
    ]
    body = workbook.render_workbook(sheets, context_rows)
    filename = f"统计概览-{workbook.place_words(data)}-{today:%Y-%m-%d}.xlsx"
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition(filename)
    return response
