"""Schema-driven fuzzing of the whole API, and a query-string fuzz of the HTML pages.

Every operation of the OpenAPI schema is called with generated input (schemathesis through the WSGI
app), anonymously and with the token of each role (submitter, reviewer, staff, editor, admin): no
answer may be a server error, and every answer must conform to the schema (status code, content
type, body). The HTML pages (found by walking the URL resolver) are asked with generated query
strings over the standard parameters (format, page, page_size, ordering, q, the filters...) and
odd values ("²", 20-digit numbers, long and empty strings): never a 500.

The seed is new on every run and printed (pytest's header, every failure); ``FUZZ_SEED`` replays a
run. A failure names the seed, the role and the request (as curl) in the log. The requests are
counted: the last test asserts the run sent at least ``FUZZ_MIN_REQUESTS``.
"""

import logging
import os
import time
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)

from accounts.models import Role
from accounts.services import account_setup, account_token
from pilots.models import PilotUnit, Region
from portal.wsgi import application
from tests.factories import a_street, a_unit, an_article

from .fuzz_seed import replay_note, seed_for

log = logging.getLogger("portal.fuzz")
ON_SQLITE = connection.vendor == "sqlite"
# Examples per operation and role: about 2,000 API requests and 600 page requests on SQLite (a
# minute and a half of CPU); the PostgreSQL run of CI repeats a shorter fuzz (the engines differ in
# queries, not in input).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10" if ON_SQLITE else "4"))
PAGE_EXAMPLES = int(os.environ.get("FUZZ_PAGE_EXAMPLES", "8" if ON_SQLITE else "4"))
FUZZ_MIN_REQUESTS = int(os.environ.get("FUZZ_MIN_REQUESTS", "1500" if ON_SQLITE else "600"))
SENT = {"requests": 0, "server_errors": 0}
TIMES: dict[str, tuple[int, float]] = {}
ROLES = ["anonymous", *Role.values]
# Filters take codes (practices, areas) that live in the database, not in the schema: a 400 for an
# unknown code is the right answer, not a rejected valid request.
NOT_CHECKED = [positive_data_acceptance]


@pytest.fixture
def api_schema(db):
    # Through the bare WSGI app each request would close the database connection at its end (as
    # in production); the test's transaction lives on that connection, so keep it open, as
    # Django's own test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def people(db):
    """One account of each role, in scope of a unit and an article of their own."""
    unit = a_unit("温岭市模糊测试街道总工会", region=a_street("模糊测试街道", "温岭市"))
    an_article(unit, headline="模糊测试的文章")
    county = Region.objects.resolve_county("温岭市")
    scopes = {Role.SUBMITTER: {"unit": unit}, Role.REVIEWER: {"region": county}}
    return {role: account_setup(username=f"fuzz_{role}", role=role, **scopes.get(role, {}))[0] for role in Role.values}


def _headers(people, role):
    if role == "anonymous":
        return None
    return {"Authorization": f"Token {account_token(user=people[role])}"}


def _settings(examples: int):
    return settings(
        max_examples=examples, derandomize=False, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )


def _fuzz(api_schema, role, headers=None, mode=GenerationMode.POSITIVE) -> list[str]:
    """Each operation of the schema in turn, ``EXAMPLES`` generated cases each; the failures, described."""
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        last: dict[str, str] = {}
        run = _operation_runner(operation, role, headers, mode, last)

        started, before = time.perf_counter(), SENT["requests"]
        try:
            run()
        except Unsatisfiable:
            # Nothing in the operation can be made invalid (no parameters, no body).
            assert mode == GenerationMode.NEGATIVE
        except Exception as error:
            failures.append(_failure(role, operation.label, last.get("request", "?"), error))
        TIMES[f"{role} {mode.value} {operation.label}"] = (SENT["requests"] - before, time.perf_counter() - started)
    return failures


def _operation_runner(operation, role, headers, mode, last):
    @given(case=operation.as_strategy(generation_mode=mode))
    @_settings(EXAMPLES)
    @seed(seed_for(operation.label, role, mode.value))
    def run(case):
        last["request"] = case.as_curl_command(headers=headers)
        response = case.call(headers=headers)
        SENT["requests"] += 1
        SENT["server_errors"] += response.status_code >= 500
        # With our own valid token the generated (invalid) credentials are replaced, not ignored.
        excluded = NOT_CHECKED + ([ignored_auth] if headers else [])
        # Invalid input must be refused, but lenient parsing (an unknown parameter ignored) is fine.
        excluded += [negative_data_rejection] if mode == GenerationMode.NEGATIVE else []
        # ``format=api`` asks for DRF's browsable API, an HTML page that settings add only with DEBUG on
        # (true when the test settings are imported; production answers 404): not a documented type.
        excluded += [content_type_conformance] if _asks_for_the_browsable_api(case) else []
        case.validate_response(response, excluded_checks=excluded)

    return run


