"""Reminders: a notice on logging in, and e-mails from the daily command on the right days."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from reports.models import AnnualRecord, ReportingDeadline, current_reporting_year
from reports.reminders import reminder_due

PASSWORD = "Remind-Me-2026"


@pytest.fixture
def due_in_seven_days(db):
    year = current_reporting_year()
    day = datetime.date(year + 1, 3, 24)
    ReportingDeadline.objects.update_or_create(year=year, defaults={"due_on": day + datetime.timedelta(days=7)})
    return year, day


def _log_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    return client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD}, follow=True)


def test_a_submitter_whose_unit_has_not_reported_is_told_on_logging_in(client, accounts, home_unit):
    page = _log_in(client, accounts["submitter_own"]).content.decode()
    year = current_reporting_year()
    assert f"{home_unit.name}的{year}年度报告尚未报送" in page


def test_no_notice_once_the_record_is_submitted(client, accounts, home_unit):
    AnnualRecord.objects.create(unit=home_unit, year=current_reporting_year(), status="submitted")
    assert "尚未报送" not in _log_in(client, accounts["submitter_own"]).content.decode()


def test_a_reviewer_is_told_how_many_units_of_its_region_have_not_reported(client, accounts):
    page = _log_in(client, accounts["reviewer_county"]).content.decode()
    assert "本区域有" in page and "尚未报送" in page


def test_the_daily_command_writes_on_the_set_days_only(accounts, home_unit, due_in_seven_days):
    year, day = due_in_seven_days
    submitter = accounts["submitter_own"]
    submitter.email = "sub@example.org"
    submitter.save()
    call_command("send_reporting_reminders", today=f"{day:%Y-%m-%d}")
    to_home = [m for m in mail.outbox if "sub@example.org" in m.to]
    assert len(to_home) == 1 and home_unit.name in to_home[0].subject and "还有 7 天" in to_home[0].body
    mail.outbox.clear()
    call_command("send_reporting_reminders", today=f"{day + datetime.timedelta(days=1):%Y-%m-%d}")
    assert mail.outbox == []
    assert reminder_due(year, day + datetime.timedelta(days=14))  # a week overdue


def test_units_that_reported_get_no_reminder(accounts, home_unit, due_in_seven_days):
    year, day = due_in_seven_days
    accounts["submitter_own"].email = "sub@example.org"
    accounts["submitter_own"].save()
    AnnualRecord.objects.create(unit=home_unit, year=year, status="approved")
    call_command("send_reporting_reminders", today=f"{day:%Y-%m-%d}")
    assert not [m for m in mail.outbox if "sub@example.org" in m.to]
