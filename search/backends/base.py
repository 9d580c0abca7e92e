"""The interface every database's search engine implements, and what they share.

Each engine (``search/backends/sqlite.py``, ``search/backends/postgresql.py``) works over the same
pre-segmented text in :class:`search.models.SearchDocument`, compiles the same
:class:`search.query.SearchQuery`, and answers the same questions: which documents match (as SQL,
so facets and filters can use it), how many, which are best, and how to list them in another
order. Everything that differs between databases — SQL, planner settings, the writes of the
index — stays in its engine; nothing outside this package names a database.
"""

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection as default_connection
from django.db import transaction
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ..documents import PhraseRun, phrase_runs
from ..query import Group, SearchQuery, Term

DOCUMENTS = "search_searchdocument"
STATE = "search_indexstate"  # search.models.IndexState: one row, stamped by every write of the index
FTS_TABLE = "search_fts"
PAIRS_TABLE = "search_pairs"
QUADS_TABLE = "search_quads"
# The columns of a document as written in bulk (search.models.SearchDocument's).
DOCUMENT_COLUMNS = ("unit_id", "text", "tokens", "chars", "pairs", "quads", "updated_at")


# A subquery selecting unit ids (``SELECT id FROM ... WHERE ...``) that the matches must lie in:
# the facet filters, pushed into the engine's own query instead of intersecting lists afterwards.
Within = tuple[str, list] | None


# A subquery of no ids, for a filter Django knows matches nothing.
NOTHING: tuple[str, list] = ("SELECT 0 WHERE 1 = 0", [])


def queryset_sql(queryset) -> tuple[str, list] | None:
    """The SQL and parameters of ``queryset``, or None when Django knows it matches nothing.

    Django answers such a queryset without asking the database (a year past an integer column's
    range on PostgreSQL, ``pk__in=[]``); asked for its SQL it raises EmptyResultSet instead.
    """
    try:
        return queryset.query.sql_with_params()
    except EmptyResultSet:
        return None


@dataclass(frozen=True)
class Hit:
    unit_id: int
    score: float | None  # None: listed in another order than relevance


