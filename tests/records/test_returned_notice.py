"""A returned record says so to the unit that fixes it: at the top of its records and on logging in."""

import pytest

from reports.models import RecordStatus, current_reporting_year
from reports.reminders import login_notice

pytestmark = pytest.mark.django_db


def test_a_returned_record_says_so_with_the_way_to_its_comments(client, accounts, a_record):
    year = current_reporting_year()
    record = a_record(status=RecordStatus.RETURNED, year=year)
    client.force_login(accounts["submitter_own"])
    page = client.get("/records/").content.decode()
    assert f"您的{year}年度报告已被退回，请查看审核意见后修改" in page
    assert f'href="/records/{record.pk}/"' in page and f'href="/records/{record.pk}/edit/"' in page
    notice = login_notice(accounts["submitter_own"])
    assert notice.startswith(f"您的{year}年度报告已被退回") and "逾期" not in notice


def test_a_record_under_review_gives_no_returned_notice(client, accounts, a_record):
    a_record(status=RecordStatus.SUBMITTED, year=current_reporting_year())
    client.force_login(accounts["submitter_own"])
    assert "已被退回" not in client.get("/records/").content.decode()
