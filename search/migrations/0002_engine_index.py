"""The engine-specific full-text index over SearchDocument, kept in step by the database itself.

SQLite: an external-content FTS5 table with triggers on the document table (every ORM insert,
update and cascade delete reaches it). PostgreSQL: generated ``tsvector`` columns (``simple``
configuration over the same segmentation) with GIN indexes.
"""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "tokens, chars, content='search_searchdocument', content_rowid='unit_id', tokenize='unicode61')",
        "DROP TABLE IF EXISTS search_fts",
    ),
    # Words weigh more than loose characters when both match.
    ("INSERT INTO search_fts(search_fts, rank) VALUES('rank', 'bm25(1.0, 0.2)')", None),
    (
        "CREATE TRIGGER search_document_ai AFTER INSERT ON search_searchdocument BEGIN "
        "INSERT INTO search_fts(rowid, tokens, chars) VALUES (new.unit_id, new.tokens, new.chars); END",
        "DROP TRIGGER IF EXISTS search_document_ai",
    ),
    (
        "CREATE TRIGGER search_document_ad AFTER DELETE ON search_searchdocument BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, tokens, chars) VALUES ('delete', old.unit_id, old.tokens, old.chars); "
        "END",
        "DROP TRIGGER IF EXISTS search_document_ad",
    ),
    (
        "CREATE TRIGGER search_document_au AFTER UPDATE ON search_searchdocument BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, tokens, chars) VALUES ('delete', old.unit_id, old.tokens, old.chars); "
        "INSERT INTO search_fts(rowid, tokens, chars) VALUES (new.unit_id, new.tokens, new.chars); END",
        "DROP TRIGGER IF EXISTS search_document_au",
    ),
    # Documents written before this migration (none on a fresh database) are indexed too.
    ("INSERT INTO search_fts(search_fts) VALUES('rebuild')", None),
]

POSTGRESQL = [
    (
        "ALTER TABLE search_searchdocument "
        "ADD COLUMN vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED, "
        "ADD COLUMN chars_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', chars)) STORED",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector, DROP COLUMN IF EXISTS chars_vector",
    ),
    (
        "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)",
        "DROP INDEX IF EXISTS search_document_vector_gin",
    ),
    (
        "CREATE INDEX search_document_chars_gin ON search_searchdocument USING gin (chars_vector)",
        "DROP INDEX IF EXISTS search_document_chars_gin",
    ),
]

STATEMENTS = {"sqlite": SQLITE, "postgresql": POSTGRESQL}


def create_index(apps, schema_editor):
    for forward, _ in STATEMENTS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(forward)


def drop_index(apps, schema_editor):
    for _, backward in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        if backward:
            schema_editor.execute(backward)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
