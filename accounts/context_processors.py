"""The portal's menu, built from the pages the apps declared (``accounts.permissions.declare_page``)."""

from django.utils.functional import SimpleLazyObject

from .permissions import may_open, menu


class _Openable:
    """``{% if may.review %}``: whether the account may open a declared page (asked once per page)."""

    def __init__(self, user):
        self._user, self._seen = user, {}

    def __getitem__(self, page: str) -> bool:
        if page not in self._seen:
            self._seen[page] = may_open(self._user, page)
        return self._seen[page]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "menu_pages": SimpleLazyObject(lambda: menu(user)),
        "may": SimpleLazyObject(lambda: _Openable(user)),
    }
