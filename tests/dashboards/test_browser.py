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

from tests.browser import CHROMIUM_ARGS

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


def _open(playwright, chromium, tmp_path, viewport):
    return playwright.chromium.launch_persistent_context(
        str(tmp_path / f"profile-{viewport['width']}"),
        executable_path=chromium,
        headless=True,
        args=CHROMIUM_ARGS,
        accept_downloads=True,
        viewport=viewport,
        locale="zh-CN",
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
    between finding it and taking its picture)."""
    from playwright.sync_api import Error

    for attempt in range(5):
        page.wait_for_function(CANVAS_DRAWN, arg=selector)
        try:
            return page.locator(f"{selector} canvas").first.screenshot()
        except Error as error:
            if "not attached" not in str(error) or attempt == 4:
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


@pytest.mark.parametrize(("name", "viewport"), VIEWPORTS)
def test_filters_redraw_without_reload_and_a_comparison_is_drawn(
    chromium, portal_url, tmp_path, committed_province, name, viewport
):
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
            # The first charts are drawn from the data in the page: no request to the API before them.
            asked = []
            page.on("request", lambda request: asked.append(request.url))
            assert page.locator("#data-map").count() == 1
            page.evaluate("window.notReloaded = true")
            # The county list follows the city.
            page.select_option("select[name=city]", "湖州市")
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 1 家单位")
            assert page.evaluate("window.notReloaded") is True  # the same page, redrawn
            assert "city=%E6%B9%96%E5%B7%9E%E5%B8%82" in page.url  # the URL keeps the state
            # The charts are redrawn from the dashboards' JSON API: each panel asked for with the filters,
            # and the panels put in afterwards carry their tables, not their data.
            for panel in ("map", "pilots", "practices", "indicators"):
                assert any(
                    f"/api/dashboards/{panel}/?" in url and "designated_year=2031" in url and "city=" in url
                    for url in asked
                ), (panel, asked)
            assert page.locator("#data-map, #data-pilots, #data-practices, #data-indicator").count() == 0
            page.wait_for_function(
                """() => {
                  const option = window.portalDashboards.map.getOption().series[0];
                  return option.data.reduce((sum, item) => sum + item.value, 0) === 1;
                }"""
            )
            visible = page.locator("select[name=county] optgroup:not([hidden])").evaluate_all(
                "groups => groups.map(g => g.label)"
            )
            assert visible == ["湖州市"]

            # Two regions side by side.
            page.select_option("select[name=city]", "台州市")
            page.select_option("select[name=compare_city]", "湖州市")
            expect(page.locator("#panel-compare h2")).to_contain_text("台州市 与 湖州市")
            page.locator('[data-chart="compare-practices"]').scroll_into_view_if_needed()  # drawn when near
            page.wait_for_function(CANVAS_DRAWN, arg='[data-chart="compare-practices"]')
            assert page.evaluate("window.notReloaded") is True
            page.locator("#panel-compare").screenshot(path=str(OUTPUT / f"compare-{name}.png"))
            row = page.locator("#panel-compare tr", has_text="网格化管理")
            expect(row).to_contain_text("-100")  # 台州市 100% (a, b), 湖州市 0% (c has no measure)

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
            assert errors == []
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
