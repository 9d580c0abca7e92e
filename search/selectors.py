"""Searching units: ranked by the engine, filtered by the ORM, paginated like any list.

The sequences hold :class:`UnitMatch` items (the unit, its score and its snippets); in which order
to list by name or city is the caller's (``library.results.ORDERINGS``).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from pilots.models import PilotUnit

from .engines import Hit, get_engine
from .highlight import snippets
from .models import SearchDocument
from .places import places_first
from .query import SearchQuery

# Relevance order covers the best RANK_LIMIT matches; matches beyond it follow by name. Counts,
# facets and filters always cover every match.
RANK_LIMIT = 1000


class CaseResults(Sequence):
    """Matching units in relevance order, lazily, for Django's Paginator and DRF's pagination."""

    def __init__(self, queryset: QuerySet[PilotUnit], query: SearchQuery, *, filtered: bool):
        self.engine = get_engine()
        self.query = query
        self.queryset = queryset
        self.hits, total = self.engine.top(query, RANK_LIMIT)
        self._count: int | None = total
        self._complete = total == len(self.hits)
        if filtered:
            allowed = set(queryset.filter(pk__in=[hit.unit_id for hit in self.hits]).values_list("pk", flat=True))
            self.hits = [hit for hit in self.hits if hit.unit_id in allowed]
            self._count = len(self.hits) if self._complete else None
        # Unfiltered, the engine's count is the answer: the index holds published units only.

    def matching(self) -> QuerySet[PilotUnit]:
        return self.queryset.filter(pk__in=RawSQL(*self.engine.match_sql(self.query)))

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.matching().count()
        return self._count

    count = __len__

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, min(index.stop if index.stop is not None else len(self), len(self))
        hits = self.hits[start:stop]
        if stop > len(self.hits):
            rest = (
                self.matching()
                .exclude(pk__in=[hit.unit_id for hit in self.hits])
                .order_by("name")
                .values_list("pk", flat=True)[max(0, start - len(self.hits)) : stop - len(self.hits)]
            )
            hits += [Hit(pk, 0.0) for pk in rest]
        return units_with_hits(self.queryset, hits, self.query)


class OrderedMatches(Sequence):
    """Matching units in another order (``order_by`` fields), with their snippets, for the paginator."""

    def __init__(self, queryset: QuerySet[PilotUnit], query: SearchQuery, *, ordering: Sequence[str]):
        self.base, self.query, self._count = queryset, query, None
        self.queryset = queryset.filter(pk__in=RawSQL(*get_engine().match_sql(query))).order_by(*ordering)

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    count = __len__

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.queryset.values_list("pk", flat=True)[index]
        return units_with_hits(self.base, [Hit(pk, None) for pk in ids], self.query)


@dataclass(frozen=True)
class UnitMatch:
    """A unit in a list of results: its relevance score (None outside relevance order) and the
    passages around the query's words (HTML-escaped, words in ``<mark>``)."""

    unit: PilotUnit
    score: float | None = None
    snippets: list = field(default_factory=list)


def units_with_hits(queryset: QuerySet[PilotUnit], hits: list[Hit], query: SearchQuery | None) -> list[UnitMatch]:
    """The units of ``hits`` in order, each with its score and highlighted snippets.

    ``queryset`` is the list filtered by everything but the query: never the match as a subquery,
    which the database would evaluate in full again.
    """
    units = queryset.in_bulk([hit.unit_id for hit in hits])
    texts = dict(SearchDocument.objects.filter(unit_id__in=units).values_list("unit_id", "text")) if query else {}
    terms = query.highlight_terms if query else []
    result = []
    for hit in hits:
        unit = units.get(hit.unit_id)
        if unit is None:
            continue
        result.append(UnitMatch(unit, hit.score, snippets(texts.get(unit.pk, ""), terms) if query else []))
    return result


def search_units(
    queryset: QuerySet[PilotUnit], query: SearchQuery, *, ordering: str | Sequence[str], filtered: bool
) -> Sequence[UnitMatch]:
    """Units matching ``query`` within ``queryset`` (the list filtered by everything but the query):
    a lazy sequence of :class:`UnitMatch`, ranked (``ordering="relevance"``) or in the order of the
    ``order_by`` fields given (a single field name may be given as a string)."""
    if ordering == "relevance":
        return places_first(CaseResults(queryset, query, filtered=filtered), query)
    return OrderedMatches(queryset, query, ordering=[ordering] if isinstance(ordering, str) else ordering)
