"""API throttling: per address and per account, plus failed token guesses per address.

Rates come from ``settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (read at each request, so
tests and deployments can change them; ``None`` turns a throttle off):

- ``anon`` — requests without credentials, per client address;
- ``user`` — authenticated requests (token or session), per account;
- ``token_failure`` — requests with an invalid token, per client address: a token cannot be
  guessed faster than this, and every failure counts even though authentication fails before
  DRF's ordinary throttles run.

The client address is ``pilots.client_address.client_address`` (``settings.TRUSTED_PROXIES``),
the same function django-axes uses for login lockouts.

Counts are kept in Django's cache (per process with the default local-memory cache; set a shared
cache to count across gunicorn workers).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from pilots.client_address import client_address


def _rate(scope: str) -> str | None:
    return settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get(scope)


class _LiveRate:
    def get_rate(self):
        return _rate(self.scope)

    def wait(self):
        return super().wait() if self.rate else None

    def get_ident(self, request):
        # The deployment's reading of the client address (settings.TRUSTED_PROXIES), the same as
        # the login lockouts': a client cannot become a new one by writing X-Forwarded-For.
        return client_address(request)


class AddressRateThrottle(_LiveRate, AnonRateThrottle):
    """Requests without credentials, per client address."""


class AccountRateThrottle(_LiveRate, UserRateThrottle):
    """Authenticated requests, per account."""


class TokenFailureThrottle(_LiveRate, SimpleRateThrottle):
    scope = "token_failure"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def __init__(self):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.cache = cache


class ThrottledTokenAuthentication(TokenAuthentication):
    """``Authorization: Token KEY``, refusing (429) an address once its invalid tokens pass the rate."""

    def authenticate(self, request):
        throttle = TokenFailureThrottle()
        if throttle.rate is None:
            return super().authenticate(request)
        key = throttle.get_cache_key(request, None)
        history = throttle.cache.get(key, [])
        now = throttle.timer()
        history = [moment for moment in history if moment > now - throttle.duration]
        if len(history) >= throttle.num_requests:
            raise exceptions.Throttled(
                wait=throttle.duration - (now - history[-1]) if history else None,
                detail=_("无效凭据尝试过多，请稍后再试。"),
            )
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            history.insert(0, now)
            throttle.cache.set(key, history, throttle.duration)
            raise
