"""What text a unit is found by: its profile, measures, positions and published articles."""

import re
from collections import Counter
from collections.abc import Iterable

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


# Characters a phrase is indexed by, two at a time: Chinese characters, ASCII letters and digits
# (both engines' tokenizers keep such a pair as one token). Anything else ends a run.
PAIR_RUN = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Between runs: a one-character token, which no phrase query asks for, so that a phrase can never
# match across punctuation ("服务，务实" holds no "服务实").
RUN_BREAK = "x"
# PostgreSQL keeps at most 256 positions of one lexeme and none beyond 16,383.
PG_MAX_POSITIONS, PG_MAX_POSITION = 256, 16383


def char_pairs(text: str) -> tuple[str, bool]:
    """The ``pairs`` field of a text, and whether PostgreSQL can keep all its positions.

    Every run of letters and digits written as its overlapping pairs (职工服务 → 职工 工服 服务), in
    order: a phrase occurs in the text exactly when its own pairs occur at consecutive positions,
    which is what a phrase query over this field asks.
    """
    tokens = []
    for run in PAIR_RUN.findall(text.lower()):
        if tokens:
            tokens.append(RUN_BREAK)
        tokens += [run[i : i + 2] for i in range(len(run) - 1)]
    counts = Counter(tokens)
    counts.pop(RUN_BREAK, None)
    complete = len(tokens) <= PG_MAX_POSITION and max(counts.values(), default=0) <= PG_MAX_POSITIONS
    return " ".join(tokens), complete


def phrase_runs(phrase: str) -> tuple[list[str], bool]:
    """The pair phrases that find ``phrase`` (one per run of two characters or more), and whether
    they are exact (the phrase is one run: no other text needs checking)."""
    runs = PAIR_RUN.findall(phrase.lower())
    exact = len(runs) == 1 and runs[0] == phrase.lower() and len(runs[0]) >= 2
    return [" ".join(run[i : i + 2] for i in range(len(run) - 1)) for run in runs if len(run) >= 2], exact


def segmented(text: str) -> tuple[str, str, str, bool]:
    """(tokens, chars, pairs, pairs_complete) of a text, as stored in SearchDocument."""
    return " ".join(index_tokens(text)), " ".join(distinct_chars(text)), *char_pairs(text)


def document_fields(units: Iterable[PilotUnit]) -> Iterable[tuple[int, str, dict]]:
    """``(unit_id, text, fields)`` of each unit's document, ``fields`` as stored beside the text."""
    for unit in units:
        text = unit_text(unit)
        tokens, chars, pairs, complete = segmented(text)
        yield unit.pk, text, {"tokens": tokens, "chars": chars, "pairs": pairs, "pairs_complete": complete}