def pieces_by_field(runs: list[PhraseRun]) -> list[tuple[str, list[str]]]:
    """(field, the distinct pieces asked of it) of phrase runs: the quads, then the pairs, if asked."""
    fields = [
        (field, list(dict.fromkeys(p for run in runs if run.field == field for p in run.pieces)))
        for field in ("quads", "pairs")
    ]
    return [(field, pieces) for field, pieces in fields if pieces]


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class SearchEngine:
    vendor = ""

    def __init__(self, connection=None):
        self.connection = connection or default_connection

    # -- the interface -------------------------------------------------------------------------
    def match_sql(self, query: SearchQuery, within: Within = None) -> tuple[str, list]:
        """``SELECT unit_id ...`` of every matching document (among ``within``), for ``pk__in=RawSQL(...)``."""
        raise NotImplementedError

    # Ranking scores every match, and a word found in most records (工会, 帮扶) matches tens of
    # thousands: beyond RANK_ALL matches only the first RANK_CANDIDATES found are ranked. Among so
    # many records that all contain the words, the order says little anyway; counts, facets and
    # filters still cover every match.
    RANK_ALL = 5000
    RANK_CANDIDATES = 2000

    def top(self, query: SearchQuery, limit: int, *, within: Within = None) -> tuple[list[Hit], int]:
        """The best ``limit`` matches (among ``within``), best first, and how many match in all."""
        total = self.count(query, within=within)
        if not total:
            return [], 0
        return self.ranked(query, limit, candidates=self.candidates(total), within=within), total

    def candidates(self, total: int) -> int | None:
        """How many of ``total`` matches are ranked: all of them (None), or the first found."""
        return None if total <= self.RANK_ALL else self.RANK_CANDIDATES

    def ranked(
        self, query: SearchQuery, limit: int, *, candidates: int | None = None, within: Within = None
    ) -> list[Hit]:
        """The best ``limit`` matches, best first, ranking all matches or only the first ``candidates``.

        The order is total (ties broken by the unit, or by FTS5's sort of every match whatever the
        limit): the best ``n`` are the first ``n`` of the best ``m > n``, so a page asks for no more
        than it shows."""
        raise NotImplementedError

    def rows(self, sql: str, params) -> list[tuple]:
        """The rows of a query over the index (the engine's own, or one built around ``match_sql``)."""
        return self._fetch(sql, params)

    def _fetch(self, sql: str, params) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, list(params))
            return cursor.fetchall()

    def index_changed_at(self) -> str:
        """When the index last changed, as the database prints the date ("-" before its first write).

        Read on every search request (pages are remembered under it): one statement by key, since
        building the ORM's query cost more than the read. Only ever compared with itself."""
        rows = self._fetch(f"SELECT changed_at FROM {STATE} WHERE id = 1", [])
        return str(rows[0][0]) if rows else "-"

    def texts(self, unit_ids: list[int]) -> dict[int, str]:
        """The original text of these units' documents (snippets are cut from it), by unit: one
        statement by primary key, without the ORM's compiling (a page's 20 ask it at every search)."""
        if not unit_ids:
            return {}
        placeholders = ", ".join(["%s"] * len(unit_ids))
        return dict(self.rows(f"SELECT unit_id, text FROM {DOCUMENTS} WHERE unit_id IN ({placeholders})", unit_ids))

    def rows_of(self, queryset: QuerySet) -> list[tuple]:
        """The rows of an ORM query over the matches (a facet's counts), run as the engine runs its
        own queries (on PostgreSQL in the same one round trip, without sequential scans)."""
        sql = queryset_sql(queryset)
        return self.rows(*sql) if sql else []

    def count(self, query: SearchQuery, *, within: Within = None) -> int:
        sql, params = self.match_sql(query, within)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS matches", params)
            return cursor.fetchone()[0]

    def index_scans(self):
        """A block whose queries (ORM ones too, around ``match_sql``) run as the engine runs its own."""
        return nullcontext()

    def matching_ids(self, query: SearchQuery, *, within: Within = None) -> set[int]:
        sql, params = self.match_sql(query, within)
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}

    def filter_matching(self, queryset: QuerySet, query: SearchQuery, within: Within = None) -> QuerySet:
        """``queryset`` narrowed to the units matching ``query`` (among ``within``)."""
        return queryset.filter(pk__in=RawSQL(*self.match_sql(query, within)))

    def fetched_matches(self, query: SearchQuery, within: Within, limit: int) -> list[int] | None:
        """The ids of the matches within a facet when the engine lists a facet's matches from
        them (at most ``limit``), else None: the ordered page then asks :meth:`order_matches`."""
        return None

    def order_matches(
        self, queryset: QuerySet, query: SearchQuery, *, ordering, within: Within, fetched: list[int] | None, count
    ) -> QuerySet:
        """The matches of ``query`` in ``queryset`` in ``ordering`` (``order_by`` fields over indexed
        sort keys). ``fetched``: :meth:`fetched_matches`' answer; ``count()``: how many match."""
        sql, params = self.match_sql(query)
        return queryset.filter(pk__in=RawSQL(sql, params)).order_by(*ordering)

    # -- the database's own ways for queries that are not searches (the dashboards' figures) -------
    # Whether a related table is read best from the filtered set's side (the set's table joined once
    # and hashed: PostgreSQL) rather than from the related table's, walking the set's ids into its
    # index (SQLite, which would otherwise visit every row of the set's table).
    joins_from_the_set = False

    def plain_rows(self, queryset: QuerySet) -> list[tuple]:
        """The rows of an ORM query as the database gives them, without Django's per-row converters
        (a read of thousands of rows, where converting each costs more than the query), run as any
        ORM query runs (no planner setting); [] when Django knows it matches nothing."""
        sql = queryset_sql(queryset)
        return self._fetch(*sql) if sql else []

    def with_keys(self, queryset: QuerySet, keys: list[int]) -> QuerySet:
        """``queryset`` narrowed to the rows whose primary key is in ``keys``, the keys sent as one
        parameter: a thousand keys are not compiled one by one into the SQL."""
        meta = queryset.model._meta
        column = f"{self.connection.ops.quote_name(meta.db_table)}.{self.connection.ops.quote_name(meta.pk.column)}"
        sql, params = self.keys_condition(column, keys)
        return queryset.filter(RawSQL(sql, params, output_field=BooleanField()))

    def keys_condition(self, column: str, keys: list[int]) -> tuple[str, list]:
        """SQL saying that ``column`` is one of ``keys``, with ``keys`` as one parameter."""
        raise NotImplementedError

    def index_bytes(self) -> int:
        raise NotImplementedError

    @contextmanager
    def bulk_build(self, *, replacing: bool = False):
        """A block that writes many documents at once (a rebuild, a benchmark's corpus), in one
        transaction: the engine may defer the upkeep of its index to the end of it (what the
        index answers inside the block is then undefined); optimized at the end. ``replacing``:
        every document is written anew, the block starts with none."""
        with transaction.atomic(using=self.connection.alias):
            if replacing:
                self.delete_documents()
            yield
            self.optimize()

    def delete_documents(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {DOCUMENTS}")

    def write_documents(self, documents: list[tuple[int, str, dict]]) -> None:
        """Insert new documents, ``(unit_id, text, fields)`` as :func:`search.documents.document_fields`
        gives them, in one statement (inside :meth:`bulk_build`)."""
        columns = ", ".join(DOCUMENT_COLUMNS)
        placeholders = ", ".join(["%s"] * len(DOCUMENT_COLUMNS))
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {DOCUMENTS} ({columns}) VALUES ({placeholders})", self._document_rows(documents)
            )

    def _document_rows(self, documents) -> list[tuple]:
        now = self.connection.ops.adapt_datetimefield_value(timezone.now())
        return [
            (unit_id, text, *(fields[name] for name in DOCUMENT_COLUMNS[2:-1]), now)
            for unit_id, text, fields in documents
        ]

    def optimize(self) -> None:
        """After a bulk build: merge segments / refresh planner statistics."""

    # -- shared --------------------------------------------------------------------------------
    # A phrase is found by the character pieces of its runs (documents.phrase_runs), the pairs
    # held without positions (the quads too on PostgreSQL): a phrase that is one piece (two or
    # four characters: 职工, 职工服务) is answered by the index alone, a longer one on SQLite by a
    # phrase query over its quads; any other is asked for all its pieces and then checked against
    # the original text, on those candidates only ("1+14+N", 工服务, 服务，务实).
    def phrase_needs_text(self, phrase: str) -> bool:
        """Whether the phrase holds more than the index can tell (signs, one character, several runs)."""
        return not phrase_runs(phrase)[1]

    def phrase_checks_text(self, phrase: str, group: Group) -> bool:
        """Whether the matches of the phrase are checked against the text: all but a phrase that
        is one piece of the index or one indexed word."""
        if self.phrase_is_word(phrase, group):
            return False
        runs, exact = phrase_runs(phrase)
        return not exact or len(runs[0].pieces) > 1

    def phrase_is_word(self, phrase: str, group: Group) -> bool:
        """Whether the phrase is itself the one indexed word its group asks for ("妈咪小屋").

        A document's words are pieces of its own text (``search.documents.segmented``), so a
        document holding that word holds the phrase: the pairs need not be asked, and the quoted
        word costs what the word costs, with the same matches.
        """
        return not self.phrase_needs_text(phrase) and group.alternatives == ((Term(phrase.lower(), "tokens"),),)

    def found_as_written(self, phrase: str, group: Group) -> bool:
        """Whether the phrase's own quads or pairs decide, without its words.

        A document holds such a phrase wherever it is written, whatever words jieba cut around it
        (在职工服务 may be cut 在职|工服|务, holding neither 职工 nor 服务): asking for the words too
        would lose those documents and cost a second look-up of words in almost every document.
        The words still rank what they match.
        """
        return not self.phrase_needs_text(phrase) and not self.phrase_is_word(phrase, group)

    def phrase_queries(self, query: SearchQuery) -> list[PhraseRun]:
        """The quad and pair pieces the query's phrases need (none for a phrase that is one word)."""
        return [
            run
            for phrase, group in query.phrases
            if not self.phrase_is_word(phrase, group)
            for run in phrase_runs(phrase)[0]
        ]
