"""One search interface, two engines: SQLite FTS5 (the embedded default) and PostgreSQL tsvector.

Both work over the same pre-segmented text in :class:`search.models.SearchDocument`, compile the
same :class:`search.query.SearchQuery`, and answer the same three questions: which documents
match (as SQL, so facets and filters can use it), how many, and which are best. Snippets are
built elsewhere from the original text, the same way for both.
"""

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection as default_connection
from django.db import transaction

from .documents import PhraseRun, phrase_runs
from .query import Group, SearchQuery, Term

DOCUMENTS = "search_searchdocument"
FTS_TABLE = "search_fts"
PAIRS_TABLE = "search_pairs"
QUADS_TABLE = "search_quads"


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
        candidates = None if total <= self.RANK_ALL else self.RANK_CANDIDATES
        return self.ranked(query, limit, candidates=candidates, within=within), total

    def ranked(
        self, query: SearchQuery, limit: int, *, candidates: int | None = None, within: Within = None
    ) -> list[Hit]:
        """The best ``limit`` matches, best first, ranking all matches or only the first ``candidates``."""
        raise NotImplementedError

    def rows(self, sql: str, params) -> list[tuple]:
        """The rows of a query over the index (the engine's own, or one built around ``match_sql``)."""
        with self.connection.cursor() as cursor:
            cursor.execute(sql, list(params))
            return cursor.fetchall()

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

    def index_bytes(self) -> int:
        raise NotImplementedError

    def optimize(self) -> None:
        """After a bulk build: merge segments / refresh planner statistics."""

    # -- shared --------------------------------------------------------------------------------
    # A phrase is found by phrase queries over the character quads and pairs (documents.phrase_runs),
    # which are exact for a run of Chinese characters, letters and digits; any other phrase
    # ("1+14+N": its runs are found, the signs between them are not indexed) is also checked
    # against the original text, on the candidates only.
    def phrase_needs_text(self, phrase: str) -> bool:
        return not phrase_runs(phrase)[1]

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
        """The quad and pair phrases the query's phrases need (none for a phrase that is one word)."""
        return [
            run
            for phrase, group in query.phrases
            if not self.phrase_is_word(phrase, group)
            for run in phrase_runs(phrase)[0]
        ]


class SqliteEngine(SearchEngine):
    """FTS5 over the segmented text, ranked by bm25 (``ORDER BY rank``, the fast path)."""

    vendor = "sqlite"

    @staticmethod
    def _term(term: Term) -> str:
        return f'{term.field} : "{term.value.replace(chr(34), "")}"'

    def _group(self, group: Group) -> str:
        return "(" + " OR ".join("(" + " AND ".join(map(self._term, alt)) + ")" for alt in group.alternatives) + ")"

    def fts_expression(self, query: SearchQuery, *, ranking: bool = True) -> str:
        """The words the query asks for; for ``ranking``, also the words of the phrases found as
        written, which rank the matches that hold them (empty: only such phrases are asked for)."""
        required = [
            self._group(group) for phrase, group in query.phrases if ranking or not self.found_as_written(phrase, group)
        ]
        if query.groups:
            joiner = f" {query.word_operator} "
            required.append("(" + joiner.join(self._group(group) for group in query.groups) + ")")
        expression = " AND ".join(required)
        for group in query.exclusions:
            expression = f"({expression}) NOT {self._group(group)}" if expression else ""
        return expression

    def _where(self, query: SearchQuery, within: Within, *, ranking: bool = False) -> tuple[str, str, list]:
        """(the table the query reads, its conditions, their parameters)."""
        runs = self.phrase_queries(query)
        lookups = [
            (table, " AND ".join(f'"{run.tokens}"' for run in runs if run.field == field))
            for field, table in (("quads", QUADS_TABLE), ("pairs", PAIRS_TABLE))
            if any(run.field == field for run in runs)
        ]
        expression = self.fts_expression(query, ranking=ranking)
        if expression:
            source, where, params = FTS_TABLE, f"{FTS_TABLE} MATCH %s", [expression]
        else:  # only phrases found as written: their own table answers
            (source, match), *lookups = lookups
            where, params = f"{source} MATCH %s", [match]
            for group in query.exclusions:
                where += f" AND +{source}.rowid NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
                params.append(self._group(group))
        for table, match in lookups:
            # "+rowid": a plain rowid IN (...) would be handed to FTS5 as one lookup per listed id,
            # each running the whole full-text query again.
            where += f" AND +{source}.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"
            params.append(match)
        for phrase, _ in query.phrases:
            if self.phrase_needs_text(phrase):
                where += (
                    f" AND EXISTS (SELECT 1 FROM {DOCUMENTS} d WHERE d.unit_id = {source}.rowid"
                    " AND d.text LIKE %s ESCAPE '\\')"
                )
                params.append(_like_pattern(phrase))
        if within is not None:
            where += f" AND +{source}.rowid IN ({within[0]})"
            params += list(within[1])
        return source, where, params

    def match_sql(self, query, within=None):
        source, where, params = self._where(query, within)
        return f"SELECT rowid FROM {source} WHERE {where}", params

    def ranked(self, query, limit, *, candidates=None, within=None):
        # Ranked by the words: a match whose segmentation lacks its phrase's words follows the
        # ranked ones, with the matches beyond them (search.selectors.CaseResults).
        _, where, params = self._where(query, within, ranking=True)
        if candidates is None:  # the fast path of FTS5: ORDER BY rank
            sql, params = f"SELECT rowid, rank FROM {FTS_TABLE} WHERE {where} ORDER BY rank LIMIT %s", [*params, limit]
        else:
            sql = (
                f"SELECT rowid, score FROM (SELECT rowid, rank AS score FROM {FTS_TABLE} WHERE {where} LIMIT %s) "
                "ORDER BY score, rowid LIMIT %s"
            )
            params = [*params, candidates, limit]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Hit(row[0], -row[1]) for row in cursor.fetchall()]

    def index_bytes(self):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT COALESCE(SUM(LENGTH(block)), 0) FROM search_fts_data)"
                " + (SELECT COALESCE(SUM(LENGTH(block)), 0) FROM search_pairs_data)"
                " + (SELECT COALESCE(SUM(LENGTH(block)), 0) FROM search_quads_data)"
            )
            data = cursor.fetchone()[0]
            cursor.execute("SELECT COALESCE(SUM(LENGTH(sz)), 0) + COUNT(*) * 8 FROM search_fts_docsize")
            return data + cursor.fetchone()[0]

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('optimize')")
            cursor.execute(f"INSERT INTO {PAIRS_TABLE}({PAIRS_TABLE}) VALUES('optimize')")
            cursor.execute(f"INSERT INTO {QUADS_TABLE}({QUADS_TABLE}) VALUES('optimize')")


