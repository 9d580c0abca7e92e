import os
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from pilots.services.portal_data import portal_data_load, portal_reference_load
from pilots.text import normalise_name
from tests.browser import CHROMIUM, committed_rows, served_portal

COMPILATION = "000_ac4ce678d924a366.txt"


def _asks_pytest_django_for_a_database(item) -> bool:
    """Whether pytest-django sets up the test database for this test (its marker or its fixtures)."""
    fixtures = set(getattr(item, "fixturenames", ()))
    marked = item.get_closest_marker("django_db") is not None
    return marked or bool({"db", "transactional_db", "live_server"} & fixtures)


def _uses_the_fixture_cases(item) -> bool:
    """A test that uses the database and does not build its own cases (``own_data``)."""
    uses_db = _asks_pytest_django_for_a_database(item) or "committed_db" in getattr(item, "fixturenames", ())
    return bool(uses_db) and item.get_closest_marker("own_data") is None


def _empties_the_database(item) -> bool:
    """A transactional test: pytest-django flushes every table when it ends."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(marker and marker.kwargs.get("transaction")) or bool({"transactional_db", "live_server"} & fixtures)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests on ``committed_db`` run after the ones in a transaction and before the transactional ones
    (pytest-django puts them last, after the flush that empties the reference data they build on)."""
    committed = [item for item in items if "committed_db" in getattr(item, "fixturenames", ())]
    if not committed:
        return
    rest = [item for item in items if "committed_db" not in getattr(item, "fixturenames", ())]
    at = next((i for i, item in enumerate(rest) if _empties_the_database(item)), len(rest))
    items[:] = rest[:at] + committed + rest[at:]


def pytest_report_header(config):
    from tests.hardening.fuzz_seed import replay_note

    return replay_note()


def pytest_terminal_summary(terminalreporter):
    """The fuzz's request count and seed at the end of every run that fuzzed (a CI log keeps both)."""
    fuzz = sys.modules.get("tests.hardening.test_fuzz")
    if fuzz is None or not fuzz.SENT["requests"]:
        return
    from tests.hardening.fuzz_seed import replay_note

    sent = fuzz.SENT
    terminalreporter.write_line(
        f"fuzz: {sent['requests']} requests, {sent['server_errors']} server errors; {replay_note()}"
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The reference data (gazetteer, practices, indicators) for every run; the real cases, loaded
    once per run, only when a test of the run needs them (a module marked ``own_data`` builds its
    own with tests.factories, so running it alone costs seconds, not the whole fixture load)."""
    items = request.session.items
    if not any(_asks_pytest_django_for_a_database(item) for item in items):
        # Only tests with ``committed_db`` use the database: pytest-django set up none, so set it up here
        # (else they would write to the development database).
        from django.test.utils import setup_databases, teardown_databases

        with django_db_blocker.unblock():
            created = setup_databases(verbosity=0, interactive=False, aliases={"default"})

        def drop():
            with django_db_blocker.unblock():
                teardown_databases(created, verbosity=0)

        request.addfinalizer(drop)
    with django_db_blocker.unblock():
        if any(_uses_the_fixture_cases(item) for item in request.session.items):
            portal_data_load()
        else:
            portal_reference_load()


@pytest.fixture(autouse=True)
def _reference_data_after_a_flush(request):
    """A transactional test starts with the reference data even when the one before it emptied every table
    (pytest-django flushes the database after each); without it such a test depended on its place in the run."""
    if _empties_the_database(request.node):
        request.getfixturevalue("transactional_db")
        from pilots.models import IndicatorDefinition

        if not IndicatorDefinition.objects.exists():
            portal_reference_load()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Answers remembered under an index stamp (search.remember) must not outlive a rolled-back test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _api_unthrottled(settings):
    """The suite sends hundreds of requests a minute from one address: throttling is tested on its own."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token_failure": None},
    }


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Each test starts in the portal's language: a request in English must not leak into the next."""
    translation.activate("zh-hans")
    yield
    translation.deactivate()


def seed_path(name: str) -> Path:
    path = Path(settings.SEEDS_DIR) / name
    if not path.is_file():
        pytest.fail(f"source document {path} is missing: the tests read the sources from ../shared/seeds/")
    return path


def seed_lines(name: str) -> list[str]:
    return seed_path(name).read_text(encoding="utf-8-sig").splitlines()


UNIT_LINE = re.compile(r"^(?P<name>[^，。、“”：；\s]{4,40}(?:总工会|工会联合会|联合工会|工会|（[^）]*工会）))$")


def compilation_unit_lines(known_prefixes: tuple[str, ...]) -> list[tuple[int, str]]:
    """The unit-name lines of the compilation: a whole line naming a union, starting with a place.

    Read from the source at test time; fragments of running text that happen to end in 工会 do not
    start with a city or county name and are left out.
    """
    found = []
    for number, line in enumerate(seed_lines(COMPILATION), 1):
        match = UNIT_LINE.match(normalise_name(line))
        if match and match["name"].startswith(known_prefixes):
            found.append((number, match["name"]))
    return found


@pytest.fixture
def chromium():
    if not Path(CHROMIUM).exists():
        message = f"Chromium ({CHROMIUM}) is not installed: browser tests skipped (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker):
    """The database without the test's transaction: what the test writes is committed (a live server
    sees it on PostgreSQL too) and deleted at the end (``tests.browser.committed_rows``). For browser
    walks over data the test builds; the test must not be marked ``django_db``."""
    from django.db import connection
    from django.db.backends.base.creation import TEST_DATABASE_PREFIX

    name = str(connection.settings_dict["NAME"])
    if not (name.startswith(TEST_DATABASE_PREFIX) or name.startswith("file:memorydb_")):
        pytest.fail(f"committed_db writes only to a test database, not {name}")
    with django_db_blocker.unblock(), committed_rows():
        yield


@pytest.fixture
def portal_url(settings):
    """The portal served on a free port by a thread sharing this test's database."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    with served_portal() as url:
        yield url
