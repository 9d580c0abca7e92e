"""The facet table: per published unit, the values the library's facets count it under.

Counting a facet over the wide unit rows and their joins (regions for the places, measures and
practices, articles) cost 0.3–0.4 s for a word in most of 20,000 units; counting the same over one
narrow row per unit, found by its key from the matches, costs a few milliseconds
(``library.facets``). The rows are written by :func:`write_unit_facets`, which the index's writers
call in the same transaction as the units' search documents (``search.indexing``, and the search
benchmark's corpus): the table holds exactly the published units the index holds, with the values
their records have now. What each facet counts is declared here once, as the ORM paths the
library's filters and the counts before this table used.
"""

from collections.abc import Iterable

from django.db.models import FilteredRelation, Q

from pilots import selectors
from pilots.models import PilotUnit, PublicationStatus

from .models import FacetKey, UnitFacets, UnitFacetValue

# The facets a unit takes one value of, in FacetKey's column order: facet -> what it counts by.
SINGLE = {
    "city": "region__city__name",
    "county": "region__county__name",
    "kind": "kind",
    "pilot_level": "pilot_level",
    "designated_year": "designated_year",
}
# The facets a unit may take several values of (a draft article counts nowhere: columns of
# published articles only).
MULTIPLE = {
    "column": "published_articles__column",
    "area": "measures__practices__area__code",
    "practice": "measures__practices__code",
}
KEY_COLUMNS = ("city", "county", "kind", "pilot_level", "designated_year")
BATCH = 2000


def write_unit_facets(unit_ids: Iterable[int] | None = None) -> int:
    """Write the facet rows of these units (None: of every unit) as their records are now: a
    published unit gets its rows, any other none. Returns the number of units written."""
    if unit_ids is None:
        UnitFacetValue.objects.all().delete()
        UnitFacets.objects.all().delete()
        ids = list(selectors.public_units().order_by("pk").values_list("pk", flat=True))
    else:
        requested = sorted(set(unit_ids))
        ids = []
        for start in range(0, len(requested), BATCH):
            chunk = requested[start : start + BATCH]
            UnitFacetValue.objects.filter(unit_id__in=chunk).delete()
            UnitFacets.objects.filter(unit_id__in=chunk).delete()
            ids += selectors.public_units().filter(pk__in=chunk).values_list("pk", flat=True)
    keys: dict[tuple, int] = {}
    for key in FacetKey.objects.order_by("pk"):
        keys.setdefault(key.values(), key.pk)
    for start in range(0, len(ids), BATCH):
        _write(ids[start : start + BATCH], keys)
    return len(ids)


def _write(ids: list[int], keys: dict[tuple, int]) -> None:
    units = PilotUnit.objects.filter(pk__in=ids)
    rows = list(units.values_list("pk", *SINGLE.values()))
    missing = {tuple(values) for _pk, *values in rows} - keys.keys()
    if missing:
        created = FacetKey.objects.bulk_create(
            [FacetKey(**dict(zip(KEY_COLUMNS, values, strict=True))) for values in sorted(missing, key=repr)]
        )
        keys.update((key.values(), key.pk) for key in created)
    UnitFacets.objects.bulk_create([UnitFacets(unit_id=pk, key_id=keys[tuple(values)]) for pk, *values in rows])
    values = []
    for param, path in MULTIPLE.items():
        found = units
        if path.startswith("published_articles__"):
            found = found.annotate(
                published_articles=FilteredRelation(
                    "articles", condition=Q(articles__status=PublicationStatus.PUBLISHED)
                )
            )
        pairs = found.filter(**{f"{path}__isnull": False}).values_list("pk", path).distinct().order_by()
        values += [UnitFacetValue(unit_id=pk, param=param, value=str(value)) for pk, value in pairs]
    UnitFacetValue.objects.bulk_create(values)
