"""The design system as a person meets it: Chromium at 1280 px and 390 px measures every control the
login page, the record form and the review queue show (its height, its text size), the links'
colour, the footer, and that nothing makes the page scroll sideways. Screenshots land in
test-output/walks/ (design-*.png).
"""

import pytest
from django.db import connections

from reports.models import RecordStatus
from tests.records.walking import assert_no_sideways_scroll, log_in, shot

pytestmark = [
    pytest.mark.django_db(transaction=False),
    pytest.mark.browser,
    pytest.mark.skipif(
        connections["default"].vendor != "sqlite", reason="the walks' live server shares the test's SQLite connection"
    ),
]

# Every visible control: its box (a checkbox's is its label, which takes the tap), its text size.
MEASURE = """() => {
  const seen = [];
  const controls = document.querySelectorAll(
    'main input:not([type=hidden]), main select, main textarea, main button, main a.button, ' +
    'header select, header button');
  for (const el of controls) {
    const target = (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') || el) : el;
    const box = target.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest('template')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    seen.push({name: el.name || el.id || el.textContent.trim().slice(0, 20), tag: el.tagName, type: el.type || '',
               height: box.height, font: parseFloat(style.fontSize)});
  }
  return seen;
}"""


def assert_designed(page, where: str):
    phone = page.viewport_name == "phone"
    controls = page.evaluate(MEASURE)
    assert len(controls) >= 2, where
    least = 44 if phone else 36
    short = [c for c in controls if c["height"] < least - 0.5]
    assert not short, (where, short[:5])
    typed = [c for c in controls if c["tag"] in ("INPUT", "SELECT", "TEXTAREA")]
    typed = [c for c in typed if c["type"] not in ("checkbox", "radio")]
    small = [c for c in typed if c["font"] < 16]
    assert not small, (where, small[:5])
    # links in the brand's palette, not the browser's blue
    colours = page.evaluate("[...document.querySelectorAll('main a')].map(a => getComputedStyle(a).color)")
    assert not {"rgb(0, 0, 238)", "rgb(85, 26, 139)"} & set(colours), colours
    footer = page.locator("footer").inner_text()
    assert "主办单位" in footer and "备案号" in footer, footer
    if phone:
        assert_no_sideways_scroll(page)
    return controls


@pytest.fixture
def footer_settings(settings):
    settings.PORTAL_ORGANISER = "浙江省总工会"
    settings.PORTAL_ICP = "浙ICP备测试号"


def test_login_record_form_and_queue_are_finger_sized(
    footer_settings, passwords, accounts, home_unit, a_record, portal_url, browser_page
):
    page = browser_page
    page.goto(f"{portal_url}/accounts/login/")
    assert_designed(page, "login")
    shot(page, "design", "login")

    record = a_record(status=RecordStatus.DRAFT, year=2024)
    log_in(page, portal_url, accounts["submitter_own"])
    page.goto(f"{portal_url}/records/{record.pk}/edit/")
    controls = assert_designed(page, "record form")
    assert any(c["name"] == "value_members" for c in controls)
    shot(page, "design", "record-form")

    a_record(status=RecordStatus.SUBMITTED, year=2023)
    page.context.clear_cookies()
    log_in(page, portal_url, accounts["reviewer_county"])
    page.goto(f"{portal_url}/review/")
    assert_designed(page, "review queue")
    assert page.locator("table.list td a").count() >= 1
    # the action stays in view: on a phone no part of the row is beyond the screen's edge
    action = page.locator("td.action .button").first.bounding_box()
    assert action["x"] >= 0 and action["x"] + action["width"] <= page.viewport_size["width"]
    shot(page, "design", "review-queue")

    # the unit accounts' table stays within a phone's screen, every action a finger's height
    page.goto(f"{portal_url}/accounts/units/")
    assert_designed(page, "unit accounts")
    shot(page, "design", "unit-accounts")
