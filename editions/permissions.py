"""Who may see and compile special issues, declared in the accounts registry and decided here.

Editors and admins compile them, provincial staff read the working issue, and everyone else sees an
issue only once a frozen version of it is published — an unpublished issue does not exist for them (404).
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from accounts.permissions import declare, declare_page, rights_of

from .models import Edition


class EditionAction(StrEnum):
    VIEW_PUBLISHED = "view_published"  # read the published version of an issue
    VIEW = "view"  # read the working issue: drafts, statistics, evidence, versions
    EDIT = "edit"  # create issues, change them, freeze, publish


EDITION_RIGHTS = declare(
    EditionAction,
    {
        Role.ADMIN: set(EditionAction),
        Role.EDITOR: set(EditionAction),
        Role.STAFF: {EditionAction.VIEW_PUBLISHED, EditionAction.VIEW},
        Role.SUBMITTER: {EditionAction.VIEW_PUBLISHED},
        Role.REVIEWER: {EditionAction.VIEW_PUBLISHED},
        None: {EditionAction.VIEW_PUBLISHED},
    },
    labels={
        EditionAction.VIEW_PUBLISHED: gettext_lazy("阅读已发布的专刊"),
        EditionAction.VIEW: gettext_lazy("查看编辑中的专刊"),
        EditionAction.EDIT: gettext_lazy("编辑专刊"),
    },
)


def edition_rights(user) -> frozenset[EditionAction]:
    return rights_of(user, EditionAction)


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
        if action == EditionAction.VIEW:  # the working issue, its versions and figures: not the published one
            raise PermissionDenied(_("只有编辑、管理员和省总工会工作人员可以查看专刊的编辑稿和各个版本。"))
        raise PermissionDenied(_("只有编辑和管理员可以编辑专刊。"))


def edition_for(user, pk: int, action: EditionAction) -> Edition:
    """The issue ``pk`` when ``user`` may take ``action`` on it (Http404 when there is none, or it is
    invisible to the account; PermissionDenied when the account may see it but not do this)."""
    edition = Edition.objects.filter(pk=pk).first()
    if edition is None:
        raise Http404(_("没有找到该专刊。"))
    check_edition(user, action, edition)
    return edition


def can_edition(user, action: EditionAction, edition=None) -> bool:
    try:
        check_edition(user, action, edition)
    except (Http404, PermissionDenied):
        return False
    return True


declare_page(
    "editions",
    label=gettext_lazy("专刊"),
    url_name="editions:list",
    order=30,
    allowed=lambda user: EditionAction.VIEW in edition_rights(user),
)
