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

from .models import EDITABLE_STATUSES, AnnualRecord, Membership, RecordStatus, Role


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
    MANAGE_ACCOUNTS = "manage_accounts"


RIGHTS: dict[str, frozenset[Action]] = {
    Role.SUBMITTER: frozenset({Action.VIEW, Action.CREATE, Action.EDIT, Action.SUBMIT, Action.ATTACH, Action.DELETE}),
    Role.REVIEWER: frozenset(
        {Action.VIEW, Action.APPROVE, Action.RETURN, Action.REOPEN, Action.VIEW_RATE, Action.MANAGE_ACCOUNTS}
    ),
    Role.STAFF: frozenset({Action.VIEW, Action.VIEW_RATE}),
    Role.EDITOR: frozenset({Action.VIEW}),
    Role.ADMIN: frozenset(Action),
}

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
    Action.MANAGE_ACCOUNTS: gettext_lazy("管理账号"),
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
    return top.contains(region)


def rate_region(user, requested: str | int | None = None) -> Region:
    """The region whose reporting rate ``user`` asks for (``requested``: a region id, else its whole scope).

    PermissionDenied without the right to see reporting rates (403); Http404 for a region that does
    not exist or lies outside the account's scope, so its existence is not revealed.
    """
    check(user, Action.VIEW_RATE)
    top = region_in_scope(user)
    if top is None:
        raise PermissionDenied(_("没有可查看的区域。"))
    if requested in (None, ""):
        return top
    text = str(requested)
    region = Region.objects.filter(pk=int(text)).first() if text.isdigit() and len(text) < 10 else None
    if region is None or not region_within(region, top):
        raise Http404(_("没有找到该区域。"))
    return region


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


def managed_accounts(user) -> QuerySet:
    """The submitter accounts the user may create, reset and deactivate: its region's units' (all for admins)."""
    from django.contrib.auth import get_user_model

    accounts = get_user_model().objects.filter(membership__role=Role.SUBMITTER)
    if not has_right(user, Action.MANAGE_ACCOUNTS):
        return accounts.none()
    return accounts.filter(membership__unit__in=units_in_scope(user)).select_related("membership__unit")


def check_manage(user, account=None, *, unit: PilotUnit | None = None) -> None:
    """Raise unless ``user`` may manage ``account`` (or create a submitter for ``unit``)."""
    if not has_right(user, Action.MANAGE_ACCOUNTS):
        raise PermissionDenied(_("只有审核人和管理员可以管理单位账号。"))
    if account is not None and not managed_accounts(user).filter(pk=account.pk).exists():
        raise Http404(_("没有找到该账号。"))
    if unit is not None and not units_in_scope(user).filter(pk=unit.pk).exists():
        raise Http404(_("没有找到该单位。"))


def may_open(user, page: str) -> bool:
    """Whether the navigation should link ``page`` for this account (the pages check again on their own)."""
    if page == "records":
        return role_of(user) is not None
    if page == "review":
        return has_right(user, Action.APPROVE) or has_right(user, Action.VIEW_RATE)
    if page == "rate":
        return region_in_scope(user) is not None
    if page == "accounts":
        return has_right(user, Action.MANAGE_ACCOUNTS)
    if page == "admin":
        return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)
    if page == "editions":
        return EditionAction.VIEW in edition_rights(user)
    raise ValueError(f"unknown page {page}")


# ---------------------------------------------------------------------------------------------
# Special issues (the editions app). Editors and admins compile them, provincial staff read the
# working issue, and everyone else sees an issue only once a frozen version of it is published —
# an unpublished issue does not exist for them (404).


class EditionAction(StrEnum):
    VIEW_PUBLISHED = "view_published"  # read the published version of an issue
    VIEW = "view"  # read the working issue: drafts, statistics, evidence, versions
    EDIT = "edit"  # create issues, change them, freeze, publish


EDITION_RIGHTS: dict[str | None, frozenset[EditionAction]] = {
    Role.ADMIN: frozenset(EditionAction),
    Role.EDITOR: frozenset(EditionAction),
    Role.STAFF: frozenset({EditionAction.VIEW_PUBLISHED, EditionAction.VIEW}),
    Role.SUBMITTER: frozenset({EditionAction.VIEW_PUBLISHED}),
    Role.REVIEWER: frozenset({EditionAction.VIEW_PUBLISHED}),
    None: frozenset({EditionAction.VIEW_PUBLISHED}),
}


def edition_rights(user) -> frozenset[EditionAction]:
    return EDITION_RIGHTS[role_of(user)]


def visible_editions(user, editions: QuerySet) -> QuerySet:
    """The issues of ``editions`` the account may know of: all of them, or the published ones."""
    if EditionAction.VIEW in edition_rights(user):
        return editions
    return editions.filter(published_version__isnull=False)


def check_edition(user, action: EditionAction, edition=None) -> None:
    """Raise unless ``user`` may take ``action`` on ``edition`` (or on issues in general when None).

    Http404 when the issue (or, without an issue, the editors' workplace) is invisible to the
    account; PermissionDenied when it may see it but not do this.
    """
    rights = edition_rights(user)
    if edition is not None:
        published = getattr(edition, "published_version_id", None) is not None
        if EditionAction.VIEW not in rights and not published:
            raise Http404(_("没有找到该专刊。"))
    elif EditionAction.VIEW not in rights:
        raise Http404(_("没有找到该页面。"))
    if action not in rights:
        raise PermissionDenied(_("只有编辑和管理员可以编辑专刊。"))


def can_edition(user, action: EditionAction, edition=None) -> bool:
    try:
        check_edition(user, action, edition)
    except (Http404, PermissionDenied):
        return False
    return True


# --- imported texts ----------------------------------------------------------------------------
# Reviewing what an import read (the curation app's /imports/ screens) and publishing it is an
# editor's work: editors and admins may, no other role may — and no account without a role.
IMPORT_REVIEW_ROLES = frozenset({Role.EDITOR, Role.ADMIN})


def can_review_imports(user) -> bool:
    return role_of(user) in IMPORT_REVIEW_ROLES


def check_review_imports(user) -> None:
    """Raise PermissionDenied (403) unless the account may review and publish imports."""
    if not can_review_imports(user):
        raise PermissionDenied(_("只有编辑和管理员可以审核、发布导入的文本。"))
