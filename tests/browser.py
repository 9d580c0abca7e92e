"""What the browser tests share: Debian's Chromium, the switches it needs on a closed network, and
the portal served to it.

The fixtures ``chromium`` and ``portal_url`` live in ``tests/conftest.py``.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
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
