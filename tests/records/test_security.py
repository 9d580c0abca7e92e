"""Login throttling after repeated failures, and CSRF on every browser form."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APIClient

from reports.models import AnnualRecord, RecordStatus


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user("officer", password="Correct-Horse-7")


def _login(client, password, *, username="officer", address="127.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_login_works_with_the_right_password(client, officer):
    response = _login(client, "Correct-Horse-7")
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(officer.pk)


def test_repeated_failures_lock_the_login_even_for_the_right_password(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "wrong")
        assert response.status_code == 200
        assert "请输入一个正确的" in response.content.decode() or "不正确" in response.content.decode()
    locked = _login(client, "wrong")
    assert locked.status_code == 429
    assert "暂时锁定" in locked.content.decode()
    assert _login(client, "Correct-Horse-7").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_account_and_address(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong", address="10.0.0.1")
    assert _login(client, "Correct-Horse-7", address="10.0.0.1").status_code == 429  # this pair is locked
    get_user_model().objects.create_user("colleague", password="Other-Pass-9")
    assert _login(client, "Other-Pass-9", username="colleague", address="10.0.0.1").status_code == 302
    client.logout()
    assert _login(client, "Correct-Horse-7", address="10.0.0.2").status_code == 302


@pytest.fixture
def csrf_client(client):
    from django.test import Client

    return Client(enforce_csrf_checks=True)


def _token(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


def test_login_form_needs_the_csrf_token(csrf_client, officer):
    url = reverse("accounts:login")
    assert csrf_client.post(url, {"username": "officer", "password": "Correct-Horse-7"}).status_code == 403
    token = _token(csrf_client, url)
    response = csrf_client.post(
        url, {"username": "officer", "password": "Correct-Horse-7", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("actor", "state", "url_name", "args", "data"),
    [
        ("submitter_own", "draft", "reports:record-transition", ["submit"], {}),
        ("reviewer_county", "submitted", "reports:record-transition", ["approve"], {}),
        ("reviewer_county", "submitted", "reports:record-transition", ["return"], {"comment": "改"}),
        ("reviewer_county", "approved", "reports:record-transition", ["reopen"], {"reason": "错"}),
        (
            "submitter_own",
            "draft",
            "reports:record-edit",
            [],
            {
                "version": "1",
                "intent": "submit",
                "highlights": "建成服务站",
                "measures-TOTAL_FORMS": "0",
                "measures-INITIAL_FORMS": "0",
                "positions-TOTAL_FORMS": "0",
                "positions-INITIAL_FORMS": "0",
            },
        ),
    ],
)
def test_record_forms_refuse_posts_without_the_csrf_token(
    csrf_client, accounts, a_record, actor, state, url_name, args, data
):
    record = a_record(state)
    csrf_client.force_login(accounts[actor])
    url = reverse(url_name, args=[record.pk, *args])
    assert csrf_client.post(url, data).status_code == 403
    record.refresh_from_db()
    assert record.status == state
    token = _token(csrf_client, reverse("reports:record-detail", args=[record.pk]))
    assert csrf_client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code == 302
    record.refresh_from_db()
    # A step changes the state; the form saves (its "submit" then asks for confirmation).
    assert record.status != state or record.highlights == "建成服务站"


def test_new_record_and_upload_forms_refuse_posts_without_the_csrf_token(csrf_client, accounts, home_unit):
    csrf_client.force_login(accounts["submitter_own"])
    assert csrf_client.post(reverse("reports:record-new"), {"unit": home_unit.pk, "year": 2019}).status_code == 403
    assert csrf_client.post(reverse("reports:sheet-upload"), {}).status_code == 403
    assert not AnnualRecord.objects.exists()


def test_the_api_with_a_browser_session_needs_csrf_but_a_token_does_not(accounts, a_record):
    record = a_record("draft")
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(accounts["submitter_own"])
    response = browser.post(reverse("record-submit", args=[record.pk]), format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT
    from .conftest import api_client

    script = api_client(accounts["submitter_own"])
    script.enforce_csrf_checks = True
    assert script.post(reverse("record-submit", args=[record.pk]), format="json").status_code == 200
