"""An editor reviews an imported page in Chromium, on a desktop and on a phone (390 px).

Logs in through the login form, opens the import, rejects one figure, accepts the piece, publishes,
and sees the article on the public case page. Screenshots land in test-output/curation/.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.test.testcases import LiveServerThread

from accounts.models import Role
from accounts.services import account_setup
from pilots.models import Article, IndicatorValue, PilotUnit
from tests.browser import open_chromium

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.browser]

OUTPUT = Path(settings.BASE_DIR) / "test-output" / "curation"
PASSWORD = "Review-Imports-2024"


@contextmanager
def _editor_on_imports(chromium, portal_url, tmp_path, viewport):
    """Chromium at ``viewport`` (width, height), logged in as ``editor1`` through the login form the
    import list sends a visitor to, on the import list."""
    from playwright.sync_api import sync_playwright

    width, height = viewport
    with sync_playwright() as playwright:
        browser = open_chromium(
            playwright,
            chromium,
            tmp_path / "profile",
            viewport={"width": width, "height": height},
            locale="zh-CN",
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.goto(f"{portal_url}/imports/")
            page.wait_for_url("**/accounts/login/**")
            page.fill("input[name=username]", "editor1")
            page.fill("input[name=password]", PASSWORD)
            page.locator("form button[type=submit], form input[type=submit]").last.click()
            page.wait_for_url("**/imports/")
            yield page
        finally:
            browser.close()


@pytest.fixture
def portal_url(settings, monkeypatch):
    """The portal on a free port, its thread sharing this test's connection on every database.

    The import and the editor's account are made inside the test's transaction: on PostgreSQL too
    the server must see them, so it uses the same connection (requests and the test never run at
    the same time: the test waits for the browser).
    """
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    connection = connections["default"]
    connection.inc_thread_sharing()
    # As Django's test client does: a request's end must not close the shared connection; the
    # server's request threads close theirs when done, a no-op here as for in-memory SQLite.
    monkeypatch.setattr(connection, "close", lambda: None)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override={"default": connection}, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    connection.dec_thread_sharing()


@pytest.mark.parametrize(("device", "viewport"), [("desktop", (1280, 900)), ("phone", (390, 844))])
def test_an_editor_reviews_accepts_part_and_publishes(chromium, portal_url, imported, tmp_path, device, viewport):
    from playwright.sync_api import expect

    account_setup(username="editor1", role=Role.EDITOR, password=PASSWORD)
    unit = PilotUnit.objects.get(name="余姚市凤山街道总工会")  # the ORM stays outside Playwright's event loop
    OUTPUT.mkdir(parents=True, exist_ok=True)
    width = viewport[0]
    with _editor_on_imports(chromium, portal_url, tmp_path, viewport) as page:
        page.screenshot(path=str(OUTPUT / f"imports-{device}.png"), full_page=True)
        page.locator("a", has_text="union-page.txt").click()
        expect(page.locator("h1")).to_have_text("union-page.txt")

        piece = page.locator("section.piece", has=page.locator("h2", has_text="职工之家焕新颜"))
        expect(piece.locator(".source")).to_contain_text("本报讯 通讯员张三、李四报道")
        expect(piece.locator("input[name=reporters]")).to_have_value("张三、李四")
        page.screenshot(path=str(OUTPUT / f"review-{device}.png"), full_page=True)
        # The review screen fits the device: nothing is wider than the viewport (390 px on a phone).
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 8)
                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width, wide
        piece.locator("table.proposals").scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / f"review-{device}-proposals.png"))  # what the screen shows

        # Every figure but the funds is rejected, the funds corrected to 65; the measure rejected.
        rows = piece.locator("table.proposals tbody tr")
        for index in range(rows.count()):
            row = rows.nth(index)
            decision = row.locator("select[name$='-decision']")
            is_funds = row.locator("select[name$='-indicator']").count() and (
                row.locator("select[name$='-indicator']").input_value() == "funds_invested"
            )
            if is_funds:
                row.locator("input[name$='-value']").fill("65")
                decision.select_option("accepted")
            else:
                decision.select_option("rejected")
        piece.locator("button", has_text="接受本篇").click()
        expect(page.locator(".messages")).to_contain_text("已接受该篇")
        page.locator(".publish-bar button").click()
        expect(page.locator(".messages")).to_contain_text("已发布 1 篇")
        piece = page.locator("section.piece", has=page.locator("h2", has_text="职工之家焕新颜"))
        expect(piece.locator(".piece-head .status")).to_have_text("已发布")
        piece.locator("details.history summary").click()
        expect(piece.locator("details.history")).to_contain_text("editor1")
        page.screenshot(path=str(OUTPUT / f"published-{device}.png"), full_page=True)
        page.screenshot(path=str(OUTPUT / f"published-{device}-history.png"))

        page.goto(f"{portal_url}/cases/{unit.pk}/")
        expect(page.locator("body")).to_contain_text("职工之家焕新颜")
    article = Article.objects.get(source_file="union-page.txt", headline="职工之家焕新颜")
    assert article.status == "published"
    assert [(v.definition.code, v.value) for v in IndicatorValue.objects.filter(source_article=article)] == [
        ("funds_invested", 65)
    ]
    assert not unit.measures.filter(title="职工之家焕新颜").exists()
    for name in ("imports", "review", "published"):
        assert (OUTPUT / f"{name}-{device}.png").stat().st_size > 10_000


@pytest.mark.parametrize(("device", "viewport"), [("desktop", (1280, 900)), ("phone", (390, 844))])
def test_an_editor_places_a_new_unit_the_page_names_without_a_place(chromium, portal_url, tmp_path, device, viewport):
    """The screen says the page gives no place; accepting as printed is refused with that message;
    with the full name typed in, the piece is accepted and published with its unit placed."""
    from playwright.sync_api import expect

    from tests.importing.test_unplaced_units import UNION_SITE_ITEM

    from .conftest import run_import

    path = tmp_path / "union-site-item.txt"
    path.write_text(UNION_SITE_ITEM, encoding="utf-8")
    run_import(path)
    account_setup(username="editor1", role=Role.EDITOR, password=PASSWORD)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    width = viewport[0]
    with _editor_on_imports(chromium, portal_url, tmp_path, viewport) as page:
        page.locator("a", has_text="union-site-item.txt").click()
        piece = page.locator("section.piece").first
        expect(piece.locator("input[name=unit]")).to_have_value("百丈镇总工会")
        expect(piece).to_contain_text("原文没有写明它所在的市、县")
        piece.locator("button", has_text="接受本篇").click()
        expect(page.locator(".messages")).to_contain_text("新单位“百丈镇总工会”原文没有写明所在的市、县")
        page.screenshot(path=str(OUTPUT / f"new-unit-{device}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        piece = page.locator("section.piece").first
        piece.locator("input[name=unit]").fill("泰顺县百丈镇总工会")
        piece.locator("button", has_text="接受本篇").click()
        expect(page.locator(".messages")).to_contain_text("已接受该篇")
        page.locator(".publish-bar button").click()
        expect(page.locator(".messages")).to_contain_text("已发布 1 篇")
    unit = PilotUnit.objects.get(name="泰顺县百丈镇总工会")
    assert (unit.status, unit.region.name, unit.region.parent.name) == ("published", "百丈镇", "泰顺县")