class PostgresEngine(SearchEngine):
    """Generated ``tsvector`` columns (``simple`` configuration) with GIN indexes, ranked by ts_rank.

    Ranking detoasts the vector of every candidate, which is what makes common words slow: see
    ``RANK_ALL`` for how many are ranked. For a word in most records the planner prefers a
    sequential scan, which detoasts *every* vector to test it (over a second at 100,000 records);
    a GIN bitmap scan answers the same plain tsquery without rechecking a single vector, so the
    engine's own queries run with sequential scans off.
    """

    vendor = "postgresql"
    RANK_CANDIDATES = 1000

    def rows(self, sql, params):
        return self._with_index_scans(sql, list(params))

    def _with_index_scans(self, sql: str, params: list) -> list[tuple]:
        """Rows of ``sql`` run with sequential scans off for this statement only: one round trip,
        the setting and the query in one string, which PostgreSQL runs as one implicit transaction
        (inside a transaction already, the setting lasts until it ends)."""
        with self.connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL enable_seqscan = off; {sql}", params)
            return cursor.fetchall()

    def count(self, query, *, within=None):
        sql, params = self.match_sql(query, within)
        return self._with_index_scans(f"SELECT COUNT(*) FROM ({sql}) AS matches", params)[0][0]

    @contextmanager
    def index_scans(self):
        """A transaction without sequential scans: queries over the matches of a common word (a
        dashboard's panels) would otherwise test the word against every document's vector."""
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('enable_seqscan')")
                previous = cursor.fetchone()[0]
                cursor.execute("SET LOCAL enable_seqscan = off")
            yield
            # Inside an outer transaction the setting would outlast the block: as it was before
            # (after an error the rollback undoes it).
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])

    @staticmethod
    def _term(term: Term, alias: str = "d") -> tuple[str, list]:
        column = "vector" if term.field == "tokens" else "chars_vector"
        return f"{alias}.{column} @@ plainto_tsquery('simple', %s)", [term.value]

    def _group(self, group: Group, alias: str = "d") -> tuple[str, list]:
        alternatives, params = [], []
        for alternative in group.alternatives:
            parts = [self._term(term, alias) for term in alternative]
            alternatives.append("(" + " AND ".join(sql for sql, _ in parts) + ")")
            params += [param for _, part_params in parts for param in part_params]
        return "(" + " OR ".join(alternatives) + ")", params

    def phrase_needs_text(self, phrase):
        # LIKE tells capitals from small letters here (not on SQLite), the pairs do not.
        return super().phrase_needs_text(phrase) or phrase.lower() != phrase

    def _phrase(self, phrase: str, group: Group) -> tuple[str, list]:
        """A phrase found as written: its quads or pairs, present (the GIN index alone), then in a
        row. A phrase of four characters (职工服务) or two is one lexeme, whose presence is the
        answer: no document's vector is read. Position limits of tsvector lose positions, never
        lexemes, so only a longer phrase falls back to the text in a document too long for them.

        Any other phrase (other characters, capitals: LIKE tells them apart, the index does not):
        its words, its runs in a row, and the text, on the candidates only."""
        sql, params = self._group(group)
        if self.phrase_is_word(phrase, group):
            return sql, params
        runs = phrase_runs(phrase)[0]
        tokens = [run.tokens for run in runs]
        in_row = " AND ".join(f"d.{run.field}_vector @@ phraseto_tsquery('simple', %s)" for run in runs) or "TRUE"
        like = "d.text LIKE %s ESCAPE '\\'"
        if self.phrase_needs_text(phrase):
            return f"{sql} AND {like} AND ({in_row} OR NOT d.pairs_complete)", [*params, _like_pattern(phrase), *tokens]
        present = " AND ".join(f"d.{run.field}_vector @@ plainto_tsquery('simple', %s)" for run in runs)
        if all(" " not in run.tokens for run in runs):
            return present, tokens
        # Beyond tsvector's last position every token stands at the same one: the text decides there.
        condition = f"{present} AND ((d.pairs_complete AND {in_row}) OR (NOT d.pairs_complete AND {like}))"
        return condition, [*tokens, *tokens, _like_pattern(phrase)]

    def _where(self, query: SearchQuery, within: Within = None) -> tuple[str, list]:
        conditions, params = [], []
        for phrase, group in query.phrases:
            sql, phrase_params = self._phrase(phrase, group)
            conditions.append(sql)
            params += phrase_params
        if query.groups:
            parts = [self._group(group) for group in query.groups]
            conditions.append("(" + f" {query.word_operator} ".join(sql for sql, _ in parts) + ")")
            params += [param for _, part_params in parts for param in part_params]
        for group in query.exclusions:
            # The documents to leave out, found by the index alone: a NOT on the match itself
            # would read (detoast) the vector of every document the words match.
            sql, group_params = self._group(group, alias="x")
            conditions.append(f"d.unit_id NOT IN (SELECT x.unit_id FROM {DOCUMENTS} x WHERE {sql})")
            params += group_params
        if within is not None:
            # "+ 0": the matches come from the GIN index and meet the facet's ids in a hash, at the
            # cost of the unfiltered search at most. Given the column, the planner would walk the
            # facet's units and test each one's vector, reading (detoasting) every vector in the
            # facet: 0.3 s for a city of 15,000 synthetic units, whatever the word.
            conditions.append(f"(d.unit_id + 0) IN ({within[0]})")
            params += list(within[1])
        return " AND ".join(conditions), params

    def _rank_query(self, query: SearchQuery) -> tuple[str, list]:
        values = [
            term.value
            for group in [*query.groups, *(group for _, group in query.phrases)]
            for alternative in group.alternatives
            for term in alternative
            if term.field == "tokens"
        ]
        if not values:
            return "NULL::tsquery", []
        return " || ".join(["plainto_tsquery('simple', %s)"] * len(values)), values

    def match_sql(self, query, within=None):
        where, params = self._where(query, within)
        return f"SELECT d.unit_id FROM {DOCUMENTS} d WHERE {where}", params

    def ranked(self, query, limit, *, candidates=None, within=None):
        where, params = self._where(query, within)
        rank_sql, rank_params = self._rank_query(query)
        sql = (
            f"SELECT c.unit_id, COALESCE(ts_rank(c.vector, {rank_sql}), 0) AS score FROM ("
            f"SELECT d.unit_id, d.vector FROM {DOCUMENTS} d WHERE {where} LIMIT %s) c "
            "ORDER BY score DESC, c.unit_id LIMIT %s"
        )
        rows = self._with_index_scans(sql, [*rank_params, *params, candidates, limit])
        return [Hit(row[0], float(row[1])) for row in rows]

    def index_bytes(self):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_relation_size('search_document_vector_gin') + pg_relation_size('search_document_chars_gin')"
                " + pg_relation_size('search_document_pairs_gin') + pg_relation_size('search_document_quads_gin')"
            )
            return cursor.fetchone()[0]

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {DOCUMENTS}")


ENGINES = {engine.vendor: engine for engine in (SqliteEngine, PostgresEngine)}


def get_engine(connection=None) -> SearchEngine:
    connection = connection or default_connection
    try:
        return ENGINES[connection.vendor](connection)
    except KeyError:
        raise NotImplementedError(f"full-text search is not available on {connection.vendor}") from None
