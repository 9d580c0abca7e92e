"""The dashboards in Debian's Chromium, as a person uses them on a desktop and on a phone.

The map is drawn, keeps Zhejiang's real proportions (measured on a screenshot), has a legend of
classes; a county click zooms to its city, a second click lists the county's units, the breadcrumb
goes back; a filter redraws the panels without reloading the page and the URL keeps it; a comparison
is drawn; a PNG downloads with a Chinese name and its title inside. Skipped only when
/usr/bin/chromium is absent (failing in CI), like tests/library/test_browser.py.
"""

import io
import json
import math
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone

from tests.browser import open_chromium

# The walks' province is committed (``committed_province``) and deleted afterwards: the live server
# reads it on its own connection, on PostgreSQL as on SQLite.
pytestmark = [pytest.mark.browser]

OUTPUT = Path(settings.BASE_DIR) / "test-output" / "dashboards"
VIEWPORTS = [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})]

# Whether the chart's canvas holds anything but transparent pixels (ECharts paints on the next frame).
CANVAS_DRAWN = """(selector) => {
  const canvas = document.querySelector(selector + ' canvas');
  if (!canvas || !canvas.width) return false;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) return true; }
  return false;
}"""


def _open(playwright, chromium, tmp_path, viewport, **options):
    return open_chromium(
        playwright,
        chromium,
        tmp_path / f"profile-{viewport['width']}",
        accept_downloads=True,
        viewport=viewport,
        locale="zh-CN",
        **options,
    )


def geojson_ratio(city: str = "") -> float:
    """Width ÷ height of the vendored outline in its own coordinates, longitude shrunk by the cosine of
    the middle latitude (equal distances east and north drawn equal): Zhejiang's real proportions."""
    from dashboards.selectors import decoded_geojson

    features = decoded_geojson()["features"]
    if city:
        features = [f for f in features if f["properties"]["city"] == city]
    xs, ys = [], []

    def walk(c):
        if isinstance(c[0], int | float):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for part in c:
                walk(part)

    for feature in features:
        walk(feature["geometry"]["coordinates"])
    scale = math.cos(math.radians((min(ys) + max(ys)) / 2))
    return (max(xs) - min(xs)) * scale / (max(ys) - min(ys))


