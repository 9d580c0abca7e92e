"""Accounts of the reporting workflow, for deployment scripts and the demo database."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from rest_framework.authtoken.models import Token

from pilots.models import PilotUnit, Region

from ..models import Membership, Role


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


def account_token(*, user) -> str:
    token, _ = Token.objects.get_or_create(user=user)
    return token.key
