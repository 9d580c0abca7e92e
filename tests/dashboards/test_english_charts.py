"""The dashboards' charts in English, drawn in Debian's Chromium: no Chinese outside proper names.

Every chart of the page (the map, the pilots, the practices, the indicator by year and by city, a
comparison of two cities) is drawn in the English UI, and what ECharts was told to write is read
back from each chart: titles, legends, series names, axis names and axis labels. Chinese may remain
only in proper names, which the data itself declares: the map's regions and the cities and counties
the page's data lists (the map series' names, a city axis). The words the script adds to the page
(the map's legend, breadcrumbs, a county's unit list) are checked as the English crawl checks a page
(tests/test_english_crawl.py): outside elements marked ``lang="zh"``.
"""

import re

import pytest
from django.conf import settings

from tests.dashboards.test_browser import CANVAS_DRAWN, OUTPUT, _open
from tests.test_english_crawl import CHINESE, chinese_outside_names

# The province is committed (``committed_province``): the live server reads it on PostgreSQL too.
pytestmark = [pytest.mark.browser]

CHARTS = ("map", "pilots-city", "pilots-year", "practices", "indicator-years", "indicator-cities", "compare-practices")
# What ECharts writes on a chart, read from its option (categories of a value axis are numbers).
CHART_TEXTS = """() => {
  const out = {};
  for (const [key, chart] of Object.entries(window.portalDashboards)) {
    const o = chart.getOption();
    const texts = [];
    (o.title || []).forEach(t => texts.push(t.text, t.subtext));
    (o.legend || []).forEach(l => (l.data || []).forEach(d => texts.push(typeof d === 'string' ? d : d.name)));
    (o.series || []).forEach(s => { if (s.type !== 'map') texts.push(s.name); });
    const axes = [...(o.xAxis || []), ...(o.yAxis || [])];
    axes.forEach(a => {
      texts.push(a.name);
      (a.data || []).forEach(d => texts.push(typeof d === 'object' && d ? d.value : d));
    });
    out[key] = texts.filter(t => typeof t === 'string' && t);
  }
  return out;
}"""


def test_the_charts_speak_english_but_for_names(chromium, portal_url, committed_province, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from pilots.models import Region

    # Proper names as the data declares them: every region's name (cities, counties, streets).
    places = set(Region.objects.values_list("name", flat=True))
    with sync_playwright() as playwright:
        browser = _open(playwright, chromium, tmp_path, {"width": 1280, "height": 900})
        try:
            # The English UI, as the language switcher leaves it (the language cookie).
            browser.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": portal_url}])
            page = browser.new_page()
            page.set_default_timeout(30_000)
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{portal_url}/dashboards/?designated_year=2031&city=台州市&compare_city=湖州市")
            expect(page.locator("html")).to_have_attribute("lang", "en")
            page.wait_for_function("() => window.portalDashboardsReady && window.portalDashboards.map")
            for key in CHARTS:  # a chart far below the viewport is drawn when it comes near
                page.locator(f'[data-chart="{key}"]').scroll_into_view_if_needed()
            page.wait_for_function(
                "(keys) => keys.every(k => window.portalDashboards[k])", arg=list(CHARTS), timeout=30_000
            )
            page.wait_for_function(CANVAS_DRAWN, arg='[data-chart="practices"]')
            OUTPUT.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUTPUT / "dashboard-english-desktop.png"), full_page=True)
            texts = page.evaluate(CHART_TEXTS)
            assert set(CHARTS) <= set(texts), texts.keys()
            # The chart texts are read (and in English): the pilots' legend, the practices' names.
            assert "By year designated" in texts["pilots-year"], texts
            assert "Grid management" in texts["practices"], texts
            left = {
                chart: [text for text in words if CHINESE.search(text) and text not in places]
                for chart, words in texts.items()
            }
            assert not any(left.values()), left

            # The words the script writes into the page: the map's legend, after a click its breadcrumb.
            html = page.content()
            assert not chinese_outside_names(html), chinese_outside_names(html)
            legend = page.locator('[data-legend="map"] li').first
            expect(legend).to_have_text(re.compile(r"^0 units$"))

            # Redrawn from the API by the script: the lines, tables and comparison it builds are English
            # too, names apart.
            page.select_option("select[name=city]", "湖州市")
            expect(page.locator("#panel-map .covers")).to_contain_text("Covers 1 unit")
            page.wait_for_function("() => !document.getElementById('dash-root').hasAttribute('aria-busy')")
            expect(page.locator("#panel-compare h2")).to_contain_text("湖州市")
            html = page.content()
            assert not chinese_outside_names(html), chinese_outside_names(html)
            assert errors == []
        finally:
            browser.close()
