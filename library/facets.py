"""Facets of the unit list: which values each filter can take under the current query, with counts.

Declared once for the case library page and for ``/api/cases/facets/``. Each facet is counted
with every other active filter applied but not its own, so a user can see (and combine) the
alternatives to what they already chose.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django.db import connection, models
from django.utils.translation import get_language

from library.filters import PilotUnitFilter
from pilots.models import Practice, PracticeArea, Region
from search.backends import get_engine
from search.backends.base import queryset_sql
from search.facet_table import KEY_COLUMNS, MULTIPLE, SINGLE
from search.models import FacetKey, UnitFacets, UnitFacetValue
from search.remember import remember


@dataclass(frozen=True)
class Facet:
    """A facet is one of the FilterSet's filters, counted: its label and choices come from it, what
    it counts by from the facet table's declaration (``search.facet_table``)."""

    param: str
    label_model: type[models.Model] | None = None  # values are its codes, shown by its name (name_en in English)
    proper_names: bool = False  # the values are place names, kept as printed (marked as Chinese in English)

    @property
    def filter(self) -> django_filters.Filter:
        return PilotUnitFilter.base_filters[self.param]

    @property
    def field(self) -> str:
        """The ORM path of what the facet counts by, from a unit."""
        return SINGLE.get(self.param) or MULTIPLE[self.param]

    @property
    def label(self) -> str:
        return self.filter.label

    @property
    def choices(self) -> dict | None:
        choices = self.filter.extra.get("choices")
        return dict(choices) if choices else None

    @property
    def multiple(self) -> bool:
        return isinstance(self.filter, django_filters.MultipleChoiceFilter)


FACETS = [
    # City and county filters take a name, a short name or a code: their facets list the names.
    Facet("city", proper_names=True),
    Facet("county", proper_names=True),
    Facet("kind"),
    Facet("pilot_level"),
    # Columns of published articles only: a draft article (an import under review) counts nowhere.
    Facet("column"),
    Facet("area", label_model=PracticeArea),
    Facet("practice", label_model=Practice),
    Facet("designated_year"),
]
FACET_PARAMS = {facet.param for facet in FACETS}
PLACES = {facet.param for facet in FACETS if facet.proper_names}


def facet_counts(filterset: PilotUnitFilter, *, stamp: str | None = None) -> list[dict]:
    """``[{"param", "label", "multiple", "values": [{"value", "label", "count", "selected"}]}]``.

    ``filterset`` is validated: each facet applies its cleaned filters (the parsed query among
    them) but its own, so nothing is parsed again. Remembered until the index changes (the
    filterset's queryset is always the published units); ``stamp``: the index stamp already read.
    """
    data = filterset.data
    items = sorted((key, value) for key in data if key != "page" for value in _values(data, key))
    # Labels are in the page's language: remembered per language.
    key = f"facets:{get_language()}:{urlencode(items)}"
    counts = remember(key, lambda: _places_marked(data, _facet_counts(filterset)), stamp=stamp)
    # A copy the caller may change (the page adds each value's link): facets of values of scalars.
    return [{**facet, "values": [dict(value) for value in facet["values"]]} for facet in counts]


def _places_marked(data, facets: list[dict]) -> list[dict]:
    """A city or county asked by another form its filter takes ("台州", "台州市三门县", a code) marks
    the name the facet lists as selected, as a value asked as listed is."""
    for facet in facets:
        asked = data.get(facet["param"])
        if facet["param"] not in PLACES or not asked or any(value["selected"] for value in facet["values"]):
            continue
        regions = Region.objects.cities() if facet["param"] == "city" else Region.objects.counties()
        name = regions.printed_as(asked).values_list("name", flat=True).first()
        for value in facet["values"]:
            value["selected"] = value["value"] == name
    return facets


def _values(data, key: str) -> list:
    return data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]


def _facet_counts(filterset: PilotUnitFilter) -> list[dict]:
    """Every facet's counts from one grouped query over the facet table (``search.facet_table``).

    Each facet counts the units matching every active filter but its own: one set of units for all
    the facets not asked for, one more for each facet that is. Over each set the query reads one
    narrow row per unit, found by its key from the matches: the single-valued facets (city, county,
    kind, level, year) are counted together by their combination (a few hundred), summed per facet
    here; the values of the multi-valued ones (column, area, practice) are counted by value.
    """
    data = filterset.data
    english = not (get_language() or "zh").startswith("zh")
    by_set: dict[str | None, list[Facet]] = {}
    for facet in FACETS:
        by_set.setdefault(facet.param if _asked(data, facet.param) else None, []).append(facet)
    ctes, branches, params = [], [], []
    for own, facets in by_set.items():
        units = _units_sql(filterset, without=own)
        if units is None:  # Django knows it matches nothing (an integer out of range, an empty choice)
            continue
        alias = f"facet_units_{own or 'all'}"
        ctes.append(f"{alias}(unit_id) AS ({units[0]})")
        params += units[1]
        if any(facet.param in SINGLE for facet in facets):
            branches.append(_key_branch(alias, own))
        multiple = [facet for facet in facets if facet.param in MULTIPLE]
        if multiple:
            branches.append(_value_branch(alias, own, multiple))
    rows = get_engine().rows(f"WITH {', '.join(ctes)} {' UNION ALL '.join(branches)}", params) if branches else []
    counts: dict[str, dict[str, list]] = {facet.param: {} for facet in FACETS}
    counted_over = {facet.param: own for own, facets in by_set.items() for facet in facets}
    for own, param, value, label, label_en, *key, count in rows:
        if param is not None:  # a multi-valued facet's value, with its label
            if counted_over.get(param, "") == own:
                counts[param][value] = [label_en if english and label_en else label, count]
            continue
        for single, single_value in zip(SINGLE, key, strict=True):
            if single_value is not None and counted_over[single] == (own or None):
                entry = counts[single].setdefault(str(single_value), [None, 0])
                entry[1] += count
    result = []
    for facet in FACETS:
        selected = set(data.getlist(facet.param)) if hasattr(data, "getlist") else {data.get(facet.param)}
        choices = facet.choices
        values = []
        # Most units first, then by value (as text, the same order on both engines).
        for value, (label, count) in sorted(counts[facet.param].items(), key=lambda item: (-item[1][1], item[0])):
            if label is None:
                label = choices.get(_typed(facet, value), value) if choices else value
            values.append({"value": value, "label": str(label), "count": count, "selected": value in selected})
        result.append({"param": facet.param, "label": str(facet.label), "multiple": facet.multiple, "values": values})
    return result


