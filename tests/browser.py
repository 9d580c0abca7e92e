"""What the browser tests share: Debian's Chromium, the switches it needs on a closed network, and
the portal served to it.

The fixtures ``chromium`` and ``portal_url`` live in ``tests/conftest.py``.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections, models, transaction
from django.test.testcases import LiveServerThread

CHROMIUM = "/usr/bin/chromium"
# Without the network switches Chromium waits for services it cannot reach on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def served_portal(thread_class=LiveServerThread) -> Iterator[str]:
    """The portal on a free port, served by ``thread_class`` in a thread sharing this test's database."""
    overrides = {}
    connection = connections["default"]
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # The in-memory test database exists only on this connection: lend it to the server thread.
        connection.inc_thread_sharing()
        overrides["default"] = connection
    thread = thread_class("127.0.0.1", StaticFilesHandler, connections_override=overrides, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        if overrides:
            connection.dec_thread_sharing()


def _growing_tables() -> list:
    """The models whose rows a test may add: concrete tables keyed by an automatic integer."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and isinstance(model._meta.pk, models.AutoField)
    ]


@contextmanager
def committed_rows() -> Iterator[None]:
    """Rows written inside are committed, so a live server on its own connection sees them (on
    PostgreSQL it cannot see a test's transaction), and deleted afterwards: every table loses the rows
    whose key is above its largest key before, through the ORM (cascades and signals run: the search
    index and the panels' data version follow), in one transaction. Rows that existed before and were
    changed are not put back: a test that uses this must only add rows."""
    from django.core.cache import cache
    from django.db.models import Max, ProtectedError

    tables = _growing_tables()
    before = {model: model._base_manager.aggregate(top=Max("pk"))["top"] or 0 for model in tables}
    try:
        yield
    finally:
        with transaction.atomic():
            pending = [model for model in tables if model._base_manager.filter(pk__gt=before[model]).exists()]
            # A row another one PROTECTs goes on a later pass, once the row that points at it is gone.
            for _ in range(len(pending) + 1):
                if not pending:
                    break
                later = []
                for model in pending:
                    try:
                        model._base_manager.filter(pk__gt=before[model]).delete()
                    except ProtectedError:
                        later.append(model)
                pending = later
            if pending:
                raise RuntimeError(f"committed rows left behind in {[m._meta.label for m in pending]}")
        cache.clear()


def open_chromium(playwright, chromium: str, profile, **options):
    """Debian's Chromium, headless with the closed network's switches, on a fresh profile directory
    (``--user-data-dir``). ``options`` go to Playwright's ``launch_persistent_context`` (viewport,
    locale, downloads, JavaScript)."""
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=chromium, headless=True, args=CHROMIUM_ARGS, **options
    )
