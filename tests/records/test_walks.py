"""Each user group's main path in a real Chromium, clicked as a person does, on a desktop and a phone.

The submitter fills only some indicators on the form as rendered (its blank optional rows
included), saves, submits after the confirmation, and fixes the record after a return; the
reviewer works the queue, returns with a comment pinned to a field and approves after the
confirmation; staff search with no results, sort, export and read the reporting rate. Screenshots
land in test-output/walks/ (look at them).
"""

import pytest
from django.db import connections

from pilots.models import IndicatorValue
from reports.models import AnnualRecord, RecordStatus
from reports.services import transitions
from tests.records.walking import assert_no_sideways_scroll, log_in, shot

pytestmark = [
    pytest.mark.django_db(transaction=False),
    pytest.mark.browser,
    # The live server thread here shares the test's connection only on SQLite's in-memory test
    # database; on PostgreSQL it would not see the accounts and records the test made inside its
    # transaction. The walks run on CI's SQLite pass; the PostgreSQL pass covers the same paths
    # through the test client.
    pytest.mark.skipif(
        connections["default"].vendor != "sqlite", reason="the walks' live server shares the test's SQLite connection"
    ),
]


def test_a_submitter_writes_saves_submits_and_fixes_a_record(passwords, accounts, home_unit, portal_url, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    submitter = accounts["submitter_own"]
    log_in(page, portal_url, submitter)
    page.goto(f"{portal_url}/records/")
    expect(page.locator("header nav")).not_to_contain_text("数据管理")
    expect(page.locator(".records-nav")).not_to_contain_text("报送率")
    page.fill("input[name=year]", "2024")
    page.get_by_role("button", name="新建").click()
    expect(page.locator("h2", has_text="指标")).to_be_visible()
    shot(page, "submitter", "1-empty-form")

    # Only indicators; the two blank measure rows and position rows stay as rendered.
    page.fill("#id_value_members", "1.3万")
    page.fill("#id_value_new_members", "800")
    page.select_option("#id_qualifier_new_members", "more_than")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".messages")).to_contain_text("草稿已保存")
    expect(page.locator(".error-summary")).to_have_count(0)
    record = AnnualRecord.objects.get(unit=home_unit, year=2024)
    assert record.values.count() == 2 and not record.measures.exists()

    # A half-filled position row: the summary at the top names the missing fields and links to them.
    page.fill("#id_positions-0-name", "东社区职工服务站")
    page.get_by_role("button", name="保存草稿").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("层级")
    assert summary.bounding_box()["y"] < 400  # at the top, not 2,000 px below
    shot(page, "submitter", "1b-error-summary")
    summary.locator("a", has_text="层级").click()
    assert page.url.endswith("#id_positions-0-tier")
    page.select_option("#id_positions-0-tier", "station")
    page.select_option("#id_positions-0-kind", "service_station")

    # "添加一行" adds a third measure row in place (static JS), which is then filled in.
    page.get_by_role("button", name="添加一行举措").click()
    expect(page.locator("#id_measures-2-title")).to_be_visible()
    page.fill("#id_measures-2-title", "职工服务点单制")
    page.locator("#id_measures-2-title").scroll_into_view_if_needed()
    page.locator("details.practices").nth(2).locator("summary").click()
    page.locator("input[name=measures-2-practices][value=on_demand_services]").check()
    shot(page, "submitter", "2-filled-form", element="#measures-section")
    page.get_by_role("button", name="保存并报送").click()
    expect(page.locator(".confirm h2")).to_contain_text("确认报送")
    shot(page, "submitter", "3-confirm-submit")
    page.get_by_role("button", name="确认报送").click()
    expect(page.locator(".status")).to_have_text("已报送")
    record.refresh_from_db()
    assert record.status == RecordStatus.SUBMITTED
    assert [m.title for m in record.measures.all()] == ["职工服务点单制"]
    assert [p.name for p in record.positions.all()] == ["东社区职工服务站"]

    # The reviewer returns it with a comment pinned to the members figure; the submitter fixes it.
    transitions.record_return(
        actor=accounts["reviewer_county"],
        record=record,
        comment="会员人数请按年底口径",
        field_comments={"value:members": "应为年底数"},
    )
    page.goto(f"{portal_url}/records/{record.pk}/")
    expect(page.locator(".notice")).to_contain_text("会员人数请按年底口径")
    page.get_by_role("link", name="修改", exact=True).click()
    expect(page.locator(".indicator", has=page.locator("#id_value_members"))).to_contain_text("应为年底数")
    page.fill("#id_value_members", "12800")
    page.locator("#id_value_members").scroll_into_view_if_needed()
    shot(page, "submitter", "4-fix-after-return")
    page.get_by_role("button", name="保存并报送").click()
    page.get_by_role("button", name="确认报送").click()
    expect(page.locator(".status")).to_have_text("已报送")
    assert_no_sideways_scroll(page)
    shot(page, "submitter", "5-resubmitted")
    record.refresh_from_db()
    assert record.status == RecordStatus.SUBMITTED and record.values.get(definition__code="members").value == 12800


