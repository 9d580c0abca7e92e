"""SQLite's planner statistics are written after the large changes (docs/scaling.md, the cold page).

Without ``sqlite_stat1`` SQLite looked up a results page's units through the index of their
status, walking every published unit's entry, instead of by key. PostgreSQL keeps its own
statistics: there ``analyse`` does nothing.
"""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from pilots.db_statistics import analyse
from pilots.models import PilotUnit
from tests.factories import a_unit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="sqlite_stat1 is SQLite's; PostgreSQL analyses by itself"),
]


def units_statistics() -> list[tuple[str, str]]:
    """(index, stat) rows of sqlite_stat1 for the units' table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return []
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = %s", [PilotUnit._meta.db_table])
        return cursor.fetchall()


def forget_statistics() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is not None:
            cursor.execute("DELETE FROM sqlite_stat1")
    assert units_statistics() == []


def some_units(count: int = 30) -> None:
    for number in range(count):
        a_unit(f"温岭市测试街道{number}总工会", status="published" if number % 3 else "draft")


def test_the_index_rebuild_leaves_statistics_for_the_units_table():
    some_units()
    forget_statistics()
    call_command("rebuild_search_index", "--no-progress", stdout=StringIO(), stderr=StringIO())
    rows = dict(units_statistics())
    # One row per index of the units' table, its first figure the rows counted: all of them, not a sample.
    assert rows and all(int(stat.split()[0]) == PilotUnit.objects.count() for stat in rows.values()), rows
    # The status leads three indexes: the units a status on average (15 of the 30 here), not a sample's few.
    total, statuses = PilotUnit.objects.count(), PilotUnit.objects.values("status").distinct().count()
    assert int(rows["unit_status_region"].split()[1]) == (total + statuses - 1) // statuses, rows


def test_migrate_leaves_statistics_for_the_units_table():
    some_units()
    forget_statistics()
    call_command("migrate", verbosity=0, interactive=False)
    assert units_statistics()


def test_loading_the_fixtures_leaves_statistics(tmp_path):
    # The reference fixtures alone (no cases: seconds, not the whole load).
    for name in ("regions.yaml", "practices.yaml", "indicators.yaml"):
        (tmp_path / name).write_bytes((settings.BASE_DIR / "fixtures" / name).read_bytes())
    some_units()
    forget_statistics()
    call_command("load_portal_data", "--fixtures", str(tmp_path), stdout=StringIO(), verbosity=0)
    assert units_statistics()


def test_analyse_reads_every_entry():
    some_units()
    forget_statistics()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit = 5")
    assert analyse() is True
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit")
        assert cursor.fetchone()[0] == 0
    rows = units_statistics()
    assert rows and all(int(stat.split()[0]) == PilotUnit.objects.count() for _, stat in rows), rows
