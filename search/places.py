"""Ranking boost for place names: "杭州" puts Hangzhou's units before units that merely mention it.

The engine ranks by how often and where the words occur; a unit elsewhere whose article names the
city a few times can outrank the city's own units. When a query word names a city or county, the
units located there move ahead of the others, each group keeping the engine's order.
"""

from django.db.models import Q

from pilots.models import PilotUnit, Region, RegionLevel

from .backends import Hit
from .query import SearchQuery

PLACE_SUFFIXES = ("", "市", "区", "县")


def named_places(query: SearchQuery) -> list[Region]:
    """The cities and county-level regions the query's words name ("杭州", "杭州市", "温岭")."""
    words = {group.word for group in query.groups} | {phrase for phrase, _group in query.phrases}
    names = {word + suffix for word in words if len(word) >= 2 for suffix in PLACE_SUFFIXES}
    if not names:
        return []
    levels = [RegionLevel.CITY, *RegionLevel.county_levels()]
    return list(Region.objects.filter(name__in=names, level__in=levels))


def places_first(hits: list[Hit], places: list[Region]) -> list[Hit]:
    """``hits`` (ranked) reordered so units in one of ``places`` come first, each group keeping the
    engine's order."""
    if not places or not hits:
        return hits
    located = set(
        PilotUnit.objects.filter(pk__in=[hit.unit_id for hit in hits])
        .filter(Q(region__in=places) | Q(region__city__in=places) | Q(region__county__in=places))
        .values_list("pk", flat=True)
    )
    # sorted() is stable: within each group the engine's order stands.
    return sorted(hits, key=lambda hit: hit.unit_id not in located)
