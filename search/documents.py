"""What text a unit is found by: its profile, measures, positions and published articles."""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pilots.models import PilotLevel, PilotUnit, PositionKind, UnitKind
from pilots.text import choice_label

from .segment import distinct_chars, index_tokens
from .segment_pool import segmented_in_pool


def unit_text(unit: PilotUnit) -> str:
    """The original text of a unit's search document, one fact or paragraph a line.

    ``unit`` comes from :func:`pilots.selectors.public_unit_detail` (everything prefetched). The
    labels of kinds and levels are ``get_FOO_display()``'s, translated once per language
    (``choice_label``): ``get_FOO_display()`` translated every choice on every call, 0.9 ms a unit,
    a tenth of a rebuild's main process.
    """
    region = unit.region
    lines = [
        unit.name,
        unit.short_name,
        " ".join(filter(None, [unit.city and unit.city.name, unit.county and unit.county.name, region.name])),
        f"{choice_label(UnitKind, unit.kind)} {choice_label(PilotLevel, unit.pilot_level)}",
        unit.profile,
    ]
    for measure in unit.measures.all():
        lines.append(" ".join(filter(None, [measure.title, measure.label])))
        lines.append("、".join(practice.name for practice in measure.practices.all()))
        lines.append(measure.summary)
    for position in unit.positions.all():
        kind = choice_label(PositionKind, position.kind)
        lines.append(" ".join(filter(None, [position.name, kind, position.facilities])))
    for article in unit.articles.all():
        lines += [article.headline, article.subheadline, article.body]
    return "\n".join(line.strip() for line in lines if line and line.strip())


# Characters a phrase is indexed by: Chinese characters, ASCII letters and digits (both engines'
# tokenizers keep a run of them as one token). Anything else ends a run.
PAIR_RUN = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Between runs, in the positional form of the quads (char_grams): a one-character token, which no
# phrase query asks for, so that a phrase can never match across punctuation.
RUN_BREAK = "x"
# PostgreSQL keeps at most 256 positions of one lexeme and none beyond 16,383.
PG_MAX_POSITIONS, PG_MAX_POSITION = 256, 16383
# A phrase of QUAD characters or more is found by its runs of four ("quads"), one of two or three
# by its pairs. A common four-character phrase (职工服务) is then one indexed token: its pairs are
# each in almost every document.
QUAD = 4


def char_grams(text: str, size: int) -> list[str]:
    """Every run of letters and digits written as its overlapping pieces of ``size`` characters
    (size 2: 职工服务 → 职工 工服 服务), in order, runs apart by RUN_BREAK: a phrase of at least
    ``size`` characters occurs in the text exactly when its own pieces occur at consecutive
    positions, which is what a phrase query over these tokens asks (the quads as stored; the pairs
    as migration 0003 stored them)."""
    tokens = []
    for run in PAIR_RUN.findall(text.lower()):
        if tokens:
            tokens.append(RUN_BREAK)
        tokens += [run[i : i + size] for i in range(len(run) - size + 1)]
    return tokens


def char_pairs(text: str) -> tuple[str, bool]:
    """The pairs of a text as migration 0003 stored them, and whether PostgreSQL could keep all
    their positions."""
    tokens = char_grams(text, 2)
    counts = Counter(tokens)
    counts.pop(RUN_BREAK, None)
    complete = len(tokens) <= PG_MAX_POSITION and max(counts.values(), default=0) <= PG_MAX_POSITIONS
    return " ".join(tokens), complete


def distinct_pieces(runs: str, size: int) -> str:
    """The distinct pieces of ``size`` characters of the runs (space-separated), in the order first met.

    The overlapping pieces without a space are found by the regular expression (in C), not sliced
    one by one in Python: a rebuild's worker spent most of its time here and in the quads.
    """
    return " ".join(dict.fromkeys(re.findall(rf"(?=(\S{{{size}}}))", runs)))


def phrase_fields(text: str) -> dict:
    """The fields a phrase is found by, as stored: ``pairs``, the distinct pieces of two characters
    of the text's runs, without positions (migration 0006), and ``quads``, its runs of four in
    order as :func:`char_grams` gives them (positions kept on SQLite, migration 0008).

    A phrase of two or four characters is one piece, whose presence answers it; a longer one is a
    phrase query over its quads on SQLite. Any other phrase asks for all its pieces and is checked
    against the text of those candidates (``SearchEngine.phrase_checks_text``).
    """
    runs = PAIR_RUN.findall(text.lower())
    quads = []  # per run its quads joined (a run shorter than QUAD has none, but still breaks)
    for run in runs:
        if quads:
            quads.append(RUN_BREAK)
        if len(run) >= QUAD:
            quads.append(" ".join([run[i : i + QUAD] for i in range(len(run) - QUAD + 1)]))
    return {"pairs": distinct_pieces(" ".join(runs), 2), "quads": " ".join(quads)}


@dataclass(frozen=True)
class PhraseRun:
    """One run of a phrase as the pieces the index is asked for: in ``field`` ("pairs" or "quads")."""

    field: str
    tokens: str  # the run's pieces, space-separated

    @property
    def pieces(self) -> list[str]:
        return list(dict.fromkeys(self.tokens.split()))


def phrase_runs(phrase: str) -> tuple[list[PhraseRun], bool]:
    """The pieces that find ``phrase`` (per run of two characters or more: its quads from QUAD
    characters, its pairs below), and whether the phrase is exactly one run (letters, digits and
    Chinese characters only: as the index holds it)."""
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
        yield from segmented_in_pool(texts, processes, text_fields)
        return
    blocks = {}
    for pk, text in texts:
        yield pk, text, text_fields(text, blocks)
