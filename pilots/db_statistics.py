"""The SQLite planner's statistics kept current, as SQLite recommends (https://sqlite.org/lang_analyze.html).

Without ``sqlite_stat1`` SQLite guesses every index equally selective: it looked up a results
page's 20 units through the index of their status (walking every published unit's entry) instead
of by key (docs/scaling.md). ``ANALYZE`` after the bulk writes (the index rebuild, ``bench_search``'s
corpus, loading the fixtures) and after ``migrate`` writes the statistics. PostgreSQL keeps its own
statistics (autovacuum; the index's writers analyse their table): there it does nothing.

The analysis is not bounded by ``PRAGMA analysis_limit``: a bounded one reads only the first rows
of each index, and the units' indexes begin with the status, so at 400 rows it recorded about 400
units a status among 20,097 (all of them published) and the status looked as selective as a key.
Unbounded it reads every index entry (the search's FTS5 tables have none): 0.2 s for the whole
20,000-unit benchmark corpus (1.7 GB), against two minutes to build it.
"""

from django.db import DEFAULT_DB_ALIAS, connections

# Rows read per index by ANALYZE; 0 reads them all (see above).
ANALYSIS_LIMIT = 0


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