def drawn_ratio(png: bytes) -> float:
    """Width ÷ height of what is painted (not white) on a screenshot of the map's canvas alone."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    mask = image.point(lambda v: 255 if v < 245 else 0).convert("L")
    left, top, right, bottom = mask.getbbox()
    return (right - left) / (bottom - top)


def _county_point(page, name="温岭市"):
    """Where a county is drawn on the map (pixel coordinates within the chart)."""
    return page.evaluate(
        """(name) => {
          const chart = window.portalDashboards.map;
          const option = chart.getOption().series[0];
          const feature = echarts.getMap(option.map).geoJSON.features.find(f => f.properties.name === name);
          return chart.convertToPixel({seriesIndex: 0}, feature.properties.cp);
        }""",
        name,
    )


def _chart_image(page, selector: str) -> bytes:
    """The chart's canvas as a PNG, once it is drawn and still there: the chart may put in a new canvas
    when the page is resized (a full-page screenshot resizes it; CI's phone walk met a canvas replaced
    between finding it and taking its picture, and PostgreSQL's phone walk one no longer shown)."""
    from playwright.sync_api import Error

    for attempt in range(5):
        page.wait_for_function(CANVAS_DRAWN, arg=selector)
        try:
            return page.locator(f"{selector} canvas").first.screenshot()
        except Error as error:
            # Replaced mid-picture: the old node is detached, or still in the page but no longer shown.
            replaced = "not attached" in str(error) or "not visible or not an HTMLElement" in str(error)
            if not replaced or attempt == 4:
                raise
            page.wait_for_timeout(200)
    raise AssertionError("unreachable")


def _click_county(page, name):
    page.locator('[data-chart="map"]').scroll_into_view_if_needed()
    x, y = _county_point(page, name)
    box = page.locator('[data-chart="map"]').bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


@pytest.mark.parametrize(("name", "viewport"), VIEWPORTS)
def test_the_map_keeps_its_proportions_and_drills_down(
    chromium, portal_url, tmp_path, committed_province, name, viewport
):
    from playwright.sync_api import expect, sync_playwright

    from pilots.selectors import public_units

    # Read before Playwright runs its event loop in this thread (the ORM refuses an async context).
    listed = sorted(public_units().filter(region__county__name="温岭市").values_list("name", flat=True))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = _open(playwright, chromium, tmp_path, viewport)
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{portal_url}/")
            page.get_by_role("link", name="统计概览").click()
            page.wait_for_url("**/dashboards/")
            expect(page.locator('[data-chart="map"]')).to_have_attribute("data-drawn", "true")
            # A chart far below the viewport is drawn when it comes near.
            for chart in ("map", "pilots-city", "pilots-year", "practices", "indicator-years", "indicator-cities"):
                page.locator(f'[data-chart="{chart}"]').scroll_into_view_if_needed()
                page.wait_for_function(CANVAS_DRAWN, arg=f'[data-chart="{chart}"]')
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(OUTPUT / f"dashboard-{name}.png"), full_page=True)

            # Real proportions: the drawn outline's width ÷ height within 10% of the GeoJSON's own.
            ratio = drawn_ratio(_chart_image(page, '[data-chart="map"]'))
            assert abs(ratio / geojson_ratio() - 1) < 0.10, (ratio, geojson_ratio())
            # A legend of classes: zero and one in colours told apart.
            legend = page.locator('[data-legend="map"] li')
            expect(legend.first).to_have_text("0 家")
            colours = page.locator('[data-legend="map"] .swatch').evaluate_all(
                "nodes => nodes.map(n => getComputedStyle(n).backgroundColor)"
            )
            assert len(set(colours)) == len(colours) >= 2

            # Click 温岭市 on the province: the map zooms to 台州市's counties, in their proportions.
            _click_county(page, "温岭市")
            expect(page.locator('[data-chart="map"]')).to_have_attribute("data-level", "city")
            expect(page.locator('[data-crumbs="map"]')).to_contain_text("台州市")
            page.wait_for_timeout(300)
            ratio = drawn_ratio(_chart_image(page, '[data-chart="map"]'))
            assert abs(ratio / geojson_ratio("台州市") - 1) < 0.10, (ratio, geojson_ratio("台州市"))
            page.locator("#panel-map").screenshot(path=str(OUTPUT / f"map-taizhou-{name}.png"))

            # Click 温岭市 again: its units are listed on the panel, with links to the library.
            _click_county(page, "温岭市")
            units = page.locator('[data-units="map"]')
            expect(units).to_contain_text(f"温岭市：{len(listed)} 家试点单位")
            assert sorted(units.locator("li a").all_inner_texts()) == listed
            assert {committed_province["a"].name, committed_province["d"].name} <= set(listed)
            # Back to the province by the breadcrumb.
            page.locator('[data-crumb="province"]').click()
            expect(page.locator('[data-chart="map"]')).to_have_attribute("data-level", "province")
            assert errors == []
        finally:
            browser.close()


# What the page shows of its panels, as text: every summary line, heading, caption, table row (cells
# apart) and offered kind outside hidden parts; the same view opened fresh must read the same.
VIEW_TEXT = r"""() => {
  const t = s => s.replace(/\s+/g, ' ').trim();
  const out = [];
  const parts = ['[data-slot]:not([data-slot=adoption])', 'h2', 'caption', 'tr', 'select[name=indicator_kind] option'];
  document.querySelectorAll(parts.map(p => '#dash-panels ' + p).join(', ')).forEach(n => {
    if (n.closest('[hidden]')) return;
    const text = n.nodeName === 'TR' ? Array.from(n.cells).map(c => t(c.textContent)).join(' | ') : t(n.textContent);
    out.push(text);
  });
  return out;
}"""

# The rows of a table as its cells' texts.
TABLE_ROWS = r"""(selector) => Array.from(document.querySelectorAll(selector + ' tr')).map(
  tr => Array.from(tr.cells).map(c => c.textContent.replace(/\s+/g, ' ').trim()))"""


def _change(change) -> str:
    """The year-on-year change as the page prints it: "320%" (never "320.0%"), empty when not computable."""
    if not change:
        return "—"
    percent = change["sum_percent"]
    return "" if percent is None else f"{int(percent) if float(percent).is_integer() else percent}%"


def _api(page, path):
    return page.evaluate("(url) => fetch(url).then(r => r.json())", path)


def _no_overlap_and_fits(page):
    """The page is not wider than the viewport, and the panels' blocks do not overlap one another."""
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    overlaps = page.evaluate(
        """() => {
          const found = [];
          document.querySelectorAll('#dash-filters, #dash-panels > *, .panel > *').forEach(parent => {
            const kids = Array.from(parent.parentNode.children).filter(n => n.offsetParent !== null);
            const a = parent.getBoundingClientRect();
            if (!a.width || !a.height) return;
            kids.forEach(other => {
              if (other === parent) return;
              const b = other.getBoundingClientRect();
              if (!b.width || !b.height) return;
              const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (x > 1 && y > 1) found.push([parent.className || parent.id, other.className || other.id]);
            });
          });
          return found;
        }"""
    )
    assert overlaps == []


