"""Where the engines lived before ``search.backends`` (one module per database); kept for imports."""

from .backends import (
    ENGINES,
    NOTHING,
    Hit,
    PostgresEngine,
    SearchEngine,
    SqliteEngine,
    Within,
    get_engine,
    queryset_sql,
)

__all__ = [
    "ENGINES",
    "NOTHING",
    "Hit",
    "PostgresEngine",
    "SearchEngine",
    "SqliteEngine",
    "Within",
    "get_engine",
    "queryset_sql",
]
