"""Every permission on annual records, decided here on top of ``accounts.permissions``.

Three questions, asked in this order for every action on a record:

1. **Scope** — may the account see the record at all? A submitter sees its own unit's records, a
   reviewer those of the units in its region's subtree, staff and admins everything, an editor the
   approved records. Outside its scope a record does not exist for the account (404), so a
   foreign unit cannot even learn whether a record is there.
2. **Right** — does the role carry the action? (403 otherwise.) The roles' rights are declared in
   the accounts registry (``RIGHTS`` below).
3. **State** — does the record's state allow it now? Approving a draft or editing an approved
   record is a conflict with the record's state (409), whoever asks.

Views, the API, the spreadsheet upload and the services all call :func:`check`; templates ask
:func:`allowed_actions` which buttons to show.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions as accounts_permissions
from accounts.models import Role
from accounts.permissions import StateConflict, declare, declare_page, role_of, units_in_scope
from pilots.models import PilotUnit, Region
from pilots.validation import parse_id

from .models import EDITABLE_STATUSES, AnnualRecord, RecordStatus


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
    DELETE = "delete"


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
    Action.DELETE: gettext_lazy("删除"),
}

RIGHTS = declare(
    Action,
    {
        Role.SUBMITTER: {Action.VIEW, Action.CREATE, Action.EDIT, Action.SUBMIT, Action.ATTACH, Action.DELETE},
        Role.REVIEWER: {Action.VIEW, Action.APPROVE, Action.RETURN, Action.REOPEN, Action.VIEW_RATE},
        Role.STAFF: {Action.VIEW, Action.VIEW_RATE},
        Role.EDITOR: {Action.VIEW},
        Role.ADMIN: set(Action),
    },
    labels=ACTION_LABELS,
)

# The states each action on an existing record starts from.
ACTION_STATES: dict[Action, frozenset[str]] = {
    Action.EDIT: EDITABLE_STATUSES,
    Action.ATTACH: EDITABLE_STATUSES,
    Action.SUBMIT: EDITABLE_STATUSES,
    Action.APPROVE: frozenset({RecordStatus.SUBMITTED}),
    Action.RETURN: frozenset({RecordStatus.SUBMITTED}),
    Action.REOPEN: frozenset({RecordStatus.APPROVED}),
    # Only a draft that never reached a reviewer: once submitted, its steps are part of the review.
    Action.DELETE: frozenset({RecordStatus.DRAFT}),
}


def has_right(user, action: Action) -> bool:
    return accounts_permissions.has_right(user, action)


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
    return top.contains(region)


def rate_scope(user, requested: str | int | None = None) -> tuple[Region, Region]:
    """The account's whole scope for reporting rates and the region of it asked for (``requested``:
    a region id, else the whole scope).

    PermissionDenied without the right to see reporting rates (403); Http404 for a region that does
    not exist or lies outside the account's scope, so its existence is not revealed.
    """
    check(user, Action.VIEW_RATE)
    top = region_in_scope(user)
    if top is None:
        raise PermissionDenied(_("没有可查看的区域。"))
    if requested in (None, ""):
        return top, top
    pk = parse_id(requested)
    region = Region.objects.filter(pk=pk).first() if pk is not None else None
    if region is None or not region_within(region, top):
        raise Http404(_("没有找到该区域。"))
    return top, region


def rate_region(user, requested: str | int | None = None) -> Region:
    """The region whose reporting rate ``user`` asks for (see :func:`rate_scope`)."""
    return rate_scope(user, requested)[1]


def is_visible(user, record: AnnualRecord) -> bool:
    if record.__dict__.get("_visible_to") == (user.pk, record.status):
        return True
    visible = visible_records(user).filter(pk=record.pk).exists()
    if visible:
        mark_visible(user, record)
    return visible


def mark_visible(user, record: AnnualRecord) -> AnnualRecord:
    """Note on this copy of ``record`` that ``user`` may see it in its present state.

    A form submit checks the record in the view, in record_update and in record_submit: one
    question to the database is enough. Only an editor's scope depends on the state (approved
    records), hence the state in the note; a unit and a region never change under a record.
    """
    record._visible_to = (user.pk, record.status)
    return record


def carry_visibility(source: AnnualRecord, copy: AnnualRecord) -> AnnualRecord:
    """The note of ``source`` on a fresh ``copy`` of the same record (the services' locked copy)."""
    seen = source.__dict__.get("_visible_to")
    if seen is not None and copy.pk == source.pk:
        copy._visible_to = seen
    return copy


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
    if record is not None and action == Action.DELETE and record.transitions.exists():
        raise StateConflict(_("报告已经报送过，不能删除；请修改后重新报送。"))


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
    allowed = {
        str(action) for action in RIGHTS[role] if action in ACTION_STATES and record.status in ACTION_STATES[action]
    } | ({str(Action.VIEW)} if Action.VIEW in RIGHTS[role] else set())
    if Action.DELETE in allowed and record.transitions.exists():
        allowed.discard(str(Action.DELETE))
    return allowed


# The pages of the records' workplace (the portal's menu links the first; the records' own
# navigation the others).
declare_page(
    "records",
    label=gettext_lazy("年度报送"),
    url_name="reports:record-list",
    order=20,
    allowed=lambda user: role_of(user) is not None,
)
declare_page(
    "review",
    label=gettext_lazy("审核队列"),
    url_name="reports:review-queue",
    order=70,
    allowed=lambda user: has_right(user, Action.APPROVE) or has_right(user, Action.VIEW_RATE),
    in_menu=False,
)
declare_page(
    "rate",
    label=gettext_lazy("报送率"),
    url_name="reports:reporting-rate",
    order=80,
    allowed=lambda user: region_in_scope(user) is not None,
    in_menu=False,
)
