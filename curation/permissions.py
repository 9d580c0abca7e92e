"""Who may review and publish imported texts, declared in the accounts registry and decided here.

Reviewing what an import read (the /imports/ screens) and publishing it is an editor's work: editors
and admins may, no other role may — and no account without a role.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from accounts.permissions import declare, declare_page, has_right


class ImportAction(StrEnum):
    REVIEW = "review"  # read what an import found, correct it, publish it


IMPORT_RIGHTS = declare(
    ImportAction,
    {Role.EDITOR: {ImportAction.REVIEW}, Role.ADMIN: {ImportAction.REVIEW}},
    labels={ImportAction.REVIEW: gettext_lazy("审核导入的文本")},
)


def can_review_imports(user) -> bool:
    return has_right(user, ImportAction.REVIEW)


def check_review_imports(user) -> None:
    """Raise PermissionDenied (403) unless the account may review and publish imports."""
    if not can_review_imports(user):
        raise PermissionDenied(_("只有编辑和管理员可以审核、发布导入的文本。"))


declare_page(
    "imports",
    label=gettext_lazy("导入审核"),
    url_name="curation:import-list",
    order=40,
    allowed=can_review_imports,
)
