"""The dashboards in Debian's Chromium: the map and charts drawn, a filter applied, a county clicked.

Skipped only when /usr/bin/chromium is absent (failing in CI), like tests/library/test_browser.py,
whose fixtures it shares.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser import CHROMIUM_ARGS

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

OUTPUT = Path(settings.BASE_DIR) / "test-output" / "dashboards"

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


def _county_point(page):
    """Where 温岭市 is drawn on the map (pixel coordinates within the chart)."""
    return page.evaluate(
        """() => {
          const chart = window.portalDashboards.map;
          const feature = echarts.getMap('zhejiang').geoJSON.features.find(f => f.properties.name === '温岭市');
          return chart.convertToPixel({seriesIndex: 0}, feature.properties.cp);
        }"""
    )


@pytest.mark.parametrize(
    ("name", "viewport"),
    [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})],
)
def test_dashboard_draws_filters_and_opens_the_library_from_the_map(
    chromium,
    portal_url,
    tmp_path,
    name,
    viewport,
):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright

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
            for chart in ("map", "pilots-city", "pilots-year", "practices", "indicator-years", "indicator-cities"):
                page.wait_for_function(CANVAS_DRAWN, arg=f'[data-chart="{chart}"]')
            # The tables fold once the charts show their numbers; PNG buttons appear.
            expect(page.locator("#panel-map details.data-table")).not_to_have_attribute("open", "")
            expect(page.locator('[data-png="map"]')).to_be_visible()
            page.screenshot(path=str(OUTPUT / f"dashboard-{name}.png"), full_page=True)
            for panel in ("map", "pilots", "practices", "indicators"):
                page.locator(f"#panel-{panel}").screenshot(path=str(OUTPUT / f"panel-{panel}-{name}.png"))

            # The PNG of a chart downloads.
            with page.expect_download() as download:
                page.locator('[data-png="practices"]').click()
            assert Path(download.value.path()).read_bytes()[:4] == b"\x89PNG"

            # Apply a filter as a person does: choose a city, press the button.
            page.select_option("select[name=city]", "台州市")
            page.get_by_role("button", name="应用筛选").click()
            page.wait_for_url("**/dashboards/?*city=*")
            expect(page.locator('[data-chart="map"]')).to_have_attribute("data-drawn", "true")
            page.wait_for_function(CANVAS_DRAWN, arg='[data-chart="map"]')
            covers = page.locator("#panel-map .covers").inner_text()
            page.screenshot(path=str(OUTPUT / f"dashboard-{name}-taizhou.png"), full_page=True)

            # Click 温岭市 on the map: the library lists that county's units.
            page.locator('[data-chart="map"]').scroll_into_view_if_needed()
            # On a loaded machine the chart may still be settling after the scroll: read where the
            # county is drawn again before each click, and click again as a person would (3 tries).
            for attempt in range(3):
                x, y = _county_point(page)
                box = page.locator('[data-chart="map"]').bounding_box()
                page.mouse.click(box["x"] + x, box["y"] + y)
                try:
                    page.wait_for_url("**/cases/?*county=*", timeout=10_000)
                    break
                except PlaywrightTimeout:
                    if attempt == 2:
                        raise
            expect(page.locator(".chips")).to_contain_text("温岭市")
            for meta in page.locator(".case .meta").all_inner_texts():
                assert "温岭市" in meta
            assert covers  # the filtered dashboard said how many units it covered
            assert errors == []
        finally:
            browser.close()
    assert (OUTPUT / f"dashboard-{name}.png").stat().st_size > 20_000
