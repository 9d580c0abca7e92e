"""Accounts and their roles: for deployment scripts, the demo database and reviewers' account pages."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from pilots.models import PilotUnit, Region

from .models import Membership, Role
from .permissions import check_manage


@transaction.atomic
def account_setup(
    *,
    username: str,
    role: str,
    unit: PilotUnit | None = None,
    region: Region | None = None,
    password: str | None = None,
) -> tuple[object, bool]:
    """Create or update ``username`` with ``role`` in ``unit``/``region``; returns (user, created).

    An admin is a Django superuser; every other role is an ordinary account whose membership
    says where it acts. A password is set only when given (and must pass the validators); a new
    account without one cannot log in with a password until it gets one (tokens still work).
    """
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    # Only the admin role grants the Django admin; other roles keep whatever staff flag they had
    # (an editor may also maintain data in the admin).
    user.is_superuser = role == Role.ADMIN
    if role == Role.ADMIN:
        user.is_staff = True
    user.full_clean()
    user.save()
    membership = Membership.objects.filter(user=user).first() or Membership(user=user)
    membership.role, membership.unit, membership.region = role, unit, region
    membership.full_clean()
    membership.save()
    return user, created


def new_password() -> str:
    """A random password to hand over once (it passes the validators: long, not common, not numeric)."""
    return secrets.token_urlsafe(12)


def account_create_submitter(*, actor, username: str, unit: PilotUnit, email: str = "") -> tuple[object, str]:
    """A submitter account for ``unit``, created by its reviewer; returns the user and its first password."""
    check_manage(actor, unit=unit)
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("账号名“%(name)s”已被使用。") % {"name": username}})
    password = new_password()
    user, _created = account_setup(username=username, role=Role.SUBMITTER, unit=unit, password=password)
    if email:
        user.email = email
        user.save(update_fields=["email"])
    return user, password


def account_reset_password(*, actor, account) -> str:
    """A new random password for ``account`` (it is shown once to the reviewer, who passes it on)."""
    check_manage(actor, account)
    password = new_password()
    account.set_password(password)
    account.is_active = True
    account.save(update_fields=["password", "is_active"])
    return password


def account_deactivate(*, actor, account) -> None:
    """The account can no longer log in or use its token; its records and steps stay."""
    check_manage(actor, account)
    account.is_active = False
    account.save(update_fields=["is_active"])


def account_token(*, user) -> str:
    token, _ = Token.objects.get_or_create(user=user)
    return token.key
