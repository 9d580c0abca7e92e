"""Every API endpoint with its permission classes: a new endpoint fails here until it is listed, so
nothing becomes public by accident (the DRF default is IsAuthenticated)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.views import APIView

ALLOW_ANY = ("AllowAny",)
AUTHENTICATED = ("IsAuthenticated",)

# route (as Django joins it) -> permission classes by name. The public ones read published records only.
ENDPOINTS = {
    "api/": ALLOW_ANY,
    "api/units/": ALLOW_ANY,
    "api/units/<pk>/": ALLOW_ANY,
    "api/articles/": ALLOW_ANY,
    "api/articles/<pk>/": ALLOW_ANY,
    "api/regions/": ALLOW_ANY,
    "api/regions/<pk>/": ALLOW_ANY,
    "api/practices/": ALLOW_ANY,
    "api/practices/<code>/": ALLOW_ANY,
    "api/practice-areas/": ALLOW_ANY,
    "api/practice-areas/<code>/": ALLOW_ANY,
    "api/indicators/": ALLOW_ANY,
    "api/indicators/<code>/": ALLOW_ANY,
    "api/cases/": ALLOW_ANY,
    "api/cases/facets/": ALLOW_ANY,
    "api/schema/": ALLOW_ANY,
    "api/docs/": ALLOW_ANY,
    "api/dashboards/map/": ALLOW_ANY,
    "api/dashboards/pilots/": ALLOW_ANY,
    "api/dashboards/practices/": ALLOW_ANY,
    "api/dashboards/indicators/": ALLOW_ANY,
    "api/dashboards/reporting/": AUTHENTICATED,
    "api/dashboards/compare/": ALLOW_ANY,
    "api/records/": AUTHENTICATED,
    "api/records/<pk>/": AUTHENTICATED,
    "api/records/<pk>/submit/": AUTHENTICATED,
    "api/records/<pk>/approve/": AUTHENTICATED,
    "api/records/<pk>/return/": AUTHENTICATED,
    "api/records/<pk>/reopen/": AUTHENTICATED,
}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + _readable(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def _readable(pattern) -> str:
    text = str(pattern)
    # Router regexes ("^units/(?P<pk>[^/.]+)/$") read like path converters ("units/<pk>/").
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", text)
    text = re.sub(r"<(?:int|str|slug):(\w+)>", r"<\1>", text)
    return text.lstrip("^").rstrip("$").replace("\\.", ".")


def api_endpoints() -> dict[str, tuple[str, ...]]:
    found = {}
    for route, callback in _routes(get_resolver().url_patterns):
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if view is None or not issubclass(view, APIView) or "format>" in route:
            continue
        initkwargs = getattr(callback, "initkwargs", {}) or {}
        classes = initkwargs.get("permission_classes", view.permission_classes)
        found[route] = tuple(cls.__name__ for cls in classes)
    return found


def test_every_api_endpoint_is_listed_with_its_permissions():
    assert api_endpoints() == ENDPOINTS


def test_the_default_for_a_new_endpoint_is_authenticated_only():
    assert settings.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] == ["rest_framework.permissions.IsAuthenticated"]


@pytest.mark.django_db
def test_the_records_api_refuses_anonymous_clients():
    assert Client().get("/api/records/").status_code in (401, 403)


# Endpoints that answer 400 without a parameter naming what to show.
REQUIRED_PARAMS = {
    "api/dashboards/indicators/": "?indicator=members",
    "api/dashboards/compare/": "?compare_city=湖州市",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [route for route, classes in ENDPOINTS.items() if classes == ALLOW_ANY and "<" not in route]
)
def test_the_public_endpoints_answer_anonymous_readers(route):
    response = Client().get("/" + route + REQUIRED_PARAMS.get(route, ""))
    assert response.status_code == 200, (route, response.status_code)
