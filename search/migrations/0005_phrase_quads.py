"""Phrases of four characters or more are found by their runs of four ("quads"), indexed on their own.

A common phrase such as 职工服务 was a phrase query over three pairs, each in almost every
document: every candidate's positions had to be read (on PostgreSQL, its whole pairs vector). As a
quad it is one token of the index. SQLite: a third external-content FTS5 table ``search_quads``;
PostgreSQL: a generated ``tsvector`` of the quads with a GIN index. Documents already indexed get
their quads here, from their text, without segmenting anything again.
"""

import importlib

from django.db import migrations, models

from search.documents import QUAD, char_grams

engine_index = importlib.import_module("search.migrations.0002_engine_index")
phrase_pairs = importlib.import_module("search.migrations.0003_phrase_pairs")

# Adding a column remakes the table on SQLite, which drops its triggers: they are made again after.
DOCUMENT_TRIGGERS = [
    statement for statement in [*engine_index.SQLITE, *phrase_pairs.SQLITE] if "TRIGGER" in statement[0]
]

SQLITE = [
    (
        "CREATE VIRTUAL TABLE search_quads USING fts5("
        "quads, content='search_searchdocument', content_rowid='unit_id', tokenize='unicode61')",
        "DROP TABLE IF EXISTS search_quads",
    ),
    (
        "CREATE TRIGGER search_quads_ai AFTER INSERT ON search_searchdocument BEGIN "
        "INSERT INTO search_quads(rowid, quads) VALUES (new.unit_id, new.quads); END",
        "DROP TRIGGER IF EXISTS search_quads_ai",
    ),
    (
        "CREATE TRIGGER search_quads_ad AFTER DELETE ON search_searchdocument BEGIN "
        "INSERT INTO search_quads(search_quads, rowid, quads) VALUES ('delete', old.unit_id, old.quads); END",
        "DROP TRIGGER IF EXISTS search_quads_ad",
    ),
    (
        "CREATE TRIGGER search_quads_au AFTER UPDATE ON search_searchdocument BEGIN "
        "INSERT INTO search_quads(search_quads, rowid, quads) VALUES ('delete', old.unit_id, old.quads); "
        "INSERT INTO search_quads(rowid, quads) VALUES (new.unit_id, new.quads); END",
        "DROP TRIGGER IF EXISTS search_quads_au",
    ),
    ("INSERT INTO search_quads(search_quads) VALUES('rebuild')", None),
]

POSTGRESQL = [
    (
        "ALTER TABLE search_searchdocument "
        "ADD COLUMN quads_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', quads)) STORED",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS quads_vector",
    ),
    (
        "CREATE INDEX search_document_quads_gin ON search_searchdocument USING gin (quads_vector)",
        "DROP INDEX IF EXISTS search_document_quads_gin",
    ),
]


def drop_document_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for _, backward in DOCUMENT_TRIGGERS:
            schema_editor.execute(backward)


def create_document_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for forward, _ in DOCUMENT_TRIGGERS:
            schema_editor.execute(forward)


def fill_quads(apps, schema_editor):
    """Before the triggers are back: rewriting a row would otherwise index its tokens again."""
    SearchDocument = apps.get_model("search", "SearchDocument")
    with schema_editor.connection.cursor() as cursor:
        for unit_id, text in SearchDocument.objects.values_list("unit_id", "text").iterator(chunk_size=1000):
            cursor.execute(
                "UPDATE search_searchdocument SET quads = %s WHERE unit_id = %s",
                [" ".join(char_grams(text, QUAD)), unit_id],
            )


def create_index(apps, schema_editor):
    fill_quads(apps, schema_editor)
    create_document_triggers(apps, schema_editor)
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor, [])
    for forward, _ in statements:
        schema_editor.execute(forward)


def drop_index(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor, [])
    for _, backward in reversed(statements):
        if backward:
            schema_editor.execute(backward)
    drop_document_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_index_state")]

    operations = [
        migrations.RunPython(drop_document_triggers, create_document_triggers),
        migrations.AddField(
            model_name="searchdocument",
            name="quads",
            field=models.TextField(default="", verbose_name="四字组"),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
