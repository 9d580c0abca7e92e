"""In Chromium, under the strict Content-Security-Policy: nothing is blocked, the language menu
still switches, Swagger UI renders, and the error pages are Chinese, on a desktop and a phone."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import Role
from accounts.services import account_setup
from tests.browser import open_chromium

pytestmark = [pytest.mark.django_db, pytest.mark.browser]
OUTPUT = Path(settings.BASE_DIR) / "test-output" / "hardening"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("device", VIEWPORTS)
def test_csp_pages_and_error_pages_in_a_real_browser(chromium, portal_url, tmp_path, settings, home_unit, device):
    from playwright.sync_api import expect, sync_playwright

    settings.DEBUG = False  # the custom error pages, as in production
    account_setup(username="csp_sub", role=Role.SUBMITTER, unit=home_unit, password="Csp-Submitter-2026")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    violations = []
    with sync_playwright() as playwright:
        browser = open_chromium(
            playwright,
            chromium,
            tmp_path / "profile",
            viewport=VIEWPORTS[device],
            locale="zh-CN",
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.on(
                "console",
                lambda message: (
                    violations.append((page.url, message.text[:90])) if "Content Security" in message.text else None
                ),
            )

            # The language menu switches on change (static/js/portal.js), its button hidden.
            page.goto(f"{portal_url}/")
            expect(page.locator("form.lang button")).to_be_hidden()
            page.select_option("select[name=language]", "en")
            page.wait_for_load_state("load")
            expect(page.locator("html")).to_have_attribute("lang", "en")
            page.select_option("select[name=language]", "zh-hans")
            page.wait_for_load_state("load")
            expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

            page.goto(f"{portal_url}/api/docs/")
            expect(page.locator(".swagger-ui .info .title")).to_be_visible()
            page.screenshot(path=str(OUTPUT / f"api-docs-{device}.png"))

            page.goto(f"{portal_url}/cases/no-such-page/")
            expect(page.locator("h1")).to_have_text("页面不存在（404）")
            page.screenshot(path=str(OUTPUT / f"404-{device}.png"), full_page=True)

            # The server thread has its own PostgreSQL connection: the account made in this test's
            # transaction is invisible to it, so the signed-in part runs on SQLite only.
            if connection.vendor == "sqlite":
                page.goto(f"{portal_url}/accounts/login/")
                page.fill("input[name=username]", "csp_sub")
                page.fill("input[name=password]", "Csp-Submitter-2026")
                page.locator("main form button[type=submit]").click()
                page.wait_for_load_state("load")
                page.goto(f"{portal_url}/reporting-rate/")
                expect(page.locator("h1")).to_have_text("无权访问（403）")
                page.screenshot(path=str(OUTPUT / f"403-{device}.png"), full_page=True)
        finally:
            browser.close()
    assert not violations, violations
