"""Reminders to units that have not reported: a notice when their people log in, and e-mails sent by
``manage.py send_reporting_reminders`` (run daily from cron; it decides itself which days to write).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models import QuerySet
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import role_of
from pilots.models import PilotUnit, Region

from .models import AnnualRecord, RecordStatus, current_reporting_year
from .selectors import deadline_for, expected_units

# Days before the deadline on which the daily run writes, and after it, every week.
REMIND_DAYS_BEFORE = (30, 14, 7, 3, 1, 0)
REMIND_EVERY_DAYS_OVERDUE = 7


def units_not_reported(region: Region, year: int) -> QuerySet[PilotUnit]:
    """Units expected to report ``year`` in ``region`` whose record is not submitted or approved yet."""
    reported = AnnualRecord.objects.filter(
        year=year, status__in=[RecordStatus.SUBMITTED, RecordStatus.APPROVED]
    ).values("unit_id")
    return expected_units(region, year).exclude(pk__in=reported)


def deadline_text(year: int, today: datetime.date) -> str:
    due = deadline_for(year)
    left = (due - today).days
    if left > 0:
        return _("截止日期 %(due)s，还有 %(days)s 天") % {"due": f"{due:%Y-%m-%d}", "days": left}
    if left == 0:
        return _("今天（%(due)s）截止") % {"due": f"{due:%Y-%m-%d}"}
    return _("截止日期 %(due)s，已逾期 %(days)s 天") % {"due": f"{due:%Y-%m-%d}", "days": -left}


def login_notice(user, today: datetime.date | None = None) -> str | None:
    """What a submitter or reviewer should know on logging in about the year's reporting."""
    today = today or timezone.localdate()
    year = current_reporting_year()
    role = role_of(user)
    if role == Role.SUBMITTER:
        unit = user.membership.unit
        if AnnualRecord.objects.filter(unit=unit, year=year, status=RecordStatus.RETURNED).exists():
            # A returned record is not "not yet submitted": it waits for the unit's fixes.
            return _("您的%(year)s年度报告已被退回，请查看审核意见后修改。") % {"year": year}
        province = Region.objects.filter(parent__isnull=True).order_by("id").first()
        if province is not None and units_not_reported(province, year).filter(pk=unit.pk).exists():
            return _("%(unit)s的%(year)s年度报告尚未报送（%(deadline)s）。") % {
                "unit": unit.name,
                "year": year,
                "deadline": deadline_text(year, today),
            }
    if role == Role.REVIEWER:
        count = units_not_reported(user.membership.region, year).count()
        if count:
            return _("本区域有 %(count)s 家单位的%(year)s年度报告尚未报送（%(deadline)s），可在“报送率”中查看。") % {
                "count": count,
                "year": year,
                "deadline": deadline_text(year, today),
            }
    return None


@receiver(user_logged_in, dispatch_uid="reports_reporting_notice")
def _notice_on_login(sender, request, user, **kwargs):
    notice = login_notice(user)
    if notice and request is not None and hasattr(request, "_messages"):
        messages.warning(request, notice)


def reminder_due(year: int, today: datetime.date) -> bool:
    """Whether the daily run writes today: on set days before the deadline, then weekly while overdue."""
    left = (deadline_for(year) - today).days
    if left >= 0:
        return left in REMIND_DAYS_BEFORE
    return -left % REMIND_EVERY_DAYS_OVERDUE == 0


@dataclass
class Reminder:
    unit: PilotUnit
    recipients: list[str]
    subject: str
    body: str


def reminders(year: int, today: datetime.date) -> list[Reminder]:
    """One reminder per unit that has not reported, to its active submitters with an e-mail address."""
    province = Region.objects.filter(parent__isnull=True).order_by("id").first()
    if province is None:
        return []
    submitters: dict[int, list[str]] = {}
    for user in (
        get_user_model()
        .objects.filter(is_active=True, membership__role=Role.SUBMITTER, membership__unit__isnull=False)
        .exclude(email="")
    ):
        submitters.setdefault(user.membership.unit_id, []).append(user.email)
    deadline = deadline_text(year, today)
    result = []
    for unit in units_not_reported(province, year).order_by("pk"):
        subject = _("提醒：%(unit)s %(year)s年度报告尚未报送") % {"unit": unit.name, "year": year}
        body = _(
            "%(unit)s：\n\n贵单位%(year)s年度基层工会改革报告尚未报送（%(deadline)s）。"
            "请登录案例库门户（%(url)s）填写并报送；已报送的请忽略本提醒。\n"
        ) % {"unit": unit.name, "year": year, "deadline": deadline, "url": settings.PORTAL_BASE_URL + "/records/"}
        result.append(Reminder(unit, submitters.get(unit.pk, []), subject, body))
    return result
