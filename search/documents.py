"""What text a unit is found by: its profile, measures, positions and published articles."""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pilots.models import PilotUnit

from .segment import distinct_chars, index_tokens


def unit_text(unit: PilotUnit) -> str:
    """The original text of a unit's search document, one fact or paragraph a line.

    ``unit`` comes from :func:`pilots.selectors.public_unit_detail` (everything prefetched).
    """
    region = unit.region
    lines = [
        unit.name,
        unit.short_name,
        " ".join(filter(None, [unit.city and unit.city.name, unit.county and unit.county.name, region.name])),
        f"{unit.get_kind_display()} {unit.get_pilot_level_display()}",
        unit.profile,
    ]
    for measure in unit.measures.all():
        lines.append(" ".join(filter(None, [measure.title, measure.label])))
        lines.append("、".join(practice.name for practice in measure.practices.all()))
        lines.append(measure.summary)
    for position in unit.positions.all():
        lines.append(" ".join(filter(None, [position.name, position.get_kind_display(), position.facilities])))
    for article in unit.articles.all():
        lines += [article.headline, article.subheadline, article.body]
    return "\n".join(line.strip() for line in lines if line and line.strip())


# Characters a phrase is indexed by: Chinese characters, ASCII letters and digits (both engines'
# tokenizers keep a run of them as one token). Anything else ends a run.
PAIR_RUN = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Between runs: a one-character token, which no phrase query asks for, so that a phrase can never
# match across punctuation ("服务，务实" holds no "服务实").
RUN_BREAK = "x"
# PostgreSQL keeps at most 256 positions of one lexeme and none beyond 16,383.
PG_MAX_POSITIONS, PG_MAX_POSITION = 256, 16383
# A phrase of QUAD characters or more is found by its runs of four ("quads"), one of two or three
# by its pairs. A common four-character phrase (职工服务) is then one indexed token, found without
# reading any positions: its pairs are each in almost every document, and checking that they stand
# in a row meant reading the positions of all of them.
QUAD = 4


def char_grams(text: str, size: int) -> list[str]:
    """Every run of letters and digits written as its overlapping pieces of ``size`` characters
    (size 2: 职工服务 → 职工 工服 服务), in order, runs apart by RUN_BREAK: a phrase of at least
    ``size`` characters occurs in the text exactly when its own pieces occur at consecutive
    positions, which is what a phrase query over these tokens asks."""
    tokens = []
    for run in PAIR_RUN.findall(text.lower()):
        if tokens:
            tokens.append(RUN_BREAK)
        tokens += [run[i : i + size] for i in range(len(run) - size + 1)]
    return tokens


def char_pairs(text: str) -> tuple[str, bool]:
    """The ``pairs`` field of a text, and whether PostgreSQL can keep all its positions.

    The quads are as many as the pairs and repeat no more often (a quad starts with a pair), so
    the same flag holds for them.
    """
    tokens = char_grams(text, 2)
    counts = Counter(tokens)
    counts.pop(RUN_BREAK, None)
    complete = len(tokens) <= PG_MAX_POSITION and max(counts.values(), default=0) <= PG_MAX_POSITIONS
    return " ".join(tokens), complete


def phrase_fields(text: str) -> dict:
    """The fields a phrase is found by (``pairs``, ``quads``, ``pairs_complete``), as stored: what
    :func:`char_pairs` and ``char_grams(text, QUAD)`` give, both from one reading of the runs."""
    pairs, quads = [], []
    for run in PAIR_RUN.findall(text.lower()):
        if pairs:
            pairs.append(RUN_BREAK)
        if quads:
            quads.append(RUN_BREAK)
        size = len(run)
        pairs += [run[i : i + 2] for i in range(size - 1)]
        quads += [run[i : i + QUAD] for i in range(size - QUAD + 1)]
    counts = Counter(pairs)
    counts.pop(RUN_BREAK, None)
    complete = len(pairs) <= PG_MAX_POSITION and max(counts.values(), default=0) <= PG_MAX_POSITIONS
    return {"pairs": " ".join(pairs), "quads": " ".join(quads), "pairs_complete": complete}


@dataclass(frozen=True)
class PhraseRun:
    """One run of a phrase as the engine's phrase query: over ``field`` ("pairs" or "quads")."""

    field: str
    tokens: str  # the run's pieces, space-separated


def phrase_runs(phrase: str) -> tuple[list[PhraseRun], bool]:
    """The phrase queries that find ``phrase`` (one per run of two characters or more: by its quads
    from QUAD characters, by its pairs below), and whether they are exact (the phrase is one run:
    no other text needs checking)."""
    runs = PAIR_RUN.findall(phrase.lower())
    exact = len(runs) == 1 and runs[0] == phrase.lower() and len(runs[0]) >= 2
    queries = []
    for run in runs:
        if len(run) >= QUAD:
            queries.append(PhraseRun("quads", " ".join(char_grams(run, QUAD))))
        elif len(run) >= 2:
            queries.append(PhraseRun("pairs", " ".join(char_grams(run, 2))))
    return queries, exact


def segmented(text: str, blocks: dict | None = None) -> tuple[str, str, dict]:
    """(tokens, chars, phrase fields) of a text, as stored in SearchDocument (``blocks``: see
    :func:`search.segment.index_tokens`)."""
    return " ".join(index_tokens(text, blocks)), " ".join(distinct_chars(text)), phrase_fields(text)


def text_fields(text: str, blocks: dict | None = None) -> dict:
    """The fields stored beside a document's text."""
    tokens, chars, phrases = segmented(text, blocks)
    return {"tokens": tokens, "chars": chars, **phrases}


def document_fields(units: Iterable[PilotUnit], *, processes: int = 1) -> Iterator[tuple[int, str, dict]]:
    """``(unit_id, text, fields)`` of each unit's document, in the order of ``units``, ``fields``
    as stored beside the text.

    A clause met again in another unit's text is segmented once (a block cache for the walk).
    ``processes`` > 1: the texts are segmented in that many worker processes (jieba is pure
    Python) while this one reads the units and writes; see :mod:`search.segment_pool`.
    """
    texts = ((unit.pk, unit_text(unit)) for unit in units)
    if processes > 1:
        from .segment_pool import segmented_in_pool

        yield from segmented_in_pool(texts, processes)
        return
    blocks = {}
    for pk, text in texts:
        yield pk, text, text_fields(text, blocks)
