from axes.backends import AxesStandaloneBackend


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
