"""The pairs and quads without positions: the distinct pieces of each document, presence only.

The pairs and quads were three quarters of the index (some 6,000 of 8,000 tokens a document, each
with its position), and most of the time of writing it. A phrase of two or four characters is one
piece, whose presence answers it; any other phrase asks for all its pieces and is checked against
the text of those candidates (``SearchEngine.phrase_checks_text``), so the matches are the same.

SQLite: ``search_pairs`` and ``search_quads`` made again with ``detail=none`` (no positions),
``columnsize=0`` (nothing ranks by them) and the ``ascii`` tokenizer (the pieces are small letters,
digits and Chinese characters, which it keeps as ``unicode61`` does, with less work). PostgreSQL:
``pairs_vector`` and ``quads_vector`` made by ``array_to_tsvector`` from the pieces as they are
instead of parsing them with ``to_tsvector``. ``pairs_complete`` (whether PostgreSQL could keep
every position) goes. Documents already indexed get their pieces here, from their text, without
segmenting anything again; the migration works backwards too.
"""

import importlib

from django.db import migrations, models

from search.documents import QUAD, char_grams, char_pairs, phrase_fields

engine_index = importlib.import_module("search.migrations.0002_engine_index")
phrase_pairs = importlib.import_module("search.migrations.0003_phrase_pairs")
phrase_quads = importlib.import_module("search.migrations.0005_phrase_quads")

# The triggers of search_fts (0002): dropped while the documents' table is made again (removing a
# column remakes it on SQLite) and while the pieces are rewritten, then made again.
FTS_TRIGGERS = [statement for statement in engine_index.SQLITE if "TRIGGER" in statement[0]]


def _table(name: str, column: str) -> list[tuple[str, str | None]]:
    """An FTS5 table of pieces without positions over one column of the documents, its triggers
    (as migrations 0003 and 0005 wrote them), and its first build."""
    return [
        (
            f"CREATE VIRTUAL TABLE {name} USING fts5({column}, content='search_searchdocument', "
            "content_rowid='unit_id', tokenize='ascii', detail=none, columnsize=0)",
            f"DROP TABLE IF EXISTS {name}",
        ),
        (
            f"CREATE TRIGGER {name}_ai AFTER INSERT ON search_searchdocument BEGIN "
            f"INSERT INTO {name}(rowid, {column}) VALUES (new.unit_id, new.{column}); END",
            f"DROP TRIGGER IF EXISTS {name}_ai",
        ),
        (
            f"CREATE TRIGGER {name}_ad AFTER DELETE ON search_searchdocument BEGIN "
            f"INSERT INTO {name}({name}, rowid, {column}) VALUES ('delete', old.unit_id, old.{column}); END",
            f"DROP TRIGGER IF EXISTS {name}_ad",
        ),
        (
            f"CREATE TRIGGER {name}_au AFTER UPDATE ON search_searchdocument BEGIN "
            f"INSERT INTO {name}({name}, rowid, {column}) VALUES ('delete', old.unit_id, old.{column}); "
            f"INSERT INTO {name}(rowid, {column}) VALUES (new.unit_id, new.{column}); END",
            f"DROP TRIGGER IF EXISTS {name}_au",
        ),
        (f"INSERT INTO {name}({name}) VALUES('rebuild')", None),
    ]


# The pair and quad tables as this migration makes them (tests build an index from these too).
SQLITE = [*_table("search_pairs", "pairs"), *_table("search_quads", "quads")]
# As migrations 0003 and 0005 made them, with positions.
SQLITE_BEFORE = [*phrase_pairs.SQLITE, *phrase_quads.SQLITE]

POSTGRESQL = [
    (
        "ALTER TABLE search_searchdocument "
        "ADD COLUMN pairs_vector tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(pairs, ' '))) STORED, "
        "ADD COLUMN quads_vector tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(quads, ' '))) STORED",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS pairs_vector, DROP COLUMN IF EXISTS quads_vector",
    ),
    (
        "CREATE INDEX search_document_pairs_gin ON search_searchdocument USING gin (pairs_vector)",
        "DROP INDEX IF EXISTS search_document_pairs_gin",
    ),
    (
        "CREATE INDEX search_document_quads_gin ON search_searchdocument USING gin (quads_vector)",
        "DROP INDEX IF EXISTS search_document_quads_gin",
    ),
]
POSTGRESQL_BEFORE = [*phrase_pairs.POSTGRESQL, *phrase_quads.POSTGRESQL]

STATEMENTS = {"sqlite": (SQLITE_BEFORE, SQLITE), "postgresql": (POSTGRESQL_BEFORE, POSTGRESQL)}
CHUNK = 500


def _drop(schema_editor, statements) -> None:
    for _, backward in reversed(statements):
        if backward:
            schema_editor.execute(backward)


def _create(schema_editor, statements) -> None:
    for forward, _ in statements:
        schema_editor.execute(forward)


def _rewrite(apps, schema_editor, columns: list[str], fields_of) -> None:
    """Each document's ``columns`` computed from its text by ``fields_of``, a chunk a statement.
    On SQLite the triggers of search_fts (if there) are set aside meanwhile, as they would index the
    words again, and made at the end."""
    sqlite = schema_editor.connection.vendor == "sqlite"
    if sqlite:
        _drop(schema_editor, FTS_TRIGGERS)
    SearchDocument = apps.get_model("search", "SearchDocument")
    assignments = ", ".join(f"{column} = %s" for column in columns)
    rows = SearchDocument.objects.values_list("unit_id", "text").order_by("unit_id").iterator(chunk_size=CHUNK)
    with schema_editor.connection.cursor() as cursor:
        chunk = []
        for unit_id, text in rows:
            fields = fields_of(text)
            chunk.append([*(fields[column] for column in columns), unit_id])
            if len(chunk) == CHUNK:
                cursor.executemany(f"UPDATE search_searchdocument SET {assignments} WHERE unit_id = %s", chunk)
                chunk = []
        if chunk:
            cursor.executemany(f"UPDATE search_searchdocument SET {assignments} WHERE unit_id = %s", chunk)
    if sqlite:
        _create(schema_editor, FTS_TRIGGERS)


def _positional_fields(text: str) -> dict:
    pairs, complete = char_pairs(text)
    return {"pairs": pairs, "quads": " ".join(char_grams(text, QUAD)), "pairs_complete": complete}


def drop_positional_index(apps, schema_editor):
    before, _ = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    _drop(schema_editor, before)
    if schema_editor.connection.vendor == "sqlite":  # the table is made again next: without triggers
        _drop(schema_editor, FTS_TRIGGERS)


def create_positional_index(apps, schema_editor):
    if schema_editor.connection.vendor in STATEMENTS:  # (the triggers of search_fts made again too)
        _rewrite(apps, schema_editor, ["pairs", "quads", "pairs_complete"], _positional_fields)
        _create(schema_editor, STATEMENTS[schema_editor.connection.vendor][0])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor in STATEMENTS:  # (the triggers of search_fts made again too)
        _rewrite(apps, schema_editor, ["pairs", "quads"], phrase_fields)
        _create(schema_editor, STATEMENTS[schema_editor.connection.vendor][1])


def drop_index(apps, schema_editor):
    _, after = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    _drop(schema_editor, after)
    if schema_editor.connection.vendor == "sqlite":  # the table is made again next: without triggers
        _drop(schema_editor, FTS_TRIGGERS)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_phrase_quads")]

    operations = [
        migrations.RunPython(drop_positional_index, create_positional_index),
        migrations.RemoveField(model_name="searchdocument", name="pairs_complete"),
        migrations.RunPython(create_index, drop_index),
    ]
