"""Facets of the unit list: which values each filter can take under the current query, with counts.

Declared once for the case library page and for ``/api/cases/facets/``. Each facet is counted
with every other active filter applied but not its own, so a user can see (and combine) the
alternatives to what they already chose.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from library.filters import PilotUnitFilter
from pilots import selectors
from pilots.models import ArticleColumn, PilotLevel, UnitKind


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    value_field: str
    label_field: str | None = None  # a related name to show; else the choices or the value itself
    choices: dict | None = None
    multiple: bool = False
    only: Q | None = None  # the related rows that may be counted (public ones)


FACETS = [
    Facet("city", _("地级市"), "region__city__name"),
    Facet("county", _("县（市、区）"), "region__county__name"),
    Facet("kind", _("类型"), "kind", choices=dict(UnitKind.choices), multiple=True),
    Facet("pilot_level", _("试点层级"), "pilot_level", choices=dict(PilotLevel.choices), multiple=True),
    Facet(
        "column",
        _("栏目"),
        "articles__column",
        choices=dict(ArticleColumn.choices),
        multiple=True,
        only=selectors.published("articles__"),
    ),
    Facet("area", _("做法领域"), "measures__practices__area__code", "measures__practices__area__name", multiple=True),
    Facet("practice", _("做法"), "measures__practices__code", "measures__practices__name", multiple=True),
    Facet("designated_year", _("确定为试点年份"), "designated_year"),
]
FACET_PARAMS = {facet.param for facet in FACETS}


def facet_counts(data, queryset: QuerySet) -> list[dict]:
    """``[{"param", "label", "values": [{"value", "label", "count", "selected"}]}]`` for ``data`` (GET params)."""
    result = []
    for facet in FACETS:
        others = data.copy()
        others.pop(facet.param, None)
        others.pop("page", None)
        filterset = PilotUnitFilter(others, queryset=queryset)
        if not filterset.is_valid():
            return []
        fields = [facet.value_field] + ([facet.label_field] if facet.label_field else [])
        units = filterset.qs if facet.only is None else filterset.qs.filter(facet.only)
        rows = (
            units.exclude(**{f"{facet.value_field}__isnull": True})
            .values(*fields)
            .annotate(count=Count("pk", distinct=True))
            .order_by("-count", facet.value_field)
        )
        selected = set(data.getlist(facet.param)) if hasattr(data, "getlist") else {data.get(facet.param)}
        values = []
        for row in rows:
            value = row[facet.value_field]
            if facet.label_field:
                label = row[facet.label_field]
            elif facet.choices:
                label = facet.choices.get(value, value)
            else:
                label = value
            values.append(
                {"value": str(value), "label": str(label), "count": row["count"], "selected": str(value) in selected}
            )
        result.append({"param": facet.param, "label": str(facet.label), "multiple": facet.multiple, "values": values})
    return result
