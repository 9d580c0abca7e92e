"""Keeping the search index in step with the records: services and the per-transaction queue."""

import os
import threading
from collections.abc import Callable, Iterable

from django.db import transaction

from pilots import selectors

from .backends import get_engine
from .documents import document_fields
from .facet_table import write_unit_facets
from .models import SearchDocument
from .remember import index_changed

BATCH = 200

_pending = threading.local()


@transaction.atomic
def search_index_units(*, unit_ids: Iterable[int]) -> int:
    """(Re)index the given units; units that are gone or not published leave the index."""
    unit_ids = set(unit_ids)
    # The facet rows follow the records, not the text: a year or a column changes no document.
    write_unit_facets(unit_ids)
    units = selectors.public_unit_detail().filter(pk__in=unit_ids)
    indexed = 0
    current = dict(SearchDocument.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "text"))
    for pk, text, fields in document_fields(units):
        unit_ids.discard(pk)
        indexed += 1
        if current.get(pk) == text:
            continue  # unchanged: rewriting the row would only move it (and ties in a ranking with it)
        SearchDocument.objects.update_or_create(unit_id=pk, defaults={"text": text, **fields})
    SearchDocument.objects.filter(unit_id__in=unit_ids).delete()
    index_changed()
    return indexed


# A rebuild of this many units or more segments in worker processes (search.segment_pool), one per
# core, at most PROCESSES_MAX; a smaller one is done before the workers would have started.
PARALLEL_FROM = 1000
PROCESSES_MAX = 4


def rebuild_processes(units: int) -> int:
    return max(1, min(PROCESSES_MAX, os.cpu_count() or 1)) if units >= PARALLEL_FROM else 1


@transaction.atomic
def search_index_rebuild(*, on_progress: Callable[[int], None] | None = None, processes: int | None = None) -> int:
    """Rebuild the whole index from the records: covers writes that bypassed save() (update(), bulk_create()).

    One transaction (readers see the old index until it commits). The documents are written in
    batches of BATCH rows, each in one statement (COPY on PostgreSQL), and the engine indexes them
    at the end (``bulk_build``: on SQLite each FTS5 table in one statement, on PostgreSQL GIN's
    pending list merged once); a clause met again in another record is segmented once, and a large
    rebuild segments in ``processes`` worker processes (default: ``rebuild_processes``).
    """
    engine = get_engine()
    units = selectors.public_unit_detail().order_by("pk")
    if processes is None:
        processes = rebuild_processes(units.count())
    batch, total = [], 0
    with engine.bulk_build(replacing=True):
        for document in document_fields(units.iterator(chunk_size=BATCH), processes=processes):
            batch.append(document)
            if len(batch) == BATCH:
                engine.write_documents(batch)
                total += len(batch)
                if on_progress:
                    on_progress(len(batch))
                batch = []
        if batch:
            engine.write_documents(batch)
            total += len(batch)
            if on_progress:
                on_progress(len(batch))
        write_unit_facets()
    index_changed()
    return total


def schedule(unit_ids: Iterable[int]) -> None:
    """Index these units when the current transaction commits, once per unit however often it changed.

    A fixture load or an import saves a unit, then each measure, position and article: indexing on
    every save would segment the same text dozens of times. Every call adds its units to one
    pending set and asks for a flush on commit; the first flush to run indexes the whole set and
    the later ones find it empty. A callback dropped by a rolled-back savepoint loses nothing: its
    units stay pending for the next flush (indexing a unit again only reads its current state).
    """
    ids = {pk for pk in unit_ids if pk is not None}
    if not ids:
        return
    pending = getattr(_pending, "ids", None)
    if pending is None:
        pending = _pending.ids = set()
    pending.update(ids)
    transaction.on_commit(_flush)


def _flush() -> None:
    ids = getattr(_pending, "ids", None) or set()
    _pending.ids = None
    if ids:
        search_index_units(unit_ids=ids)
