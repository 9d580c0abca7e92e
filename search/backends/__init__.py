"""One search engine per database, behind one interface (``base.SearchEngine``), in the manner of
Wagtail's database search backends: ``get_engine()`` answers the engine of the connection's database.
"""

from django.db import connection as default_connection

from .base import NOTHING, Hit, SearchEngine, Within, queryset_sql
from .postgresql import PostgresEngine
from .sqlite import SqliteEngine

ENGINES = {engine.vendor: engine for engine in (SqliteEngine, PostgresEngine)}

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


def get_engine(connection=None) -> SearchEngine:
    connection = connection or default_connection
    try:
        return ENGINES[connection.vendor](connection)
    except KeyError:
        raise NotImplementedError(f"full-text search is not available on {connection.vendor}") from None