def _asks_for_the_browsable_api(case) -> bool:
    from rest_framework.renderers import BrowsableAPIRenderer
    from rest_framework.settings import api_settings

    asked = (case.query or {}).get("format")
    asked = asked if isinstance(asked, list) else [asked]
    return "api" in asked and any(
        issubclass(renderer, BrowsableAPIRenderer) for renderer in api_settings.DEFAULT_RENDERER_CLASSES
    )


def _failure(role: str, label: str, request: str, error: Exception) -> str:
    text = f"{replay_note()}, role {role}: {label}\n  request: {request}\n  {type(error).__name__}: {str(error)[:1500]}"
    log.error("fuzz failure: %s", text)
    return text


@pytest.mark.parametrize("role", ROLES)
def test_requests_never_fail_and_match_the_schema(api_schema, people, role):
    failures = _fuzz(api_schema, role, _headers(people, role))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["anonymous", Role.SUBMITTER])
def test_invalid_requests_are_refused_cleanly(api_schema, people, role):
    failures = _fuzz(api_schema, role, _headers(people, role), mode=GenerationMode.NEGATIVE)
    assert not failures, "\n".join(failures)


# --- the HTML pages' query strings ------------------------------------------------------------------

STANDARD = [
    "format", "page", "page_size", "ordering", "q", "year", "region", "unit", "city", "county", "kind",
    "pilot_level", "practice", "area", "column", "designated_year", "indicator", "indicator_kind",
    "compare_year", "compare_city", "table", "status", "a", "b", "version", "next", "sort", "lang",
]  # fmt: skip
ODD = [
    "", "²", "-1", "0", "1", "2019", "99999999999999999999", "1e3", "1.5", "null", "[]", "{}", "%", "'", '"',
    "<script>", "csv", "xlsx", "json", "pdf", "html", "docx", "-name", "name", "relevance", "工会", "温岭市",
    "\u0000", "\ud7ff", "a" * 300, "工" * 250,
]  # fmt: skip
QUERY = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(STANDARD), st.text(min_size=1, max_size=12)),
        st.one_of(st.sampled_from(ODD), st.integers(-(10**25), 10**25).map(str), st.text(max_size=40)),
    ),
    max_size=6,
)
SKIPPED = ("admin/", "api/", "i18n/", "favicon.ico", "accounts/logout/")


def _pages(unit, article) -> list[str]:
    """Every page the resolver knows without an id, and the case and article pages with one."""

    def walk(patterns, prefix):
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern):
                yield text

    pages = {"/" + text for text in walk(get_resolver().url_patterns, "") if "<" not in text and "^" not in text}
    pages = {page for page in pages if not page.lstrip("/").startswith(SKIPPED)}
    return sorted(pages | {f"/cases/{unit.pk}/", f"/articles/{article.pk}/"})


def _page_runner(client, page, role, last):
    @given(query=QUERY)
    @_settings(PAGE_EXAMPLES)
    @seed(seed_for(page, role, "query"))
    def run(query):
        url = f"{page}?{urlencode(query)}" if query else page
        last["request"] = f"GET {url}"
        response = client.get(url)
        SENT["requests"] += 1
        SENT["server_errors"] += response.status_code >= 500
        assert response.status_code < 500, response.status_code

    return run


@pytest.mark.parametrize("role", ["anonymous", Role.STAFF, Role.ADMIN])
def test_page_query_strings_never_fail(db, people, role):
    unit = PilotUnit.objects.get(name="温岭市模糊测试街道总工会")
    article = unit.articles.get()
    client = Client(raise_request_exception=True)
    if role != "anonymous":
        client.force_login(people[role])
    failures = []
    pages = _pages(unit, article)
    assert len(pages) >= 12, pages
    for page in pages:
        last: dict[str, str] = {}
        run = _page_runner(client, page, role, last)

        started, before = time.perf_counter(), SENT["requests"]
        try:
            run()
        except Exception as error:
            failures.append(_failure(role, page, last.get("request", "?"), error))
        TIMES[f"{role} page {page}"] = (SENT["requests"] - before, time.perf_counter() - started)
    assert not failures, "\n".join(failures)


def test_the_fuzz_sent_enough_requests():
    if SENT["requests"] == 0:
        pytest.skip("the fuzz tests did not run in this session")
    print(f"fuzz: {SENT['requests']} requests, {SENT['server_errors']} server errors; {replay_note()}")
    for label, (count, seconds) in sorted(TIMES.items(), key=lambda item: -item[1][1])[:15]:
        print(f"  {label}: {count} requests in {seconds:.2f} s")
    assert SENT["server_errors"] == 0, replay_note()
    assert SENT["requests"] >= FUZZ_MIN_REQUESTS, (SENT, replay_note())
