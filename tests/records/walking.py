"""The records' browser walks share these: a serial live server, Chromium pages at desktop and phone
sizes, passwords for every account, screenshots and the sideways-scroll check (fixtures are
registered in conftest.py)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

from tests.browser import open_chromium, served_portal

OUTPUT = Path(settings.BASE_DIR) / "test-output" / "walks"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PASSWORD = "Walk-Through-2026"


class SerialWSGIServer(WSGIServer):
    """One request at a time: the server thread shares the test's database connection, which
    writes (a login, a saved form) cannot share with a concurrent request."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


class SerialLiveServerThread(LiveServerThread):
    server_class = SerialWSGIServer


@pytest.fixture
def portal_url(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    with served_portal(SerialLiveServerThread) as url:
        yield url


@pytest.fixture(params=list(VIEWPORTS))
def browser_page(request, chromium, tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database work between
    # clicks is ordinary synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    connection = connections["default"]

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        # Playwright's sync API switches the context that Django keeps connections in: give the
        # test's own connection (its transaction, its data) back to the code between clicks.
        connections["default"] = connection
        context = open_chromium(
            playwright,
            chromium,
            tmp_path / "profile",
            accept_downloads=True,
            viewport=VIEWPORTS[request.param],
            locale="zh-CN",
        )
        try:
            page = context.new_page()
            page.set_default_timeout(20_000)
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.viewport_name = request.param
            yield page
            assert not errors, errors  # no script error on any page
        finally:
            context.close()


def shot(page, group: str, step: str, element: str | None = None) -> Path:
    """The whole page, plus what a person sees (the screen, or one part of a long page)."""
    path = OUTPUT / f"{group}-{page.viewport_name}-{step}.png"
    page.screenshot(path=str(path), full_page=True)
    seen = OUTPUT / f"{group}-{page.viewport_name}-{step}-seen.png"
    if element:
        page.locator(element).first.screenshot(path=str(seen))
    else:
        page.screenshot(path=str(seen))
    assert path.stat().st_size > 5_000
    return path


def assert_no_sideways_scroll(page):
    """Nothing on the page is wider than the viewport (tables scroll inside their own box)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, width


@pytest.fixture
def passwords(accounts):
    """Everyone logs in with a password, as people do (set before the server thread starts)."""
    for user in accounts.values():
        user.set_password(PASSWORD)
        user.save()
    return accounts


def log_in(page, portal_url, user):
    page.goto(f"{portal_url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
