"""Phrases as phrase queries: the documents get their character pairs, indexed on their own.

SQLite: a second external-content FTS5 table over the pairs (apart from ``search_fts``, whose bm25
would otherwise count the pairs in every document's length and rank differently). PostgreSQL: a
generated ``tsvector`` of the pairs with a GIN index. Documents already indexed get their pairs here,
without segmenting anything again.
"""

import importlib

from django.db import migrations, models

from search.documents import char_pairs

previous = importlib.import_module("search.migrations.0002_engine_index")

# Adding columns remakes the table on SQLite, which drops its triggers: they are made again after.
DOCUMENT_TRIGGERS = [statement for statement in previous.SQLITE if "TRIGGER" in statement[0]]

SQLITE = [
    (
        "CREATE VIRTUAL TABLE search_pairs USING fts5("
        "pairs, content='search_searchdocument', content_rowid='unit_id', tokenize='unicode61')",
        "DROP TABLE IF EXISTS search_pairs",
    ),
    (
        "CREATE TRIGGER search_pairs_ai AFTER INSERT ON search_searchdocument BEGIN "
        "INSERT INTO search_pairs(rowid, pairs) VALUES (new.unit_id, new.pairs); END",
        "DROP TRIGGER IF EXISTS search_pairs_ai",
    ),
    (
        "CREATE TRIGGER search_pairs_ad AFTER DELETE ON search_searchdocument BEGIN "
        "INSERT INTO search_pairs(search_pairs, rowid, pairs) VALUES ('delete', old.unit_id, old.pairs); END",
        "DROP TRIGGER IF EXISTS search_pairs_ad",
    ),
    (
        "CREATE TRIGGER search_pairs_au AFTER UPDATE ON search_searchdocument BEGIN "
        "INSERT INTO search_pairs(search_pairs, rowid, pairs) VALUES ('delete', old.unit_id, old.pairs); "
        "INSERT INTO search_pairs(rowid, pairs) VALUES (new.unit_id, new.pairs); END",
        "DROP TRIGGER IF EXISTS search_pairs_au",
    ),
    ("INSERT INTO search_pairs(search_pairs) VALUES('rebuild')", None),
]

POSTGRESQL = [
    (
        "ALTER TABLE search_searchdocument "
        "ADD COLUMN pairs_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', pairs)) STORED",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS pairs_vector",
    ),
    (
        "CREATE INDEX search_document_pairs_gin ON search_searchdocument USING gin (pairs_vector)",
        "DROP INDEX IF EXISTS search_document_pairs_gin",
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


def fill_pairs(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    with schema_editor.connection.cursor() as cursor:
        for unit_id, text in SearchDocument.objects.values_list("unit_id", "text").iterator(chunk_size=1000):
            pairs, complete = char_pairs(text)
            cursor.execute(
                "UPDATE search_searchdocument SET pairs = %s, pairs_complete = %s WHERE unit_id = %s",
                [pairs, complete, unit_id],
            )


def create_index(apps, schema_editor):
    create_document_triggers(apps, schema_editor)
    fill_pairs(apps, schema_editor)
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
    dependencies = [("search", "0002_engine_index")]

    operations = [
        migrations.RunPython(drop_document_triggers, create_document_triggers),
        migrations.AddField(
            model_name="searchdocument",
            name="pairs",
            field=models.TextField(default="", verbose_name="字对"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="pairs_complete",
            field=models.BooleanField(default=True, verbose_name="字对位置完整"),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
