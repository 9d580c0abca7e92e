"""Schema-driven fuzzing of the whole API (schemathesis through the WSGI app).

Every operation of the OpenAPI schema is called with generated input, anonymously and with a
submitter's token: no answer may be a server error, and every answer must conform to the schema
(status code documented, content type documented, body matching). In CI (``CI=true``) the
examples are derandomised, so a failure reproduces; locally each run explores new input.
The requests are counted: the last test asserts the run sent at least ``FUZZ_MIN_REQUESTS``.
"""

import os
import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import ignored_auth, negative_data_rejection, positive_data_acceptance

from accounts.models import Role
from accounts.services import account_setup, account_token
from portal.wsgi import application
from tests.factories import a_street, a_unit

IN_CI = os.environ.get("CI", "").lower() == "true"
# About 5,300 requests on SQLite (three runs over ~19 operations with parameters); the PostgreSQL
# run of CI repeats a shorter fuzz, the engines' differences being in the queries, not the input.
ON_SQLITE = connection.vendor == "sqlite"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "95" if ON_SQLITE else "20"))
FUZZ_MIN_REQUESTS = int(os.environ.get("FUZZ_MIN_REQUESTS", "5000" if ON_SQLITE else "1000"))
SENT = {"requests": 0, "server_errors": 0}
TIMES: dict[str, tuple[int, float]] = {}
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
def submitter_headers(db):
    unit = a_unit("温岭市模糊测试街道总工会", region=a_street("模糊测试街道", "温岭市"))
    user, _ = account_setup(username="fuzz_submitter", role=Role.SUBMITTER, unit=unit)
    return {"Authorization": f"Token {account_token(user=user)}"}


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=IN_CI,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def _fuzz(api_schema, headers=None, mode=GenerationMode.POSITIVE) -> None:
    """Each operation of the schema in turn, ``EXAMPLES`` generated cases each."""
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @FUZZ_SETTINGS
        def run(case):
            response = case.call(headers=headers)
            SENT["requests"] += 1
            SENT["server_errors"] += response.status_code >= 500
            # With our own valid token the generated (invalid) credentials are replaced, not ignored.
            excluded = NOT_CHECKED + ([ignored_auth] if headers else [])
            # Invalid input must be refused, but lenient parsing (an unknown parameter ignored) is fine.
            excluded += [negative_data_rejection] if mode == GenerationMode.NEGATIVE else []
            case.validate_response(response, excluded_checks=excluded)

        started = time.perf_counter()
        before = SENT["requests"]
        try:
            run()
        except Unsatisfiable:
            # Nothing in the operation can be made invalid (no parameters, no body).
            assert mode == GenerationMode.NEGATIVE
        TIMES[operation.label] = (SENT["requests"] - before, round(time.perf_counter() - started, 2))
        if os.environ.get("FUZZ_VERBOSE"):
            print(operation.label, *TIMES[operation.label])


def test_anonymous_requests_never_fail_and_match_the_schema(api_schema):
    _fuzz(api_schema)


def test_a_submitters_requests_never_fail_and_match_the_schema(api_schema, submitter_headers):
    _fuzz(api_schema, submitter_headers)


def test_a_submitters_invalid_requests_are_refused_cleanly(api_schema, submitter_headers):
    _fuzz(api_schema, submitter_headers, mode=GenerationMode.NEGATIVE)


def test_the_fuzz_sent_enough_requests():
    if SENT["requests"] == 0:
        pytest.skip("the fuzz tests did not run in this session")
    print(f"fuzz: {SENT['requests']} requests, {SENT['server_errors']} server errors")
    for label, (count, seconds) in sorted(TIMES.items(), key=lambda item: -item[1][1]):
        print(f"  {label}: {count} requests in {seconds} s")
    assert SENT["server_errors"] == 0
    assert SENT["requests"] >= FUZZ_MIN_REQUESTS, SENT
