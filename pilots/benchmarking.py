"""What the benchmark commands share: timing samples, their figures, and a scratch database.

Benchmarks print figures and never assert times. Each builds its synthetic data in a scratch
database loaded with the real records and dropped afterwards, so the portal's own database is
never touched.
"""

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections


def stats(samples: list[float]) -> dict:
    """``{"median_ms", "p95_ms", "max_ms"}`` of samples in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2), "max_ms": round(ordered[-1], 2)}


def timed(function: Callable[[], object], repeat: int, *, warm_up: bool = True) -> list[float]:
    """Milliseconds of ``repeat`` calls, after one uncounted call (caches, plans) unless ``warm_up`` is off."""
    if warm_up:
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


@contextmanager
def scratch_database(name: str, *, keep: bool = False, log: Callable[[str], object] = print) -> Iterator[None]:
    """A fresh database with the real records, dropped at the end whatever happens (unless ``keep``).

    On SQLite it is the file ``var/<name>.sqlite3``; on PostgreSQL Django's test database.
    """
    wrapper = connections[DEFAULT_DB_ALIAS]
    if wrapper.vendor == "sqlite":
        wrapper.settings_dict.setdefault("TEST", {})["NAME"] = str(settings.VAR_DIR / f"{name}.sqlite3")
    log("创建临时数据库并加载真实记录……")
    old_name = wrapper.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_portal_data", stdout=StringIO())
        yield
    finally:
        if keep:
            log(f"临时数据库保留为：{wrapper.settings_dict['NAME']}")
            wrapper.close()
            wrapper.settings_dict["NAME"] = old_name
        else:
            wrapper.creation.destroy_test_db(old_name, verbosity=0)
