"""Segmenting many texts in worker processes (a rebuild): jieba is pure Python, so one process
segments on one core; the process that reads the units and writes the index keeps going meanwhile.

Workers are forked once jieba's dictionary is loaded (shared copy-on-write, not loaded again) and
only compute: they never touch the database. Each keeps its own block cache
(:func:`search.segment.index_tokens`). Chunks of texts are handed out in order and their fields
taken back in the same order, at most a few chunks ahead of the writer.
"""

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .segment import initialise

# Texts per chunk handed to a worker, and chunks in flight per worker.
CHUNK = 25
AHEAD = 3

_blocks: dict = {}


Fields = Callable[[str, dict], dict]


def _fields_of(chunk: list[tuple[int, str]], fields: Fields) -> list[tuple[int, str, dict]]:
    return [(pk, text, fields(text, _blocks)) for pk, text in chunk]


def segmented_in_pool(
    texts: Iterable[tuple[int, str]], processes: int, fields: Fields
) -> Iterator[tuple[int, str, dict]]:
    """``(pk, text, fields(text, blocks))`` for each ``(pk, text)``, in order, segmented by ``processes``
    workers (``fields``: a module's function, :func:`search.documents.text_fields`, handed to them by name)."""
    initialise()  # before the fork: the workers share the loaded dictionary
    texts = iter(texts)
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pending = deque()
        while chunk := list(islice(texts, CHUNK)):
            pending.append(pool.apply_async(_fields_of, (chunk, fields)))
            while len(pending) >= processes * AHEAD:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
