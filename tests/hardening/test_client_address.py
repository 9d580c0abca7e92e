"""The client address of throttles and login lockouts comes from the deployment (TRUSTED_PROXIES).

Without a proxy (``TRUSTED_PROXIES=0``) a client writing ``X-Forwarded-For`` is still the same
client; behind ``N`` proxies the N-th entry from the right is the client, so everyone behind the
proxy is not one address.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from pilots.client_address import client_address

PROXY = "127.0.0.1"


class _Request:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        self.headers = {}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded
            self.headers["x-forwarded-for"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.1", None, "198.51.100.1"),
        (0, "198.51.100.1", "10.9.9.9", "198.51.100.1"),
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (2, PROXY, "1.2.3.4, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, PROXY, None, PROXY),
        (2, PROXY, "203.0.113.5", PROXY),
        (1, PROXY, "not-an-address", PROXY),
        (1, PROXY, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_follows_the_number_of_trusted_proxies(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    assert client_address(_Request(remote, forwarded)) == expected


@pytest.mark.django_db
def test_without_a_proxy_a_forged_forwarded_for_is_not_a_new_client(client, rates, settings):
    settings.TRUSTED_PROXIES = 0
    rates(anon="3/minute")
    answers = [
        client.get(reverse("unit-list"), HTTP_X_FORWARDED_FOR=f"10.0.0.{number}").status_code for number in range(5)
    ]
    assert answers == [200, 200, 200, 429, 429]


@pytest.mark.django_db
def test_without_a_proxy_a_forged_forwarded_for_does_not_reset_token_guessing(rates, settings):
    settings.TRUSTED_PROXIES = 0
    rates(token_failure="3/hour")
    guesser = APIClient()
    guesser.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    answers = [
        guesser.get(reverse("record-list"), HTTP_X_FORWARDED_FOR=f"10.0.1.{number}").status_code for number in range(5)
    ]
    assert answers == [401, 401, 401, 429, 429]


@pytest.mark.django_db
def test_behind_a_proxy_each_client_has_its_own_budget_and_cannot_forge_another(client, rates, settings):
    settings.TRUSTED_PROXIES = 1
    rates(anon="2/minute")
    url = reverse("unit-list")

    def through_proxy(forwarded):
        return client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).status_code

    # The attacker's own entries (left of what the proxy appended) change nothing.
    assert [through_proxy(f"10.0.2.{n}, 203.0.113.9") for n in range(3)] == [200, 200, 429]
    # Another client behind the same proxy is not throttled with it.
    assert through_proxy("198.51.100.20") == 200


@pytest.mark.django_db
def test_behind_a_proxy_one_attacker_does_not_lock_everyone_out(settings):
    settings.TRUSTED_PROXIES = 1
    AccessAttempt.objects.all().delete()
    get_user_model().objects.create_user("editor_behind_proxy", password="Correct-Horse-8")
    url = reverse("accounts:login")
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        attacker.post(url, {"username": f"guess{number}", "password": "wrong"})
    assert attacker.post(url, {"username": "editor_behind_proxy", "password": "Correct-Horse-8"}).status_code == 429
    # Forging one more entry does not free the attacker either.
    forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.66")
    assert forged.post(url, {"username": "editor_behind_proxy", "password": "Correct-Horse-8"}).status_code == 429
    editor = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert editor.post(url, {"username": "editor_behind_proxy", "password": "Correct-Horse-8"}).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}


@pytest.mark.django_db
def test_without_a_proxy_a_forged_forwarded_for_does_not_escape_the_address_lockout(settings):
    settings.TRUSTED_PROXIES = 0
    AccessAttempt.objects.all().delete()
    get_user_model().objects.create_user("officer_direct", password="Correct-Horse-8")
    url = reverse("accounts:login")
    for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        Client(REMOTE_ADDR="198.51.100.50", HTTP_X_FORWARDED_FOR=f"10.3.0.{number}").post(
            url, {"username": f"guess{number}", "password": "wrong"}
        )
    again = Client(REMOTE_ADDR="198.51.100.50", HTTP_X_FORWARDED_FOR="10.3.9.9")
    assert again.post(url, {"username": "officer_direct", "password": "Correct-Horse-8"}).status_code == 429


def _throttles(base):
    for cls in base.__subclasses__():
        yield cls
        yield from _throttles(cls)


@pytest.mark.parametrize("proxies", [0, 1])
def test_every_throttle_of_the_portal_reads_the_address_from_the_deployment(settings, proxies):
    import importlib

    from rest_framework.throttling import BaseThrottle

    for module in ("accounts.throttling", "editions.version_views"):
        importlib.import_module(module)
    settings.TRUSTED_PROXIES = proxies
    request = _Request(PROXY if proxies else "198.51.100.1", "10.9.9.9, 203.0.113.5")
    ours = {cls for cls in _throttles(BaseThrottle) if not cls.__module__.startswith("rest_framework")}
    assert len(ours) >= 4, ours
    for cls in ours:
        assert cls.get_ident(object.__new__(cls), request) == client_address(request), cls
