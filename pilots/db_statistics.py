"""The SQLite planner's statistics kept current, as SQLite recommends (https://sqlite.org/lang_analyze.html).

Without ``sqlite_stat1`` SQLite guesses every index equally selective: it looked up a results
page's 20 units through the index of their status (walking every published unit's entry) instead
of by key, twice as slow at 20,000 units (docs/scaling.md). ``ANALYZE`` after the bulk writes (the
index rebuild, ``bench_search``'s corpus, loading the fixtures) and after ``migrate`` writes the
statistics; ``analysis_limit`` bounds it to about 400 rows an index, so it takes milliseconds at
any size. PostgreSQL keeps its own statistics (autovacuum; the index's writers analyse their table):
there it does nothing.
"""

from django.db import DEFAULT_DB_ALIAS, connections

# Rows read per index by ANALYZE (SQLite's recommended bound; 0 would read every row).
ANALYSIS_LIMIT = 400


def analyse(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Refresh the planner's statistics of an SQLite database; True if it did."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
    return True


def analyse_after_migrate(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_migrate``: once per ``migrate`` (connected for one app), the tables as they now are."""
    analyse(using)
