"""The set of units a dashboard counts: the library's FilterSet over the published units, read from a
page's or the API's parameters, and that set counted once per unit (:func:`countable`).

The panels (``dashboards.selectors``, ``dashboards.indicators``), the page and the API all narrow
the units here, so "杭州市, street federations" means the same on every panel, in the library and
in an export; drafts never count.
"""

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from library.filters import PilotUnitFilter
from pilots import selectors as pilot_selectors
from pilots.models import PilotUnit


def unit_filter(data, *, default_kinds: list[str] | None = None, queryset=None) -> PilotUnitFilter:
    """The library's FilterSet over the public units (or ``queryset``) for ``data`` (GET parameters).

    An empty value means "all" (the page's filter bar submits its unchosen selects); ``default_kinds``
    applies when ``data`` names no ``kind`` (the practice panel's street pilots).
    """
    cleaned = QueryDict(mutable=True)
    for name in FILTER_NAMES:
        values = param_values(data, name)
        if values:
            cleaned.setlist(name, values)
    if default_kinds and not cleaned.getlist("kind"):
        cleaned.setlist("kind", list(default_kinds))
    return PilotUnitFilter(cleaned, queryset=pilot_selectors.public_units() if queryset is None else queryset)


# The library's filters, as its FilterSet declares them (the page and the API keep these and no copy).
FILTER_NAMES = list(PilotUnitFilter.base_filters)
# The library's filters that hold one value (the last one counts), as the FilterSet declares them.
SINGLE_FILTERS = [
    name
    for name, declared in PilotUnitFilter.base_filters.items()
    if not issubclass(declared.field_class, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
]


def filter_pairs(data, *, without=()) -> list[tuple[str, str]]:
    """The library's filters present in ``data`` as (name, value) pairs, in the FilterSet's order."""
    return [(name, value) for name in FILTER_NAMES if name not in without for value in param_values(data, name)]


def filter_query(data, **extra) -> QueryDict:
    """The library's filters of ``data`` and ``extra`` parameters, as one QueryDict (a cache key, a link)."""
    query = QueryDict(mutable=True)
    for name, value in filter_pairs(data):
        query.appendlist(name, str(value))
    for name, value in extra.items():
        query.setlist(name, [str(value)])
    return query


def has_filters(data) -> bool:
    return bool(filter_pairs(data))


def param_values(data, name: str) -> list:
    if hasattr(data, "getlist"):
        return [value for value in data.getlist(name) if value]
    value = data.get(name)
    return [v for v in (value if isinstance(value, list | tuple) else [value]) if v]


def unit_ids(units: QuerySet[PilotUnit]) -> QuerySet:
    # The filtered set as a subquery of ids: the filters' joins (practices, articles) stay inside it.
    return units.order_by().values("pk")


def countable(units: QuerySet[PilotUnit]) -> QuerySet[PilotUnit]:
    """The set, one row per unit, to group and count: itself unless a filter joined a many-valued
    relation (practices, articles), which makes it DISTINCT; then its ids as a subquery.

    The library's multiple-choice filters on the unit's own columns (``kind``, ``pilot_level``) ask
    for DISTINCT too, where no row can repeat: without a many-valued join the set is read as it is,
    not sorted or hashed to drop duplicates that cannot be there.
    """
    if not units.query.distinct:
        return units.order_by()
    if joins_many(units):
        return PilotUnit.objects.filter(pk__in=unit_ids(units))
    plain = units.order_by()
    plain.query.distinct = False
    return plain


def joins_many(units: QuerySet[PilotUnit]) -> bool:
    """Whether the query joins a relation that can repeat a unit's row (a reverse or many-to-many one)."""
    for join in units.query.alias_map.values():
        field = getattr(join, "join_field", None)
        if field is not None and not (field.many_to_one or field.one_to_one):
            return True
    return False
