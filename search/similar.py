"""Similar pilots: shared practices and text similarity, over a bounded set of candidates."""

import math
from collections import Counter

from django.db.models import Count, Q

from pilots import selectors
from pilots.models import PilotUnit, Practice

from .models import SearchDocument
from .remember import remember

CANDIDATES = 40


def _cosine(a: Counter, b: Counter) -> float:
    common = set(a) & set(b)
    dot = sum(a[token] * b[token] for token in common)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _vector(tokens: str) -> Counter:
    # Words only: one-character tokens (的, 和) say little about what a pilot does.
    return Counter(token for token in tokens.split() if len(token) > 1)


def similar_units(unit: PilotUnit, *, limit: int = 5) -> list[PilotUnit]:
    """Units most like ``unit``, each with ``.similarity`` and ``.shared_practices`` (see :func:`compute`).

    Remembered, units and all, until the index changes (search.remember): a unit published,
    withdrawn, renamed or moved since reaches the index, so a remembered list is current.
    """
    return remember(f"similar:{unit.pk}:{limit}", lambda: compute(unit, limit=limit))


def compute(unit: PilotUnit, *, limit: int = 5) -> list[PilotUnit]:
    """Units most like ``unit``: half shared practices (Jaccard), half text (cosine of words).

    Candidates are the units sharing most practices plus the unit's neighbours in its county, so a
    page never compares against the whole library.
    """
    practice_ids = set(Practice.objects.filter(measures__unit=unit).values_list("pk", flat=True))
    candidates = list(
        selectors.public_units()
        .exclude(pk=unit.pk)
        .filter(Q(measures__practices__in=practice_ids) | Q(region__county=unit.region.county_id))
        .annotate(shared=Count("measures__practices", filter=Q(measures__practices__in=practice_ids), distinct=True))
        .order_by("-shared", "name")[:CANDIDATES]
    )
    if not candidates:
        return []
    documents = dict(
        SearchDocument.objects.filter(unit_id__in=[unit.pk, *(c.pk for c in candidates)]).values_list(
            "unit_id", "tokens"
        )
    )
    own = _vector(documents.get(unit.pk, ""))
    practices_of = {}
    for unit_id, practice_id in Practice.objects.filter(measures__unit__in=candidates).values_list(
        "measures__unit", "pk"
    ):
        practices_of.setdefault(unit_id, set()).add(practice_id)
    # The practices themselves (their Chinese and English names): the list is remembered for every language.
    names = Practice.objects.only("code", "name", "name_en").in_bulk(practice_ids)
    for candidate in candidates:
        theirs = practices_of.get(candidate.pk, set())
        union = practice_ids | theirs
        jaccard = len(practice_ids & theirs) / len(union) if union else 0.0
        candidate.similarity = 0.5 * jaccard + 0.5 * _cosine(own, _vector(documents.get(candidate.pk, "")))
        candidate.shared_practices = [names[pk] for pk in sorted(practice_ids & theirs)]
    candidates.sort(key=lambda c: (-c.similarity, c.name))
    return candidates[:limit]
