"""Searching units: ranked by the engine, filtered by the ORM, paginated like any list.

The sequences hold :class:`UnitMatch` items (the unit, its score and its snippets); in which order
to list by name or city is the caller's (``library.results.ORDERINGS``).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import QuerySet

from pilots.models import PilotUnit

from .backends import NOTHING, Hit, Within, get_engine, queryset_sql
from .highlight import snippets
from .places import named_places, places_first
from .query import SearchQuery

# Relevance order covers the best RANK_LIMIT matches; matches beyond it follow by name. Counts,
# facets and filters always cover every match.
RANK_LIMIT = 1000


def within(queryset: QuerySet[PilotUnit]) -> Within:
    """The ids of ``queryset`` as a subquery for the engine: filters go into its own query."""
    return queryset_sql(queryset.order_by().values("pk")) or NOTHING


class CaseResults(Sequence):
    """Matching units in relevance order, lazily, for Django's Paginator and DRF's pagination.

    The facet filters go into the engine's query (``within``), so ranking and counting run once
    over the matches that are in the list, however common the words. The engine ranks as far as
    the pages read need (a first page of 20: its 20 best, what the raw query asks), up to
    RANK_LIMIT: its order is total, so the best 20 are the first 20 of the best 1,000. A query
    naming a place ranks the best RANK_LIMIT at once, the units there first among them
    (``search.places``).
    """

    def __init__(self, queryset: QuerySet[PilotUnit], query: SearchQuery, *, filtered: bool):
        self.engine = get_engine()
        self.query = query
        self.queryset = queryset
        # Unfiltered, the engine's count is the answer: the index holds published units only.
        self.within = within(queryset) if filtered else None
        self._count = self.engine.count(query, within=self.within)
        self._hits: list[Hit] = []
        self._asked = 0  # how many best matches the engine was asked for
        self._places: list | None = None

    @property
    def hits(self) -> list[Hit]:
        """The ranked matches in list order (the best RANK_LIMIT)."""
        return self._ranked(RANK_LIMIT)

    def _ranked(self, stop: int) -> list[Hit]:
        """The ranked matches in list order, at least the first ``stop`` of them (all of them when
        fewer are ranked: a match the ranking's words miss follows by name)."""
        if self._places is None:
            self._places = named_places(self.query) if self._count else []
        # In a named place's order, a unit ranked 900th may come first: rank every one listed.
        wanted = min(RANK_LIMIT if self._places else stop, RANK_LIMIT, self._count)
        if wanted > self._asked:
            hits = self.engine.ranked(
                self.query, wanted, candidates=self.engine.candidates(self._count), within=self.within
            )
            self._hits, self._asked = places_first(hits, self._places), wanted
        return self._hits

    def matching(self) -> QuerySet[PilotUnit]:
        return self.engine.filter_matching(self.queryset, self.query, self.within)

    def __len__(self) -> int:
        return self._count

    count = __len__

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, min(index.stop if index.stop is not None else len(self), len(self))
        # A slice counted from the end (never a page's) reads the whole ranking, as it always did.
        ranked = self._ranked(stop if start >= 0 and stop >= 0 else RANK_LIMIT)
        hits = ranked[start:stop]
        if stop > len(ranked):
            # Every ranked match is in ``ranked`` (fewer came back than asked, or RANK_LIMIT of them).
            rest = (
                self.matching()
                .exclude(pk__in=[hit.unit_id for hit in ranked])
                .order_by(*NAME_ORDER)
                .values_list("pk", flat=True)[max(0, start - len(ranked)) : stop - len(ranked)]
            )
            hits += [Hit(pk, 0.0) for pk in rest]
        return units_with_hits(self.queryset, hits, self.query)


class OrderedMatches(Sequence):
    """Matching units in another order (``order_by`` fields over indexed sort keys), for the paginator.

    The order is an indexed sort key of the units; the count is the engine's; how the page meets
    the matches is the engine's too (``order_matches``: on SQLite, when most units match, the page
    walks the sort index and keeps the matches instead of sorting every match).
    """

    # PostgreSQL within a facet: up to this many matches are fetched once, for the count and the page.
    FETCH_IN_FACET = 20_000

    def __init__(
        self, queryset: QuerySet[PilotUnit], query: SearchQuery, *, ordering: Sequence[str], filtered: bool = True
    ):
        self.engine = get_engine()
        self.base, self.query, self.ordering, self._count = queryset, query, ordering, None
        self.within = within(queryset) if filtered else None

    @cached_property
    def _facet_ids(self) -> list[int] | None:
        """The matches within a facet, when the engine fetches them (PostgreSQL, up to FETCH_IN_FACET):
        they serve as the count and as the page's list of ids (see the engine's fetched_matches)."""
        return self.engine.fetched_matches(self.query, self.within, self.FETCH_IN_FACET)

    def __len__(self) -> int:
        if self._count is None:
            ids = self._facet_ids
            self._count = len(ids) if ids is not None else self.engine.count(self.query, within=self.within)
        return self._count

    count = __len__

    @property
    def queryset(self) -> QuerySet[PilotUnit]:
        return self._ordered()

    def _ordered(self) -> QuerySet[PilotUnit]:
        return self.engine.order_matches(
            self.base,
            self.query,
            ordering=self.ordering,
            within=self.within,
            fetched=self._facet_ids,
            count=self.__len__,
        )

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        page = queryset_sql(self._ordered().values_list("pk", flat=True)[index])
        ids = [row[0] for row in self.engine.rows(*page)] if page else []
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
    # A list shows a unit's places and its parent (the API names it only when public), not the profiles.
    # Unordered: the hits give the order (the units' own ordering cost as much to compile as the rest).
    listed = (
        queryset.select_related(None)
        .select_related("region__city", "region__county", "parent")
        .defer("profile", "parent__profile")
        .order_by()
    )
    units = listed.in_bulk([hit.unit_id for hit in hits])
    texts = get_engine().texts(list(units)) if query else {}
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
        return CaseResults(queryset, query, filtered=filtered)
    fields = [ordering] if isinstance(ordering, str) else list(ordering)
    return OrderedMatches(queryset, query, ordering=fields, filtered=filtered)


# Matches beyond the ranked ones follow in name order: the pinyin sort key, the full name breaking ties.
NAME_ORDER = ("sort_name", "name")