def test_a_reviewer_returns_with_a_pinned_comment_and_approves_after_confirmation(
    passwords,
    accounts,
    a_record,
    portal_url,
    browser_page,
):
    from playwright.sync_api import expect

    page = browser_page
    record = a_record("submitted", year=2024, highlights="建成 14 个社区职工服务站")
    log_in(page, portal_url, accounts["reviewer_county"])
    page.goto(f"{portal_url}/records/")
    page.get_by_role("link", name="审核队列").click()
    expect(page.locator("main")).to_contain_text(record.unit.name)
    shot(page, "reviewer", "1-queue")
    page.get_by_role("link", name=record.unit.name).first.click()
    page.fill("#id_comment", "请补充阵地清单")
    page.locator(".actions details summary").click()
    page.locator('input[name="pin:positions"]').fill("缺少 14 个服务站的名称")
    page.get_by_role("button", name="退回…").click()
    expect(page.locator(".confirm")).to_contain_text("退回")
    expect(page.locator(".confirm")).to_contain_text("缺少 14 个服务站的名称")
    shot(page, "reviewer", "2-confirm-return")
    page.get_by_role("button", name="确认退回").click()
    expect(page.locator(".status")).to_have_text("已退回")
    record.refresh_from_db()
    assert record.status == RecordStatus.RETURNED
    assert record.transitions.last().field_comments.get().field == "positions"

    transitions.record_submit(actor=accounts["submitter_own"], record=record)
    page.reload()
    page.get_by_role("button", name="审核通过…").click()
    expect(page.locator(".confirm")).to_contain_text("发布到该单位的公开案例页面")
    assert_no_sideways_scroll(page)
    shot(page, "reviewer", "3-confirm-approve")
    page.get_by_role("button", name="确认审核通过").click()
    expect(page.locator(".status")).to_have_text("已通过")
    shot(page, "reviewer", "4-approved")
    record.refresh_from_db()
    assert record.status == RecordStatus.APPROVED


def test_staff_search_sort_export_and_read_the_reporting_rate(passwords, accounts, portal_url, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    log_in(page, portal_url, accounts["staff"])
    page.goto(f"{portal_url}/")
    page.fill("input[name=q]", "qzxwv")
    page.press("input[name=q]", "Enter")
    expect(page.locator(".empty-results")).to_contain_text("没有找到")
    shot(page, "staff", "1-no-results")
    page.get_by_role("link", name="浏览全部案例").click()
    page.fill("input[name=q]", "帮扶")
    page.press("input[name=q]", "Enter")
    expect(page.locator(".case").first).to_be_visible()
    page.locator(".sort a", has_text="名称").click()
    expect(page.locator(".sort strong")).to_have_text("名称")
    assert_no_sideways_scroll(page)
    shot(page, "staff", "2-sorted")
    with page.expect_download() as download_info:
        page.locator(".export a", has_text="CSV").click()
    assert download_info.value.suggested_filename.startswith("试点案例-")

    # A case with figures: value, measure word and qualifier as printed, the source as people cite it,
    # and on a phone the table scrolls inside its box rather than crushing the source column.
    unit = IndicatorValue.objects.get(phrase="十余项活动").unit
    page.goto(f"{portal_url}/cases/?q={unit.name}")
    page.locator(".case h2 a", has_text=unit.name).first.click()
    expect(page.locator("table.figures")).to_contain_text("10余项")
    expect(page.locator("table.figures")).to_contain_text("《浙江工运》2018年第5-6期")
    assert_no_sideways_scroll(page)
    narrowest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('table.figures td')].map(td => td.getBoundingClientRect().width))"
    )
    assert narrowest > 40, narrowest  # no column squeezed to a character or two
    page.locator("table.figures").scroll_into_view_if_needed()
    shot(page, "staff", "2b-case-figures", element="table.figures")
    page.goto(f"{portal_url}/records/")
    page.get_by_role("link", name="报送率").click()
    expect(page.locator("h1")).to_contain_text("报送率")
    with page.expect_download() as download_info:
        page.locator(".export a", has_text="CSV").click()
    assert download_info.value.suggested_filename.startswith("报送率-")
    shot(page, "staff", "3-reporting-rate")