@pytest.mark.parametrize(("name", "viewport"), VIEWPORTS)
def test_filters_redraw_every_panel_from_the_api_without_reload(
    chromium, portal_url, tmp_path, committed_province, name, viewport
):
    """A filter change redraws the charts, the summary lines and the tables from the JSON API: no reload
    (a marker on the window survives), no request for HTML, the tables' rows are the API's rows, and the
    URL holds the view (opened fresh, it reads the same). The county list follows the city."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = _open(playwright, chromium, tmp_path, viewport)
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{portal_url}/dashboards/?designated_year=2031")
            page.wait_for_function(CANVAS_DRAWN, arg='[data-chart="map"]')
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 4 家单位")
            asked = []
            page.on("request", lambda request: asked.append(request))
            assert page.locator("#data-map").count() == 1
            page.evaluate("window.notReloaded = true")

            page.select_option("select[name=city]", "台州市")
            # The lines and tables of every panel, with the city's numbers.
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 3 家单位")
            expect(page.locator("#panel-pilots .covers")).to_contain_text(
                "覆盖 3 家单位：街道总工会 2 家、社区工会 1 家"
            )
            expect(page.locator("#panel-practices .covers")).to_contain_text("街道总工会 2 家")
            expect(page.locator("#panel-indicators .covers")).to_contain_text("街道总工会 2 家 · 4 个数值")
            expect(page.locator(".view-summary")).to_contain_text("地级市：台州市")
            page.wait_for_function("() => !document.getElementById('dash-root').hasAttribute('aria-busy')")
            assert page.evaluate("window.notReloaded") is True  # the same page, redrawn
            assert "city=%E5%8F%B0%E5%B7%9E%E5%B8%82" in page.url  # the URL keeps the state
            # Only the JSON API was asked: no HTML fragment, no page.
            fetched = [r for r in asked if r.resource_type in ("fetch", "xhr", "document")]
            assert fetched and all("/api/dashboards/" in r.url for r in fetched), [r.url for r in fetched]
            assert not any("x-dashboard-panels" in r.headers for r in asked)
            for panel in ("map", "pilots", "practices", "indicators"):
                assert any(f"/api/dashboards/{panel}/?" in r.url and "city=" in r.url for r in fetched), panel
            assert page.locator("#data-map, #data-pilots, #data-practices, #data-indicator").count() == 0
            visible = page.locator("select[name=county] optgroup:not([hidden])").evaluate_all(
                "groups => groups.map(g => g.label)"
            )
            assert visible == ["台州市"]
            page.wait_for_function(
                """() => {
                  const option = window.portalDashboards.map.getOption().series[0];
                  return option.data.reduce((sum, item) => sum + item.value, 0) === 3;
                }"""
            )

            # The tables hold the API's rows, as the API prints them.
            query = page.url.split("?", 1)[1]
            pilots = _api(page, f"/api/dashboards/pilots/?{query}")
            dims = [
                ("by_city", "地级市"),
                ("by_kind", "类型"),
                ("by_pilot_level", "试点层级"),
                ("by_year", "确定为试点年份"),
            ]
            assert page.evaluate(TABLE_ROWS, '[data-rows="pilots"]') == [
                [label, row["label"], str(row["count"])] for key, label in dims for row in pilots[key]
            ]
            indicators = _api(page, f"/api/dashboards/indicators/?{query}")
            assert page.evaluate(TABLE_ROWS, '[data-rows="indicator-years"]') == [
                [
                    str(r["year"]),
                    str(r["n"]),
                    r["sum_display"],
                    r["median_display"],
                    _change(r["change"]),
                    str(r["qualified"]),
                ]
                for r in indicators["by_year"]
            ]
            assert page.evaluate(TABLE_ROWS, '[data-rows="indicator-values"]') == [
                [r["unit"]["name"], str(r["year"]), r["display"], r["qualifier_display"], r["source"]["label"]]
                for r in indicators["values"][:100]
            ]
            assert ["温岭市看板乙街道总工会", "2019", "3,000人", "", "导入数据"] in page.evaluate(
                TABLE_ROWS, '[data-rows="indicator-values"]'
            ) or any(row[2] == "3,000人" for row in page.evaluate(TABLE_ROWS, '[data-rows="indicator-values"]'))
            practices = _api(page, f"/api/dashboards/practices/?{query}")
            assert page.evaluate(TABLE_ROWS, '[data-rows="practices"]') == [
                [area["name"], p["name"], f"{p['count']} / {practices['total']}（{p['percent']}%）"]
                for area in practices["areas"]
                for p in area["practices"]
            ]
            shown = page.evaluate(VIEW_TEXT)

            # Two regions side by side, from /api/dashboards/compare/.
            page.select_option("select[name=compare_city]", "湖州市")
            expect(page.locator("#panel-compare h2")).to_contain_text("台州市 与 湖州市")
            page.wait_for_function("() => !document.getElementById('dash-root').hasAttribute('aria-busy')")
            assert any("/api/dashboards/compare/?" in r.url and "compare_city=" in r.url for r in asked)
            page.locator('[data-chart="compare-practices"]').scroll_into_view_if_needed()  # drawn when near
            page.wait_for_function(CANVAS_DRAWN, arg='[data-chart="compare-practices"]')
            assert page.evaluate("window.notReloaded") is True
            page.locator("#panel-compare").screenshot(path=str(OUTPUT / f"compare-{name}.png"))
            compared = _api(page, f"/api/dashboards/compare/?{page.url.split('?', 1)[1]}")
            tables = page.evaluate(TABLE_ROWS, "#panel-compare tbody")
            practice_rows = [
                [r["name"], r["first"]["display"], r["second"]["display"], r["difference_display"]]
                for r in compared["practices"]
            ]
            year_rows = [
                [
                    str(r["year"]),
                    (r["first"] or {}).get("display", "—"),
                    (r["second"] or {}).get("display", "—"),
                    r["difference_display"],
                ]
                for r in compared["indicator_years"]
            ]
            assert tables == practice_rows + year_rows
            expect(page.locator("#panel-compare tr", has_text="网格化管理")).to_contain_text("100%（2/2）0%（0/1）-100")
            assert not any(r.resource_type == "document" for r in asked)
            _no_overlap_and_fits(page)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(OUTPUT / f"redrawn-{name}.png"), full_page=True)
            compared_view = page.evaluate(VIEW_TEXT)

            # The URL holds the whole state: opened fresh, the view reads the same.
            fresh = browser.new_page()
            fresh.goto(page.url)
            fresh.wait_for_function("window.portalDashboardsReady === true")
            assert fresh.evaluate(VIEW_TEXT) == compared_view
            assert fresh.locator("select[name=city]").input_value() == "台州市"
            assert fresh.locator("select[name=compare_city]").input_value() == "湖州市"
            fresh.close()

            # Back: the previous view, redrawn from the API again (no comparison).
            page.go_back()
            expect(page.locator("#panel-compare")).to_be_hidden()
            page.wait_for_function("() => !document.getElementById('dash-root').hasAttribute('aria-busy')")
            assert page.evaluate(VIEW_TEXT) == shown
            assert page.evaluate("window.notReloaded") is True

            # The PNG stands alone: a Chinese name, its title inside.
            with page.expect_download() as download:
                page.locator('[data-png="practices"]').click()
            today = timezone.localdate().isoformat()
            assert download.value.suggested_filename == f"统计概览-做法采用-台州市-{today}.png"
            from PIL import Image

            with Image.open(download.value.path()) as image:
                info = dict(image.info)
            assert info["Title"] == "改革做法采用情况 · 台州市"
            assert "地级市：台州市" in info["Description"]
            assert "浙江省基层工会改革试点案例库" in info["Source"]

            # A city whose figures are of one year: the note says so, redrawn in place.
            page.select_option("select[name=city]", "湖州市")
            expect(page.locator("#panel-indicators .covers")).to_contain_text("街道总工会 1 家 · 1 个数值")
            expect(page.locator("#panel-indicators .covers .only-year")).to_have_text("仅有 2019 年数据")
            expect(page.locator("#panel-practices .covers")).to_contain_text("街道总工会 1 家")
            assert page.evaluate("window.notReloaded") is True

            # The whole province (with the units listed off the map: city federations, development
            # zones), first as served, then redrawn by the script: never wider than the viewport.
            page.goto(f"{portal_url}/dashboards/")
            page.wait_for_function("window.portalDashboardsReady === true")
            _no_overlap_and_fits(page)
            page.select_option("select[name=city]", "杭州市")
            expect(page.locator(".view-summary")).to_contain_text("地级市：杭州市")
            page.wait_for_function("() => !document.getElementById('dash-root').hasAttribute('aria-busy')")
            _no_overlap_and_fits(page)
            assert errors == []
        finally:
            browser.close()


MARKUP = '<img src=x onerror="window.injected=1">'


@pytest.fixture
def committed_markup_unit(committed_province):
    """A published unit whose name holds markup, with a figure (listed in the indicator's table)."""
    from pilots.models import PilotLevel
    from tests.factories import a_street, a_unit, a_value

    unit = a_unit(
        f"温岭市{MARKUP}街道总工会",
        region=a_street("看板标记街道", "温岭市"),
        pilot_level=PilotLevel.CITY_COUNTY,
        designated_year=2031,
    )
    a_value(unit, "members", 800, year=2019, phrase="800名").save()
    unit.refresh_from_db()  # the name as stored (spaces taken out)
    assert "<img" in unit.name and "onerror=" in unit.name
    return unit


def test_data_never_becomes_markup_when_the_panels_are_redrawn(chromium, portal_url, tmp_path, committed_markup_unit):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = _open(playwright, chromium, tmp_path, VIEWPORTS[0][1])
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{portal_url}/dashboards/?designated_year=2031")
            page.wait_for_function("window.portalDashboardsReady === true")
            page.select_option("select[name=city]", "台州市")
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 4 家单位")
            page.wait_for_function("() => !document.getElementById('dash-root').hasAttribute('aria-busy')")
            # The name is shown as text, in the table the script built; no element came of it.
            names = page.evaluate(TABLE_ROWS, '[data-rows="indicator-values"]')
            assert committed_markup_unit.name in [row[0] for row in names]
            assert page.locator("#dash-root img").count() == 0
            page.locator("#panel-indicators details.data-table summary").click()
            expect(
                page.locator('[data-rows="indicator-values"] a', has_text=committed_markup_unit.name)
            ).to_be_visible()
            page.locator("#panel-indicators").screenshot(path=str(OUTPUT / "markup-as-text.png"))
            page.wait_for_timeout(300)
            assert page.evaluate("window.injected") is None
        finally:
            browser.close()


def test_without_javascript_the_form_filters_by_reloading(chromium, portal_url, tmp_path, committed_province):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = open_chromium(
            playwright,
            chromium,
            tmp_path / "profile-nojs",
            viewport=VIEWPORTS[0][1],
            locale="zh-CN",
            java_script_enabled=False,
        )
        try:
            page = browser.new_page()
            page.goto(f"{portal_url}/dashboards/?designated_year=2031")
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 4 家单位")
            page.select_option("select[name=city]", "台州市")
            page.select_option("select[name=compare_city]", "湖州市")
            with page.expect_navigation():
                page.get_by_role("button", name="应用筛选").click()
            assert "city=%E5%8F%B0%E5%B7%9E%E5%B8%82" in page.url
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 3 家单位")
            expect(page.locator("#panel-pilots .covers")).to_contain_text("街道总工会 2 家、社区工会 1 家")
            expect(page.locator("#panel-compare h2")).to_contain_text("台州市 与 湖州市")
            expect(page.locator("#panel-compare tr", has_text="网格化管理")).to_contain_text("-100")
        finally:
            browser.close()


def test_the_vendored_chart_code_and_map_are_light():
    code = Path(finders.find("vendor/echarts/echarts.min.js")).stat().st_size
    geo = Path(finders.find("vendor/zhejiang/zhejiang.json")).stat().st_size
    assert code + geo <= 600_000, (code, geo)
    assert len(json.loads(Path(finders.find("vendor/zhejiang/zhejiang.json")).read_text())["features"]) == 89


def test_committed_rows_are_seen_by_another_connection_and_deleted_afterwards(committed_db, django_db_blocker):
    """What the walks stand on: the province is committed (a second connection, as the live server's,
    reads it) and every row it added is gone afterwards (``committed_db`` orders the test among the walks)."""
    from django.db import connections

    from pilots.models import IndicatorValue, PilotUnit, ReformMeasure, Region
    from tests.browser import committed_rows
    from tests.dashboards.conftest import build_province

    tables = [PilotUnit, Region, ReformMeasure, IndicatorValue]
    with django_db_blocker.unblock():
        before = {model: model.objects.count() for model in tables}
        with committed_rows():
            province = build_province()
            other = connections.create_connection("default")
            try:
                with other.cursor() as cursor:
                    cursor.execute("SELECT name FROM pilots_pilotunit WHERE id = %s", [province["a"].pk])
                    assert cursor.fetchone() == (province["a"].name,)
            finally:
                other.close()
        assert {model: model.objects.count() for model in tables} == before
        assert not PilotUnit.objects.filter(name__contains="看板").exists()
