from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a request.

    Every login through the web (the portal's login page, the admin's) passes the request and is
    throttled. ``authenticate()`` without a request (the test client's ``login()``, a shell) has no
    address to throttle by; axes would raise there, so this backend simply abstains.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class AddressAwareAxesHandler(AxesDatabaseHandler):
    """Two lockouts from one setting of axes' parameters ``[["username", "ip_address"], "ip_address"]``.

    Axes compares the larger of the two counts with one limit (``AXES_FAILURE_LIMIT``); an office
    behind one address would then be locked by any five typos. Here the username-at-address count
    meets ``AXES_FAILURE_LIMIT`` and the address count (failures over every username) meets its own,
    higher ``LOGIN_ADDRESS_FAILURE_LIMIT``: one account's guesses and guesses spread over many
    usernames both end in a lockout.
    """

    def get_failures(self, request, credentials=None) -> int:
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        pair, address = [*counts, 0, 0][:2]
        if address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(pair, settings.AXES_FAILURE_LIMIT)
        return pair
