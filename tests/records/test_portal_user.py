"""``portal_user``: accounts for deployment scripts, with the API token as the last line."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Membership


def _run(*args, stdin: str | None = None, monkeypatch=None) -> list[str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("portal_user", *args, stdout=out)
    return out.getvalue().splitlines()


def test_it_creates_a_submitter_and_prints_a_working_token_last(monkeypatch, home_unit, a_record):
    record = a_record("draft")
    lines = _run(
        "bot",
        "--role",
        "submitter",
        "--unit",
        str(home_unit.pk),
        "--password-stdin",
        "--token",
        stdin="Long-Enough-Pass-1\n",
        monkeypatch=monkeypatch,
    )
    token = lines[-1]
    assert len(token) == 40 and "已创建" in lines[0]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(reverse("record-detail", args=[record.pk])).status_code == 200
    assert APIClient().login(username="bot", password="Long-Enough-Pass-1")


def test_running_it_again_updates_the_role_and_keeps_the_token(home_unit):
    first = _run("ops", "--role", "submitter", "--unit", str(home_unit.pk), "--token")[-1]
    lines = _run("ops", "--role", "staff", "--token")
    assert lines[-1] == first and "已更新" in lines[0]
    assert Membership.objects.get(user__username="ops").role == "staff"


def test_admin_role_makes_a_superuser(db):
    _run("root2", "--role", "admin")
    membership = Membership.objects.get(user__username="root2")
    assert membership.user.is_superuser and membership.user.is_staff


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["x", "--role", "submitter"], "必须属于一个试点单位"),
        (["x", "--role", "reviewer", "--region", "999999"], "没有 ID 为 999999 的区域"),
        (["x", "--role", "staff", "--unit", "999999"], "没有 ID 为 999999 的试点单位"),
    ],
)
def test_it_refuses_a_role_without_its_scope_and_creates_nothing(db, args, words):
    with pytest.raises(CommandError, match=words):
        _run(*args)
    assert not Membership.objects.filter(user__username="x").exists()


def test_a_reviewer_needs_a_city_or_county(db):
    from pilots.models import Region

    street = Region.objects.filter(level="street").first() or Region.objects.get(parent__isnull=True)
    with pytest.raises(CommandError, match="审核人"):
        _run("rv", "--role", "reviewer", "--region", str(street.pk))


def test_a_weak_password_is_refused(monkeypatch, home_unit):
    with pytest.raises(CommandError):
        _run(
            "weak",
            "--role",
            "submitter",
            "--unit",
            str(home_unit.pk),
            "--password-stdin",
            stdin="123\n",
            monkeypatch=monkeypatch,
        )
