"""The quads in order again, and on SQLite with their positions: a phrase of five characters or more
is a phrase query over its quads, not a check of the text of every candidate.

Migration 0006 held the quads without positions, and a long phrase was checked against the text
of each document holding all its quads: for a phrase in most documents (困难职工帮扶) that read the
text of most of the library (24 ms instead of 2 ms at 2,000 synthetic documents, growing with the
library). The quads as a phrase query cost little more to write than without positions (the
``ascii`` tokenizer and ``columnsize=0`` stay); the pairs stay without positions (a phrase of three
characters is checked against the text). PostgreSQL keeps ``quads_vector`` without positions
(``array_to_tsvector`` of the same field, each quad once).
"""

import importlib

from django.db import migrations

from search.documents import PAIR_RUN, QUAD, char_grams, distinct_pieces

pieces = importlib.import_module("search.migrations.0006_pieces_without_positions")

QUADS_BEFORE = pieces._table("search_quads", "quads")
QUADS = [
    (
        QUADS_BEFORE[0][0].replace("detail=none", "detail=full"),
        QUADS_BEFORE[0][1],
    ),
    *QUADS_BEFORE[1:],
]
# The pair and quad tables as this migration leaves them (tests build an index from these too).
SQLITE = [*pieces._table("search_pairs", "pairs"), *QUADS]


def _quads_in_order(text: str) -> dict:
    return {"quads": " ".join(char_grams(text, QUAD))}


def _quads_once(text: str) -> dict:
    """The quads as migration 0006 wrote them: each once."""
    return {"quads": distinct_pieces(" ".join(PAIR_RUN.findall(text.lower())), QUAD)}


def _change(apps, schema_editor, drop, create, fields_of) -> None:
    sqlite = schema_editor.connection.vendor == "sqlite"
    if sqlite:
        pieces._drop(schema_editor, drop)
    if schema_editor.connection.vendor in pieces.STATEMENTS:
        pieces._rewrite(apps, schema_editor, ["quads"], fields_of)
    if sqlite:
        pieces._create(schema_editor, create)


def quads_in_order(apps, schema_editor):
    _change(apps, schema_editor, QUADS_BEFORE, QUADS, _quads_in_order)


def quads_once(apps, schema_editor):
    _change(apps, schema_editor, QUADS, QUADS_BEFORE, _quads_once)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_unit_facets")]

    operations = [migrations.RunPython(quads_in_order, quads_once)]
