"""Every screen a person reaches by following links fits a phone (390 px), in Chinese and in English,
for a visitor and for the administrator (who reaches every screen): nothing is wider than the
viewport outside a table's own scroll box.

A crawl, not a list of pages: a screen added later is measured as soon as a link reaches it. Each
kind of screen (its path with the numbers taken out, and the names of its parameters) is opened
once; downloads and Django's admin are not screens. It found two: the import jobs table (one row
a job, six columns: 1,046 px) and the dashboard's unit-kind menu in English (443 px).
"""

import re
from urllib.parse import parse_qsl, urljoin, urlparse

import pytest
from django.contrib.auth import get_user_model

from importing.tasks import IMPORT_JOB
from jobs.models import Job, JobState
from tests.browser import open_chromium

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
PASSWORD = "Phone-Width-2026"
NOT_SCREENS = re.compile(
    r"logout|/admin/|/api/|/static/|/media/|/download|/export|/workbook|delete|format=|\.(csv|xlsx|docx|pdf|json|zip)$"
)
MOST_SCREENS = 60  # per visitor and language: every kind of screen the portal has, with room to grow

# The offending elements: those reaching past the viewport that no scroll box of theirs clips.
WIDE_ELEMENTS = """(width) => {
  const found = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.right <= width + 1 || !box.width) continue;
    if (Array.from(element.children).some(child => child.getBoundingClientRect().right > width + 1)) continue;
    let clipped = false;
    for (let up = element.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') { clipped = true; break; }
    }
    if (!clipped) found.push(`${element.tagName.toLowerCase()}.${element.className} ${Math.round(box.right)} px`);
  }
  return found.slice(0, 3);
}"""


def _kind_of_screen(url: str) -> str:
    parts = urlparse(url)
    names = sorted({name for name, _value in parse_qsl(parts.query)})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(names) if names else "")


def _crawl(page, base: str) -> tuple[list[str], list[str]]:
    """Follow links from the home page; returns the screens measured and what did not fit."""
    queue, seen, measured, problems = ["/"], set(), [], []
    while queue and len(measured) < MOST_SCREENS:
        path = queue.pop(0)
        kind = _kind_of_screen(path)
        if kind in seen:
            continue
        seen.add(kind)
        try:
            response = page.goto(base + path, wait_until="networkidle")
        except Exception as error:  # a link that turns out to be a file is not a screen
            if "Download is starting" in str(error):
                continue
            raise
        measured.append(path)
        if response is not None and response.status >= 500:
            problems.append(f"{path}: {response.status}")
            continue
        width = page.evaluate("document.documentElement.clientWidth")
        if page.evaluate("document.documentElement.scrollWidth") > width:
            problems.append(f"{path}: {page.evaluate(WIDE_ELEMENTS, width)}")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))"):
            url = urljoin(base + path, href)
            parts = urlparse(url)
            if parts.netloc == urlparse(base).netloc and not NOT_SCREENS.search(url):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return measured, problems


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
@pytest.mark.parametrize("visitor", ["visitor", "administrator"])
def test_every_screen_fits_a_phone(chromium, committed_db, portal_url, tmp_path, visitor, locale):
    from playwright.sync_api import sync_playwright

    if visitor == "administrator":
        get_user_model().objects.create_superuser("phone-admin", "phone-admin@example.org", PASSWORD)
        # An import that ran: the jobs table shows its row on the import list.
        Job.objects.create(
            kind=IMPORT_JOB,
            task_path="importing.tasks.import_file",
            params={"name": "某区总工会网站新闻页_2026-12-07.txt"},
            state=JobState.SUCCEEDED,
            done=2,
            total=2,
            message="1 篇：新建文章 1 篇，更新 0 篇，待审内容 12 条。",
        )
    with sync_playwright() as playwright:
        browser = open_chromium(
            playwright,
            chromium,
            tmp_path / "profile",
            viewport=PHONE,
            locale=locale,
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            if visitor == "administrator":
                page.goto(f"{portal_url}/accounts/login/")
                page.fill("input[name=username]", "phone-admin")
                page.fill("input[name=password]", PASSWORD)
                page.locator("form button[type=submit]").last.click()
                page.wait_for_load_state("networkidle")
                assert "/accounts/login/" not in page.url
            measured, problems = _crawl(page, portal_url)
        finally:
            browser.close()
    # The crawl reached the screens of this visitor (the administrator's include the import list).
    assert len(measured) >= (15 if visitor == "administrator" else 5), measured
    if visitor == "administrator":
        assert "/imports/" in measured
    assert not problems, problems
