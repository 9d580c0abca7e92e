"""Facets of the unit list: which values each filter can take under the current query, with counts.

Declared once for the case library page and for ``/api/cases/facets/``. Each facet is counted
with every other active filter applied but not its own, so a user can see (and combine) the
alternatives to what they already chose.
"""

import copy
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django.db.models import Count, FilteredRelation, Q
from django.utils.translation import get_language

from library.filters import PilotUnitFilter
from pilots.models import PublicationStatus
from search.backends import get_engine
from search.remember import remember


@dataclass(frozen=True)
class Facet:
    """A facet is one of the FilterSet's filters, counted: its label, choices and field come from it."""

    param: str
    value_field: str | None = None  # what to count by; default: the filter's field
    label_field: str | None = None  # a related name to show; else the choices or the value itself
    label_field_en: str | None = None  # the English name, shown in the English UI where there is one
    proper_names: bool = False  # the values are place names, kept as printed (marked as Chinese in English)

    @property
    def filter(self) -> django_filters.Filter:
        return PilotUnitFilter.base_filters[self.param]

    @property
    def field(self) -> str:
        return self.value_field or self.filter.field_name

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
    Facet("city", "region__city__name", proper_names=True),
    Facet("county", "region__county__name", proper_names=True),
    Facet("kind"),
    Facet("pilot_level"),
    # Columns of published articles only: a draft article (an import under review) counts nowhere.
    Facet("column", "published_articles__column"),
    Facet("area", label_field="measures__practices__area__name", label_field_en="measures__practices__area__name_en"),
    Facet("practice", label_field="measures__practices__name", label_field_en="measures__practices__name_en"),
    Facet("designated_year"),
]
FACET_PARAMS = {facet.param for facet in FACETS}


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
    return copy.deepcopy(remember(key, lambda: _facet_counts(filterset), stamp=stamp))


def _values(data, key: str) -> list:
    return data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]


def _facet_counts(filterset: PilotUnitFilter) -> list[dict]:
    data = filterset.data
    cleaned = filterset.form.cleaned_data
    result = []
    engine = get_engine()
    english = not (get_language() or "zh").startswith("zh")
    for facet in FACETS:
        label_en = facet.label_field_en if english else None
        queryset = filterset.queryset.all()
        for name, value in cleaned.items():
            if name != facet.param:
                queryset = filterset.filters[name].filter(queryset, value)
        fields = [facet.field] + [field for field in (facet.label_field, label_en) if field]
        if facet.field.startswith("published_articles__"):
            queryset = queryset.annotate(
                published_articles=FilteredRelation(
                    "articles", condition=Q(articles__status=PublicationStatus.PUBLISHED)
                )
            )
        counted = (
            # filter(), not exclude(): across a multi-valued relation exclude() would drop every unit
            # that has one row without a value (a measure without practices), not just the empty rows.
            queryset.filter(**{f"{facet.field}__isnull": False})
            .values(*fields)
            .annotate(count=Count("pk", distinct=True))
            .order_by("-count", facet.field)
        )
        # Run as the search engine runs its own queries (on PostgreSQL without sequential scans,
        # which would test a common word against every document's vector: 16 s for the cities of
        # 工会 over 100,000 records, 0.15 s from the GIN index).
        rows = [dict(zip([*fields, "count"], row, strict=True)) for row in engine.rows_of(counted)]
        selected = set(data.getlist(facet.param)) if hasattr(data, "getlist") else {data.get(facet.param)}
        choices = facet.choices
        values = []
        for row in rows:
            value = row[facet.field]
            if facet.label_field:
                label = (row[label_en] if label_en else "") or row[facet.label_field]
            elif choices:
                label = choices.get(value, value)
            else:
                label = value
            values.append(
                {
                    "value": str(value),
                    "label": str(label),
                    "count": row["count"],
                    "selected": str(value) in selected,
                }
            )
        result.append({"param": facet.param, "label": str(facet.label), "multiple": facet.multiple, "values": values})
    return result


def proper_name_params() -> set[str]:
    """The facets whose values are names kept as printed (cities, counties)."""
    return {facet.param for facet in FACETS if facet.proper_names}
