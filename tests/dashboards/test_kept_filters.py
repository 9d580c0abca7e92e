"""Every filter the dashboards were opened with stays in force: the ones the form has no field for
(a search term, a region), a value its selects do not offer and the second value of a multiple filter
are shown as chips ("检索词：看板乙 看板丁 ×") that the form submits with the rest, with JavaScript
(the panels redrawn from the API) and without it (the page reloaded), until their × takes them away.

The walks run on the committed province of ``conftest`` (on SQLite and PostgreSQL alike):
``q=看板乙 看板丁&words=any`` finds 乙 (a street federation) and 丁 (a community union) of 温岭市.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.dashboards.test_browser import CANVAS_DRAWN, OUTPUT, TABLE_ROWS, VIEWPORTS, _api, _open

TERM = "看板乙 看板丁"
IDLE = "() => !document.getElementById('dash-root').hasAttribute('aria-busy')"


def _indexed(province):
    from search.indexing import search_index_units

    search_index_units(unit_ids=[province[key].pk for key in ("a", "b", "c", "d", "outside")])


def _params(url) -> dict:
    return parse_qs(urlsplit(url).query)


def _tables_are_the_apis(page):
    """The pilots' and the indicator's tables hold the API's rows for the page's URL."""
    query = urlsplit(page.url).query
    pilots = _api(page, f"/api/dashboards/pilots/?{query}")
    dims = [("by_city", "地级市"), ("by_kind", "类型"), ("by_pilot_level", "试点层级"), ("by_year", "确定为试点年份")]
    assert page.evaluate(TABLE_ROWS, '[data-rows="pilots"]') == [
        [label, row["label"], str(row["count"])] for key, label in dims for row in pilots[key]
    ]
    indicators = _api(page, f"/api/dashboards/indicators/?{query}")
    assert page.evaluate(TABLE_ROWS, '[data-rows="indicator-values"]') == [
        [r["unit"]["name"], str(r["year"]), r["display"], r["qualifier_display"], r["source"]["label"]]
        for r in indicators["values"][:100]
    ]
    return pilots, indicators


@pytest.mark.browser
def test_a_search_term_stays_in_force_across_redraws_until_its_chip_is_removed(
    chromium, portal_url, tmp_path, committed_province
):
    from playwright.sync_api import expect, sync_playwright

    _indexed(committed_province)
    with sync_playwright() as playwright:
        browser = _open(playwright, chromium, tmp_path, VIEWPORTS[0][1])
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            # The indicator counted for community unions, which have no figures here: it stays asked for.
            page.goto(
                f"{portal_url}/dashboards/?q={TERM}&words=any&city=台州市&designated_year=2031"
                "&indicator_kind=community_union"
            )
            page.wait_for_function(CANVAS_DRAWN, arg='[data-chart="map"]')
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 2 家单位")
            # The scope is on the form, in words, each part removable.
            chips = page.locator("#dash-filters [data-chip]")
            expect(chips).to_have_count(2)
            expect(chips.nth(0)).to_contain_text(f"检索词：{TERM}")
            expect(chips.nth(1)).to_contain_text("多个词：任一词")
            expect(page.get_by_role("link", name=f"去掉“检索词：{TERM}”")).to_be_visible()
            OUTPUT.mkdir(parents=True, exist_ok=True)
            page.locator("#dash-filters").screenshot(path=str(OUTPUT / "kept-filters-desktop.png"))
            page.evaluate("window.notReloaded = true")

            # Another filter, changed with JavaScript: the term and its "any word" stay in force.
            page.select_option("select[name=kind]", "street_federation")
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 1 家单位")
            page.wait_for_function(IDLE)
            assert page.evaluate("window.notReloaded") is True
            params = _params(page.url)
            assert params["q"] == [TERM] and params["words"] == ["any"] and params["kind"] == ["street_federation"]
            assert params["indicator_kind"] == ["community_union"]
            expect(page.locator("select[name=indicator_kind]")).to_have_value("community_union")
            expect(page.locator("select[name=indicator_kind] option:checked")).to_have_text("社区工会（无数值）")
            pilots, indicators = _tables_are_the_apis(page)
            assert pilots["total"] == 1
            assert indicators["kind"]["code"] == "community_union" and indicators["values"] == []
            expect(page.locator(".view-summary")).to_contain_text(f"检索词：{TERM}")
            expect(chips).to_have_count(2)

            # Without the term: the counts widen to the city's street federations, the URL forgets it.
            page.locator('[data-chip][data-name="q"] [data-remove]').click()
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 2 家单位")
            page.wait_for_function(IDLE)
            assert page.evaluate("window.notReloaded") is True
            params = _params(page.url)
            assert "q" not in params and params["kind"] == ["street_federation"] and params["city"] == ["台州市"]
            pilots, _indicators = _tables_are_the_apis(page)
            assert pilots["total"] == 2
            expect(page.locator("#dash-filters [data-chip]")).to_have_count(1)
            expect(page.locator(".view-summary")).not_to_contain_text("检索词")

            # Back: the term is in force again, its chip with it.
            page.go_back()
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 1 家单位")
            expect(page.locator('[data-chip][data-name="q"]')).to_contain_text(TERM)
            assert _params(page.url)["q"] == [TERM]
            # On a phone the chips wrap within the form: nothing wider than the screen.
            page.set_viewport_size(VIEWPORTS[1][1])
            box = page.locator("#dash-filters").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390
            for chip in page.locator("#dash-filters [data-chip]").all():
                chip_box = chip.bounding_box()
                assert chip_box["x"] >= box["x"] and chip_box["x"] + chip_box["width"] <= box["x"] + box["width"]
            # The charts follow the new width after the page's resize handler (debounced 150 ms)
            # has run; until then their canvases keep the desktop width.
            page.wait_for_function("() => document.documentElement.scrollWidth <= 390", timeout=10_000)
            page.locator("#dash-filters").screenshot(path=str(OUTPUT / "kept-filters-phone.png"))
            assert errors == []
        finally:
            browser.close()


@pytest.mark.browser
def test_without_javascript_the_chips_are_submitted_and_removed_by_links(
    chromium, portal_url, tmp_path, committed_province
):
    from playwright.sync_api import expect, sync_playwright

    from pilots.models import Region

    _indexed(committed_province)
    wenling = Region.objects.counties().get(name="温岭市")
    with sync_playwright() as playwright:
        browser = _open(playwright, chromium, tmp_path / "nojs", VIEWPORTS[0][1], java_script_enabled=False)
        try:
            page = browser.new_page()
            page.goto(f"{portal_url}/dashboards/?q={TERM}&words=any&region={wenling.pk}&designated_year=2031")
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 2 家单位")
            expect(page.locator('[data-chip][data-name="region"]')).to_contain_text("区域：温岭市")
            page.select_option("select[name=kind]", "street_federation")
            with page.expect_navigation():
                page.get_by_role("button", name="应用筛选").click()
            params = _params(page.url)
            assert params["q"] == [TERM] and params["region"] == [str(wenling.pk)]
            assert params["kind"] == ["street_federation"]
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 1 家单位")
            with page.expect_navigation():
                page.locator('[data-chip][data-name="q"] [data-remove]').click()
            params = _params(page.url)
            assert "q" not in params and params["region"] == [str(wenling.pk)]
            assert params["kind"] == ["street_federation"]
            expect(page.locator("#panel-map .covers")).to_contain_text("覆盖 2 家单位")
            expect(page.locator('[data-chip][data-name="q"]')).to_have_count(0)
            expect(page.locator('[data-chip][data-name="region"]')).to_be_visible()
        finally:
            browser.close()


def _page(client, params):
    import lxml.html

    response = client.get("/dashboards/", params)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _text(node) -> str:
    return " ".join(node.text_content().split())


CHIPS = '//form[@id="dash-filters"]//*[@data-chip]'


@pytest.mark.django_db
def test_the_form_shows_what_it_can_and_keeps_the_rest_as_chips(client, province):
    from pilots.models import Region

    taizhou = Region.objects.cities().get(name="台州市")
    page = _page(
        client,
        {
            "q": "温岭",
            "region": str(taizhou.pk),
            "kind": ["street_federation", "community_union"],
            "city": "台州",  # a name the filter reads, not one of the select's options
            "year": "2011",  # a year without reports: not offered by the select
            "designated_year": "2031",
        },
    )
    form = page.get_element_by_id("dash-filters")
    chips = {(c.get("data-name"), c.get("data-value")): _text(c) for c in page.xpath(CHIPS)}
    assert chips == {
        ("q", "温岭"): "检索词：温岭 ×",
        ("region", str(taizhou.pk)): "区域：台州市 ×",
        ("city", "台州"): "地级市：台州 ×",
        ("kind", "community_union"): "类型：社区工会 ×",
        ("year", "2011"): "年度：2011 ×",
    }
    # Each chip is submitted with the form; the fields show the rest (one value each).
    hidden = sorted((i.get("name"), i.get("value")) for i in form.xpath('.//input[@type="hidden"]'))
    assert hidden == sorted(chips)
    assert form.xpath('.//select[@name="kind"]/option[@selected]/@value') == ["street_federation"]
    assert form.xpath('.//select[@name="city"]//option[@selected]') == []
    assert form.xpath('.//input[@name="designated_year"]/@value') == ["2031"]
    # Its × is a link to the same view without it.
    remove = form.xpath('.//*[@data-chip][@data-name="q"]//a[@data-remove]/@href')[0]
    assert parse_qs(urlsplit(remove).query) == {
        "region": [str(taizhou.pk)],
        "kind": ["street_federation", "community_union"],
        "city": ["台州"],
        "year": ["2011"],
        "designated_year": ["2031"],
    }
    # The indicator's kind asked for, without values here, stays chosen and says so.
    kind = _page(client, {"designated_year": "2031", "indicator_kind": "community_union"})
    options = kind.xpath('//select[@name="indicator_kind"]/option')
    assert [(o.get("value"), _text(o)) for o in options if o.get("selected") is not None] == [
        ("community_union", "社区工会（无数值）")
    ]
    # A page with nothing of the sort has no chips (the box is there, hidden, for the script).
    plain = _page(client, {"city": "台州市"})
    assert plain.xpath(CHIPS) == []
    assert plain.xpath("//*[@data-kept]/@hidden") == [""]


@pytest.mark.django_db
def test_the_chips_speak_english_on_the_english_page(client, province, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _page(client, {"q": "温岭", "kind": ["street_federation", "community_union"]})
    chips = [_text(c) for c in page.xpath(CHIPS)]
    assert len(chips) == 2, chips
    assert "检索词" not in chips[0] and "温岭" in chips[0], chips
    assert "社区工会" not in chips[1], chips
    assert "其他筛选条件" not in _text(page.xpath("//*[@data-kept]")[0])
