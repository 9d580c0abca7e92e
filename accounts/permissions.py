"""Who an account is, where it acts, and what each app lets its role do: decided here.

- **Role and scope** — :func:`role_of` (an account's role, ``None`` without one), and the units an
  account acts for (:func:`units_in_scope`, :func:`units_known_to`).
- **The rights registry** — every app declares its actions once, in its own ``permissions`` module:
  ``RIGHTS = declare(Action, {Role.EDITOR: {...}, ...}, labels={...})``. The keys are roles (``None``:
  an anonymous visitor or an account without a role); :func:`has_right` and :func:`rights_of`
  answer from the declarations, whichever app asks.
- **Pages** — an app declares the pages of the portal's menu (:func:`declare_page`: a key, a label,
  a URL name and who may open it); :func:`may_open` and :func:`menu` answer the navigation (the
  context processor in ``accounts.context_processors``). Each page checks again on its own.
- **Account management** — reviewers manage their units' submitter accounts (:func:`check_manage`).

An app's own decisions about its objects (a record's state, an unpublished issue) stay in that
app's ``permissions`` module and build on these.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pilots import selectors
from pilots.models import PilotUnit

from .models import Membership, Role


class StateConflict(Exception):
    """The object's state does not allow the action (answered with 409)."""


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


# --- the rights registry -----------------------------------------------------------------------


@dataclass(frozen=True)
class Declared:
    actions: type[StrEnum]
    rights: Mapping[str | None, frozenset]
    labels: Mapping[StrEnum, object]


_DECLARED: dict[type[StrEnum], Declared] = {}


def declare(
    actions: type[StrEnum],
    rights: Mapping[str | None, Iterable[StrEnum]],
    *,
    labels: Mapping[StrEnum, object] | None = None,
) -> dict[str | None, frozenset]:
    """Declare an app's actions and the roles that carry them; returns the table (role → actions).

    A role left out carries none of them. Declaring the same actions again replaces the table
    (a module reloaded in a shell).
    """
    unknown = set(rights) - {*Role.values, None}
    if unknown:
        raise ValueError(f"unknown roles {sorted(map(str, unknown))} for {actions.__name__}")
    table = {role: frozenset(rights.get(role, ())) for role in (*Role.values, None)}
    for granted in table.values():
        strays = [action for action in granted if not isinstance(action, actions)]
        if strays:
            raise ValueError(f"{strays} are not {actions.__name__}")
    _DECLARED[actions] = Declared(actions, table, dict(labels or {}))
    return table


def declared() -> list[Declared]:
    """Every app's declaration (the permission matrix tests walk them)."""
    return list(_DECLARED.values())


def rights_of(user, actions: type[StrEnum]) -> frozenset:
    """The actions of ``actions`` that ``user``'s role carries."""
    return _DECLARED[actions].rights[role_of(user)]


def has_right(user, action: StrEnum) -> bool:
    return action in rights_of(user, type(action))


def action_label(action: StrEnum):
    return _DECLARED[type(action)].labels.get(action, str(action))


# --- pages of the menu -------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    key: str
    label: object
    url_name: str
    order: int
    allowed: Callable[[object], bool]
    in_menu: bool = True


_PAGES: dict[str, Page] = {}


def declare_page(
    key: str, *, label, url_name: str, order: int, allowed: Callable[[object], bool], in_menu: bool = True
) -> Page:
    """Declare a page the navigation links for the accounts ``allowed(user)`` admits.

    ``in_menu=False``: asked by an app's own sub-navigation (:func:`may_open`), not in the portal's menu.
    """
    page = _PAGES[key] = Page(key, label, url_name, order, allowed, in_menu)
    return page


def may_open(user, page: str) -> bool:
    """Whether the navigation should link ``page`` for this account (the pages check again on their own)."""
    try:
        declared_page = _PAGES[page]
    except KeyError:
        raise ValueError(f"unknown page {page}") from None
    return bool(declared_page.allowed(user))


def menu(user) -> list[Page]:
    """The menu's pages ``user`` may open, in their declared order."""
    return [
        page for page in sorted(_PAGES.values(), key=lambda page: page.order) if page.in_menu and page.allowed(user)
    ]


def _is_active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


declare_page(
    "admin",
    label=gettext_lazy("数据管理"),
    url_name="admin:index",
    order=10,
    allowed=lambda user: _is_active(user) and user.is_staff,
)
declare_page(
    "login",
    label=gettext_lazy("登录"),
    url_name="accounts:login",
    order=20,
    allowed=lambda user: user is None or not user.is_authenticated,
)


# --- account management ------------------------------------------------------------------------


class AccountAction(StrEnum):
    MANAGE_ACCOUNTS = "manage_accounts"


ACCOUNT_RIGHTS = declare(
    AccountAction,
    {Role.REVIEWER: {AccountAction.MANAGE_ACCOUNTS}, Role.ADMIN: set(AccountAction)},
    labels={AccountAction.MANAGE_ACCOUNTS: gettext_lazy("管理账号")},
)


def managed_accounts(user) -> QuerySet:
    """The submitter accounts the user may create, reset and deactivate: its region's units' (all for admins)."""
    accounts = get_user_model().objects.filter(membership__role=Role.SUBMITTER)
    if not has_right(user, AccountAction.MANAGE_ACCOUNTS):
        return accounts.none()
    return accounts.filter(membership__unit__in=units_in_scope(user)).select_related("membership__unit")


def check_manage(user, account=None, *, unit: PilotUnit | None = None) -> None:
    """Raise unless ``user`` may manage ``account`` (or create a submitter for ``unit``)."""
    if not has_right(user, AccountAction.MANAGE_ACCOUNTS):
        raise PermissionDenied(_("只有审核人和管理员可以管理单位账号。"))
    if account is not None and not managed_accounts(user).filter(pk=account.pk).exists():
        raise Http404(_("没有找到该账号。"))
    if unit is not None and not units_in_scope(user).filter(pk=unit.pk).exists():
        raise Http404(_("没有找到该单位。"))


declare_page(
    "accounts",
    label=gettext_lazy("单位账号"),
    url_name="accounts:account-list",
    order=90,
    allowed=lambda user: has_right(user, AccountAction.MANAGE_ACCOUNTS),
    in_menu=False,
)
