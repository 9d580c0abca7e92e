"""The client's address, as the deployment says to read it: one function for every throttle.

``settings.TRUSTED_PROXIES`` is the number of proxies in front of the portal that append the
address they were connected from to ``X-Forwarded-For`` (nginx's ``$proxy_add_x_forwarded_for``):

- ``0`` (the default): the connection's own address (``REMOTE_ADDR``); ``X-Forwarded-For`` is
  whatever the client wrote and is ignored;
- ``N``: the N-th entry from the right of ``X-Forwarded-For`` — the address the outermost trusted
  proxy saw. Entries left of it were written by the client and are ignored too.

A request without enough entries (one that did not pass every proxy) or with an entry that is no
IP address falls back to the connection address. DRF's throttles (``accounts.throttling``) and
django-axes' login lockouts (``AXES_CLIENT_IP_CALLABLE``) both call :func:`client_address`.
"""

import ipaddress

from django.conf import settings


def trusted_proxies() -> int:
    return max(int(getattr(settings, "TRUSTED_PROXIES", 0) or 0), 0)


def client_address(request) -> str:
    """The address to count a request against (an IP address as text)."""
    meta = getattr(request, "META", {})
    remote = meta.get("REMOTE_ADDR") or ""
    proxies = trusted_proxies()
    if proxies == 0:
        return remote
    entries = [entry.strip() for entry in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(entries) < proxies:
        return remote
    candidate = entries[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
