"""Throttling per address and per account, invalid tokens counted, no HTTP Basic, address lockouts."""

import base64

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import account_token

from .conftest import api_client


@pytest.mark.django_db
def test_anonymous_requests_are_throttled_per_address(client, rates):
    rates(anon="3/minute")
    answers = [client.get(reverse("unit-list")).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    other = client.get(reverse("unit-list"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_token_requests_are_throttled_per_account(accounts, rates):
    rates(user="2/minute")
    client = api_client(accounts["submitter_own"])
    assert [client.get(reverse("record-list")).status_code for _ in range(3)] == [200, 200, 429]
    assert "Retry-After" in client.get(reverse("record-list"))
    assert api_client(accounts["reviewer_county"]).get(reverse("record-list")).status_code == 200


def test_invalid_tokens_are_counted_per_address(accounts, rates):
    rates(token_failure="3/hour")
    guesser = APIClient()
    guesser.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    answers = [guesser.get(reverse("record-list")).status_code for _ in range(4)]
    assert answers == [401, 401, 401, 429]
    # Even a valid token is refused from that address until the window passes.
    guesser.credentials(HTTP_AUTHORIZATION=f"Token {account_token(user=accounts['submitter_own'])}")
    assert guesser.get(reverse("record-list")).status_code == 429
    assert api_client(accounts["submitter_own"]).get(reverse("record-list"), REMOTE_ADDR="10.0.0.8").status_code == 200


def test_http_basic_is_not_accepted(accounts, rates):
    user = get_user_model().objects.create_user("basic_user", password="Basic-Pass-42")
    from accounts.models import Role
    from accounts.services import account_setup

    account_setup(username="basic_user", role=Role.STAFF)
    credentials = base64.b64encode(f"{user.username}:Basic-Pass-42".encode()).decode()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert client.get(reverse("record-list")).status_code in (401, 403)


def test_guesses_spread_over_many_usernames_lock_the_address(client, db, settings):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()  # whatever other tests' servers left from this address
    get_user_model().objects.create_user("officer2", password="Correct-Horse-8")
    url = reverse("accounts:login")
    for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": f"guess{number}", "password": "wrong"})
        assert response.status_code == 200, number
    assert client.post(url, {"username": "last-guess", "password": "wrong"}).status_code == 429
    locked = client.post(url, {"username": "officer2", "password": "Correct-Horse-8"})
    assert locked.status_code == 429
    other = client.post(url, {"username": "officer2", "password": "Correct-Horse-8"}, REMOTE_ADDR="10.1.1.1")
    assert other.status_code == 302


def test_a_few_typos_of_one_user_do_not_lock_colleagues_at_the_same_address(client, db, settings):
    get_user_model().objects.create_user("colleague2", password="Other-Pass-99")
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "typist", "password": "wrong"})
    assert client.post(url, {"username": "colleague2", "password": "Other-Pass-99"}).status_code == 302
