"""SQLite: FTS5 tables over the segmented text (migrations 0002, 0003, 0005, 0006, 0008 keep them by triggers)."""

import json
from contextlib import contextmanager

from django.db import transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from pilots.db_statistics import analyse

from ..documents import phrase_runs
from ..query import Group, SearchQuery
from .base import (
    DOCUMENTS,
    FTS_TABLE,
    PAIRS_TABLE,
    QUADS_TABLE,
    Hit,
    SearchEngine,
    Term,
    Within,
    _like_pattern,
    pieces_by_field,
)


class SqliteEngine(SearchEngine):
    """FTS5 over the segmented text, ranked by bm25 (``ORDER BY rank``, the fast path)."""

    vendor = "sqlite"

    def keys_condition(self, column, keys):
        return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(keys))]

    def phrase_checks_text(self, phrase, group):
        """A phrase of four characters or more is a phrase query over the quads: only a run of
        three (its two pairs, present) and a phrase the index cannot hold are checked."""
        if self.phrase_is_word(phrase, group):
            return False
        runs, exact = phrase_runs(phrase)
        return not exact or (runs[0].field == "pairs" and len(runs[0].pieces) > 1)

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
        # Each run of four characters or more a phrase query over the quads (positions kept),
        # each pair of a shorter run present (the pairs hold no positions: the text decides).
        lookups = []
        quads = [f'"{run.tokens}"' for run in runs if run.field == "quads"]
        if quads:
            lookups.append((QUADS_TABLE, " AND ".join(dict.fromkeys(quads))))
        pairs = [f'"{piece}"' for field, pieces in pieces_by_field(runs) if field == "pairs" for piece in pieces]
        if pairs:
            lookups.append((PAIRS_TABLE, " AND ".join(pairs)))
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
        for phrase, group in query.phrases:
            # The text of the candidates decides (LIKE ignores the case of ASCII letters here, as
            # the pieces do).
            if self.phrase_checks_text(phrase, group):
                like = (
                    f"EXISTS (SELECT 1 FROM {DOCUMENTS} d WHERE d.unit_id = {source}.rowid"
                    " AND d.text LIKE %s ESCAPE '\\')"
                )
                runs, exact = phrase_runs(phrase)
                if exact:
                    # A run of three (工服务): wherever a fourth character follows it, a quad begins
                    # with it (a prefix query); only the other candidates have their text read.
                    where += (
                        f" AND (+{source}.rowid IN (SELECT rowid FROM {QUADS_TABLE} WHERE {QUADS_TABLE} MATCH %s)"
                        f" OR {like})"
                    )
                    params += [f'"{phrase.lower()}"*', _like_pattern(phrase)]
                else:
                    where += f" AND {like}"
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

    # Above this many matches an ordered page walks the sort index (see order_matches).
    WALK_INDEX_ABOVE = 2000

    def order_matches(self, queryset, query, *, ordering, within, fetched, count):
        sql, params = self.match_sql(query)
        if count() > self.WALK_INDEX_ABOVE:
            # "+id": SQLite may not drive the query from the list of matches, so it walks the index
            # of the ORDER BY and stops at the page.
            table = queryset.model._meta.db_table
            matches = RawSQL(f'+"{table}"."id" IN ({sql})', params, output_field=BooleanField())
            return queryset.filter(matches).order_by(*ordering)
        return queryset.filter(pk__in=RawSQL(sql, params)).order_by(*ordering)

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

    # FTS5's default: flush the pending terms to a new segment once they take this many bytes.
    HASHSIZE = 1024 * 1024
    # During a bulk build: pending terms kept in memory per table (fewer, larger segments; bytes),
    # and the page cache (KiB, as PRAGMA cache_size takes a negative size).
    BULK_HASHSIZE = 64 * 1024 * 1024
    BULK_CACHE_KIB = 256 * 1024
    TABLES = (FTS_TABLE, PAIRS_TABLE, QUADS_TABLE)

    @contextmanager
    def bulk_build(self, *, replacing=False):
        """The documents are written without the triggers that index each row as it is written
        (and, for a rebuild, each old row as it is deleted: its text tokenised once more); at the
        end each FTS5 table is rebuilt from the documents in one statement (FTS5's ``rebuild``:
        every document read once, pending terms kept in a large buffer, no merges on the way),
        merged once (``optimize``), and the triggers made again, all in one transaction.

        Measured on 2,000 synthetic documents (CPU seconds): 2.1 instead of 3.5 for the three
        tables' writes of the same rows through the triggers; see docs/scaling.md.
        """
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s ORDER BY name",
                    [DOCUMENTS],
                )
                # The triggers that keep the FTS5 tables following the documents (migrations 0002,
                # 0003, 0005), as written: made again from their own SQL at the end.
                triggers = [(name, sql) for name, sql in cursor.fetchall() if any(t in sql for t in self.TABLES)]
                for name, _ in triggers:
                    cursor.execute(f'DROP TRIGGER "{name}"')
                cursor.execute("PRAGMA cache_size")
                cache_size = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = -{self.BULK_CACHE_KIB}")
                for table in self.TABLES:
                    cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES('hashsize', %s)", [self.BULK_HASHSIZE])
            try:
                if replacing:
                    self.delete_documents()
                yield
                with self.connection.cursor() as cursor:
                    for table in self.TABLES:
                        cursor.execute(f"INSERT INTO {table}({table}) VALUES('rebuild')")
                    for _, sql in triggers:
                        cursor.execute(sql)
                    for table in self.TABLES:
                        cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES('hashsize', %s)", [self.HASHSIZE])
                self.optimize()
            finally:
                with self.connection.cursor() as cursor:
                    cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('optimize')")
            cursor.execute(f"INSERT INTO {PAIRS_TABLE}({PAIRS_TABLE}) VALUES('optimize')")
            cursor.execute(f"INSERT INTO {QUADS_TABLE}({QUADS_TABLE}) VALUES('optimize')")
        # The planner's statistics of every table (the units as well as the documents: a corpus or
        # a rebuild is the large change after which SQLite recommends it).
        analyse(self.connection.alias)
