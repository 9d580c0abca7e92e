"""A real headless Chromium (Debian's package) through search, facets, a case page and the CSV export.

CI runs these for real (.ci/run installs Chromium); elsewhere they are skipped only when
/usr/bin/chromium is absent, saying so.
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser import open_chromium

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

OUTPUT = Path(settings.BASE_DIR) / "test-output" / "library"


def test_search_facets_case_page_and_csv_export_in_a_real_browser(chromium, portal_url, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = open_chromium(
            playwright,
            chromium,
            tmp_path / "profile",  # a fresh --user-data-dir
            accept_downloads=True,
            viewport={"width": 390, "height": 844},  # a phone
            locale="zh-CN",  # a Chinese user's browser: English is the portal's second language
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.goto(f"{portal_url}/")
            page.fill("input[name=q]", "帮扶")
            page.press("input[name=q]", "Enter")
            page.wait_for_url("**/cases/?q=*")
            total = page.locator(".total").inner_text()
            expect(page.locator(".case").first).to_be_visible()
            expect(page.locator(".case mark").first).to_have_text("帮扶")

            # On the phone the filters sit above the results, folded: open them, then add two facets;
            # each shows as a chip and narrows the list.
            panel = page.locator(".facet-panel")
            assert panel.bounding_box()["y"] < page.locator(".results").bounding_box()["y"]
            expect(panel).not_to_have_attribute("open", "")
            page.locator(".facet-panel > summary").click()
            page.locator('[data-facet="city"] a', has_text="台州市").click()
            expect(page.locator(".chips")).to_contain_text("地级市：台州市")
            for meta in page.locator(".case .meta").all_inner_texts():
                assert "台州市" in meta
            page.locator('[data-facet="kind"] li a').first.click()
            expect(page.locator(".chips li")).to_have_count(3)  # two chips and "clear"
            assert "city=" in page.url and "kind=" in page.url
            page.screenshot(path=str(OUTPUT / "results.png"), full_page=True)

            # Remove the city chip: the kind stays, the city goes.
            page.locator(".chips a", has_text="地级市：台州市").click()
            expect(page.locator(".chips li")).to_have_count(2)
            assert "city=" not in page.url and "kind=" in page.url and page.locator(".total").inner_text() != total

            # Export what is listed as CSV.
            with page.expect_download() as download_info:
                page.locator(".export a", has_text="CSV").click()
            exported = Path(download_info.value.path()).read_bytes()
            assert exported.startswith("\ufeff".encode()) and "全称" in exported.decode("utf-8-sig")

            # Open a case: the search term is highlighted in its articles.
            name = page.locator(".case h2 a").first.inner_text()
            page.locator(".case h2 a").first.click()
            expect(page.locator("h1")).to_have_text(name)
            expect(page.locator(".article mark").first).to_have_text("帮扶")
        finally:
            browser.close()
    assert (OUTPUT / "results.png").stat().st_size > 10_000
    shutil.copy(OUTPUT / "results.png", tmp_path / "results.png")