def _asked(data, param: str) -> bool:
    return any(value for value in _values(data, param))


def _units_sql(filterset: PilotUnitFilter, *, without: str | None) -> tuple[str, list] | None:
    """The SQL of the ids of the units the facets not ``without`` count: every cleaned filter but
    ``without``. With a query, the engine's own match (the other filters pushed into it, as the
    results are found); unfiltered, the index's match alone, which holds the published units only,
    as the facet table does."""
    cleaned = filterset.form.cleaned_data
    query = cleaned.get("q")
    # Judged on the input, as the results judge it (a cleaned empty choice is a QuerySet).
    filtered = any(_asked(filterset.data, name) for name in cleaned if name not in (without, "q", "words"))
    if query is not None and not filtered:
        return get_engine().match_sql(query)
    others = filterset.queryset.all()
    for name, value in cleaned.items():
        if name not in (without, "q"):
            others = filterset.filters[name].filter(others, value)
    units = queryset_sql(others.values("pk").order_by())
    if query is None or units is None:
        return units
    return get_engine().match_sql(query, units)


def _key_branch(alias: str, own: str | None) -> str:
    """The units of ``alias`` counted by their combination of single-valued facets."""
    key = ", ".join(f"k.{quote(column)}" for column in KEY_COLUMNS)
    # SQLite: from each match to its row by the key (CROSS JOIN keeps that order); PostgreSQL joins.
    return (
        f"SELECT {_literal(own)}, {NO_TEXT}, {NO_TEXT}, {NO_TEXT}, {NO_TEXT}, {key}, c.n FROM ("
        f"SELECT f.key_id, COUNT(*) AS n FROM {alias} m CROSS JOIN {quote(UnitFacets._meta.db_table)} f "
        f"WHERE f.unit_id = m.unit_id GROUP BY f.key_id) c "
        f"INNER JOIN {quote(FacetKey._meta.db_table)} k ON k.id = c.key_id"
    )


def _value_branch(alias: str, own: str | None, facets: list[Facet]) -> str:
    """The units of ``alias`` counted by each value of the multi-valued ``facets``, each value with
    its label where the facet names one (an area's, a practice's name, looked up by code)."""
    table = quote(UnitFacetValue._meta.db_table)
    joins, labels, labels_en = [], [], []
    for number, facet in enumerate(facet for facet in facets if facet.label_model):
        model = facet.label_model
        joins.append(
            f"LEFT JOIN {quote(model._meta.db_table)} l{number} "
            f"ON c.param = {_literal(facet.param)} AND l{number}.code = c.value"
        )
        labels.append(f"l{number}.name")
        labels_en.append(f"l{number}.name_en")
    label = f"COALESCE({', '.join(labels)}, NULL)" if labels else NO_TEXT
    label_en = f"COALESCE({', '.join(labels_en)}, NULL)" if labels_en else NO_TEXT
    no_key = ", ".join(NO_KEY)
    # Every value of the unit is counted (one look-up by the unit, not one per facet); the values
    # of a facet counted over another set are left out above. Labelled once counted: one look-up
    # a value, not one a unit's value.
    return (
        f"SELECT {_literal(own)}, c.param, c.value, CAST({label} AS text), CAST({label_en} AS text), {no_key}, "
        f"c.n FROM (SELECT v.param, v.value, COUNT(*) AS n FROM {alias} m CROSS JOIN {table} v "
        f"WHERE v.unit_id = m.unit_id GROUP BY v.param, v.value) c {' '.join(joins)}"
    )


def _literal(value: str | None) -> str:
    """A facet's name as an SQL literal (names are this module's identifiers, never input)."""
    if value is None:
        return NO_TEXT
    assert value.isidentifier(), value
    return f"'{value}'"


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


NO_TEXT = "CAST(NULL AS text)"
# The key's columns in a row of multi-valued counts (typed for PostgreSQL's UNION).
NO_KEY = (NO_TEXT, NO_TEXT, NO_TEXT, NO_TEXT, "CAST(NULL AS integer)")


def _typed(facet: Facet, value: str):
    """A value read back as text, as its choices name it (an integer year, a code)."""
    choices = facet.choices or {}
    if value in choices:
        return value
    try:
        number = int(value)
    except ValueError:
        return value
    return number if number in choices else value


def proper_name_params() -> set[str]:
    """The facets whose values are names kept as printed (cities, counties)."""
    return {facet.param for facet in FACETS if facet.proper_names}
