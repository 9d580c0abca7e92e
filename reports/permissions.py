"""Every permission of the reporting workflow, decided here and nowhere else.

Three questions, asked in this order for every action on a record:

1. **Scope** — may the account see the record at all? A submitter sees its own unit's records, a
   reviewer those of the units in its region's subtree, staff and admins everything, an editor the
   approved records. Outside its scope a record does not exist for the account (404), so a
   foreign unit cannot even learn whether a record is there.
2. **Right** — does the role carry the action? (403 otherwise.)
3. **State** — does the record's state allow it now? Approving a draft or editing an approved
   record is a conflict with the record's state (409), whoever asks.

Views, the API, the spreadsheet upload and the services all call :func:`check`; templates ask
:func:`allowed_actions` which buttons to show.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pilots import selectors
from pilots.models import PilotUnit, Region

from .models import AnnualRecord, Membership, RecordStatus, Role


class Action(StrEnum):
    VIEW = "view"
    CREATE = "create"
    EDIT = "edit"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"
    ATTACH = "attach"
    VIEW_RATE = "view_rate"


RIGHTS: dict[str, frozenset[Action]] = {
    Role.SUBMITTER: frozenset({Action.VIEW, Action.CREATE, Action.EDIT, Action.SUBMIT, Action.ATTACH}),
    Role.REVIEWER: frozenset({Action.VIEW, Action.APPROVE, Action.RETURN, Action.REOPEN, Action.VIEW_RATE}),
    Role.STAFF: frozenset({Action.VIEW, Action.VIEW_RATE}),
    Role.EDITOR: frozenset({Action.VIEW}),
    Role.ADMIN: frozenset(Action),
}

# The states each action on an existing record starts from.
ACTION_STATES: dict[Action, frozenset[str]] = {
    Action.EDIT: frozenset({RecordStatus.DRAFT, RecordStatus.RETURNED}),
    Action.ATTACH: frozenset({RecordStatus.DRAFT, RecordStatus.RETURNED}),
    Action.SUBMIT: frozenset({RecordStatus.DRAFT, RecordStatus.RETURNED}),
    Action.APPROVE: frozenset({RecordStatus.SUBMITTED}),
    Action.RETURN: frozenset({RecordStatus.SUBMITTED}),
    Action.REOPEN: frozenset({RecordStatus.APPROVED}),
}

ACTION_LABELS = {
    Action.VIEW: gettext_lazy("查看"),
    Action.CREATE: gettext_lazy("新建"),
    Action.EDIT: gettext_lazy("修改"),
    Action.SUBMIT: gettext_lazy("报送"),
    Action.APPROVE: gettext_lazy("审核通过"),
    Action.RETURN: gettext_lazy("退回"),
    Action.REOPEN: gettext_lazy("重新打开"),
    Action.ATTACH: gettext_lazy("上传附件"),
    Action.VIEW_RATE: gettext_lazy("查看报送率"),
}


class StateConflict(Exception):
    """The record's state does not allow the action (answered with 409)."""


def membership_of(user) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    membership = membership_of(user)
    return membership.role if membership else None


def has_right(user, action: Action) -> bool:
    role = role_of(user)
    return role is not None and action in RIGHTS[role]


def visible_records(user) -> QuerySet[AnnualRecord]:
    """The records the account may see at all (its scope)."""
    role = role_of(user)
    records = AnnualRecord.objects.all()
    if role in (Role.ADMIN, Role.STAFF):
        return records
    if role == Role.EDITOR:
        return records.approved()
    if role == Role.SUBMITTER:
        return records.filter(unit_id=user.membership.unit_id)
    if role == Role.REVIEWER:
        return records.in_region(user.membership.region)
    return records.none()


def units_in_scope(user) -> QuerySet[PilotUnit]:
    """The units whose records the account may see or create."""
    role = role_of(user)
    if role in (Role.ADMIN, Role.STAFF, Role.EDITOR):
        return PilotUnit.objects.all()
    if role == Role.SUBMITTER:
        return PilotUnit.objects.filter(pk=user.membership.unit_id)
    if role == Role.REVIEWER:
        return PilotUnit.objects.in_region(user.membership.region)
    return PilotUnit.objects.none()


def units_known_to(user) -> QuerySet[PilotUnit]:
    """The units whose existence the account may learn: the public ones and those in its scope.

    Any other id (a draft unit outside the scope) is answered exactly like an id that does not
    exist, so creating a record or uploading a sheet never reveals a draft.
    """
    public = selectors.public_units().values("pk")
    return PilotUnit.objects.filter(Q(pk__in=public) | Q(pk__in=units_in_scope(user).values("pk")))


def region_in_scope(user) -> Region | None:
    """The region whose reporting rate the account may see (the province for staff and admins)."""
    role = role_of(user)
    if not has_right(user, Action.VIEW_RATE):
        return None
    if role == Role.REVIEWER:
        return user.membership.region
    return Region.objects.filter(parent__isnull=True).order_by("id").first()


def region_within(region: Region, top: Region) -> bool:
    """Whether ``region`` is ``top`` or lies below it (every region lies below the province)."""
    return top.parent_id is None or region.pk == top.pk or top.pk in (region.city_id, region.county_id)


def is_visible(user, record: AnnualRecord) -> bool:
    return visible_records(user).filter(pk=record.pk).exists()


def check(user, action: Action, record: AnnualRecord | None = None, *, unit: PilotUnit | None = None) -> None:
    """Raise unless ``user`` may take ``action`` on ``record`` (or create one for ``unit``) now.

    Http404 outside the account's scope, PermissionDenied without the right, StateConflict when
    the record's state does not allow the action.
    """
    if role_of(user) is None:
        raise PermissionDenied(_("该账号没有填报或审核角色。"))
    if record is not None and not is_visible(user, record):
        raise Http404(_("没有找到该报告。"))
    if not has_right(user, action):
        raise PermissionDenied(
            _("“%(role)s”无权%(action)s年度报告。")
            % {"role": Role(role_of(user)).label, "action": ACTION_LABELS[action]}
        )
    if action == Action.CREATE:
        if unit is None or not units_in_scope(user).filter(pk=unit.pk).exists():
            raise PermissionDenied(_("无权为该单位填报年度报告。"))
        return
    if record is not None and action in ACTION_STATES and record.status not in ACTION_STATES[action]:
        raise StateConflict(
            _("报告当前状态为“%(status)s”，不能%(action)s。")
            % {"status": record.get_status_display(), "action": ACTION_LABELS[action]}
        )


def can(user, action: Action, record: AnnualRecord | None = None, *, unit: PilotUnit | None = None) -> bool:
    try:
        check(user, action, record, unit=unit)
    except (Http404, PermissionDenied, StateConflict):
        return False
    return True


def allowed_actions(user, record: AnnualRecord) -> set[str]:
    """What the account may do with the record now (it must already be visible to it)."""
    role = role_of(user)
    if role is None:
        return set()
    return {
        str(action) for action in RIGHTS[role] if action in ACTION_STATES and record.status in ACTION_STATES[action]
    } | ({str(Action.VIEW)} if Action.VIEW in RIGHTS[role] else set())
