"""PostgreSQL: generated ``tsvector`` columns with GIN indexes (migrations 0002, 0003, 0005, 0006)."""

import io
from contextlib import contextmanager

from django.db import transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from ..documents import phrase_runs
from ..query import Group, SearchQuery, Term
from .base import DOCUMENT_COLUMNS, DOCUMENTS, Hit, SearchEngine, Within, _like_pattern, pieces_by_field


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
    joins_from_the_set = True

    def keys_condition(self, column, keys):
        return f"{column} = ANY(%s)", [list(keys)]

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
        """A phrase: its pieces (pairs, quads), all present (the GIN indexes alone). A phrase of
        four characters (职工服务) or two is one piece, whose presence is the answer: no document
        is read. Any other phrase is then checked against the text of those candidates: as the
        index holds it (small letters, as the pieces: ILIKE if it has letters, as LIKE on SQLite
        ignores the case of ASCII letters), or with its words and LIKE for any other (signs,
        capitals: LIKE tells them apart, the index does not)."""
        sql, params = self._group(group)
        if self.phrase_is_word(phrase, group):
            return sql, params
        # A tsquery of the pieces as lexemes ('职工服务' & '工服务站'): they are stored as they are
        # (array_to_tsvector), letters, digits and Chinese characters only.
        fields = pieces_by_field(phrase_runs(phrase)[0])
        present = [f"d.{field}_vector @@ %s::tsquery" for field, _ in fields]
        pieces = [" & ".join(f"'{piece}'" for piece in field_pieces) for _, field_pieces in fields]
        if self.phrase_needs_text(phrase):
            like = "d.text LIKE %s ESCAPE '\\'"
            return " AND ".join([sql, *present, like]), [*params, *pieces, _like_pattern(phrase)]
        if not self.phrase_checks_text(phrase, group):
            return " AND ".join(present), pieces
        # ILIKE (4x the time of LIKE over the same texts) only for a phrase with letters in it.
        like = "ILIKE" if phrase.upper() != phrase else "LIKE"
        return " AND ".join([*present, f"d.text {like} %s ESCAPE '\\'"]), [*pieces, _like_pattern(phrase)]

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

    def fetched_matches(self, query, within, limit):
        """Within a facet, its matches (None when there are more than ``limit``).

        The engine's own query finds them (the GIN index's matches meeting the facet's units in a
        hash); they then serve as the count and as the page's list of ids. Given the matches as a
        subquery instead, the page hashed every match of the word in the library (100,000 for
        工会) to meet a city's 15,000 units, and the count found them again.
        """
        if within is None:
            return None
        sql, params = self.match_sql(query, within)
        rows = self.rows(f"{sql} LIMIT %s", [*params, limit + 1])
        return [row[0] for row in rows] if len(rows) <= limit else None

    def order_matches(self, queryset, query, *, ordering, within, fetched, count):
        table = queryset.model._meta.db_table
        if fetched is not None:
            # One array parameter: PostgreSQL reads the ids from the primary key and sorts the page.
            matches = RawSQL(f'"{table}"."id" = ANY(%s)', [fetched], output_field=BooleanField())
            return queryset.filter(matches).order_by(*ordering)
        sql, params = self.match_sql(query)
        if within is not None:
            # Within a facet holding more matches than are fetched: "+ 0" as in the engine's facet
            # filter, the matches come from the GIN index and meet the facet's units in a hash (run
            # with sequential scans off: the page is read through rows()). Given the column,
            # PostgreSQL walks the facet's units and reads every one's vector: 0.3 s for a city of
            # 15,000 synthetic units.
            matches = RawSQL(
                f'"{table}"."id" IN (SELECT m.unit_id + 0 FROM ({sql}) m)', params, output_field=BooleanField()
            )
            return queryset.filter(matches).order_by(*ordering)
        return queryset.filter(pk__in=RawSQL(sql, params)).order_by(*ordering)

    def index_bytes(self):
        with self.connection.cursor() as cursor:
            sizes = " + ".join(["pg_relation_size(%s::regclass)"] * len(self.GIN_INDEXES))
            cursor.execute(f"SELECT {sizes}", list(self.GIN_INDEXES))
            return cursor.fetchone()[0]

    GIN_INDEXES = (
        "search_document_vector_gin",
        "search_document_chars_gin",
        "search_document_pairs_gin",
        "search_document_quads_gin",
    )

    # During a bulk build GIN's pending list is never merged on the way (a limit past any build's
    # size: the list is pages of the index, not memory) and is merged once at the end, with
    # BULK_MERGE_MEMORY of entries gathered at a time. With the 512 MB limit used before, a build of
    # 20,000 synthetic documents filled the list several times while writing, and each merge on the
    # way gathered only ``work_mem`` (4 MB by default) at a time: the server's CPU for the 20,097
    # documents 113 s, 85 with these settings, 101 with 256 MB for the final merge (docs/scaling.md).
    # The memory is the server's, for the one merge at the end of a bulk build only.
    BULK_PENDING_LIMIT = "64GB"
    BULK_MERGE_MEMORY = "1GB"

    @contextmanager
    def bulk_build(self, *, replacing=False):
        """GIN's pending list grows while the documents are written and is merged into the indexes
        once at the end (``BULK_PENDING_LIMIT``, ``BULK_MERGE_MEMORY``), then the table is analysed.
        Values are compressed with lz4 where the server has it (a third less time than pglz to
        write the same rows; read back as fast or faster). The indexes stay: building them again
        after the load was measured no faster than merging the pending list, and dropping them
        would make every reader wait for the whole rebuild (see docs/scaling.md)."""
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT set_config('gin_pending_list_limit', %s, true)", [self.BULK_PENDING_LIMIT])
                cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
                row = cursor.fetchone()
                if row and row[0]:
                    cursor.execute("SET LOCAL default_toast_compression = 'lz4'")
            if replacing:
                self.delete_documents()
            yield
            with self.connection.cursor() as cursor:
                cursor.execute("RESET gin_pending_list_limit")
                cursor.execute("RESET default_toast_compression")
                cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [self.BULK_MERGE_MEMORY])
                for index in self.GIN_INDEXES:
                    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
                cursor.execute("RESET maintenance_work_mem")
            self.optimize()

    def write_documents(self, documents):
        """COPY: the rows in PostgreSQL's text format, one round trip."""
        buffer = io.StringIO()
        for row in self._document_rows(documents):
            buffer.write("\t".join(_copy_value(value) for value in row))
            buffer.write("\n")
        buffer.seek(0)
        with self.connection.cursor() as cursor:
            cursor.cursor.copy_expert(
                f"COPY {DOCUMENTS} ({', '.join(DOCUMENT_COLUMNS)}) FROM STDIN", buffer, size=COPY_CHUNK
            )

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {DOCUMENTS}")


# Characters handed to COPY a read (psycopg2's default is 8 KB; a batch of documents is megabytes).
COPY_CHUNK = 1 << 20


def _copy_value(value) -> str:
    """A value in COPY's text format: backslash, tab, newline and carriage return escaped; NULL as \\N.

    ``str.replace`` (a memchr-like scan, nothing copied where the character is absent) rather than
    ``str.translate`` with a table, which looks up every character of a non-ASCII string in
    Python: 1.05 ms a document of the synthetic corpus (its five texts, 22,000 characters) against 0.07."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
