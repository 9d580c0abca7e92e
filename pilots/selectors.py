"""Reads the public pages and the API share: what is published, with what it needs prefetched.

**What is public** is decided here: a unit or an article is public when it is published (the
rule itself, ``is_public``, sits beside the states in ``models/units.py``, so a model's own
display can use it without importing this module). Every public read — lists, details, facets,
titles, related objects (a unit's parent, an article's units), exports, the schema's examples
and dashboards — goes through these functions, so a draft never shows, not even as a name, an id or a count.
"""

from django.db.models import Prefetch, Q, QuerySet

from .models import Article, IndicatorValue, PilotUnit, Practice, PublicationStatus, ReformMeasure, ServicePosition
from .models.units import is_public


def published(prefix: str = "") -> Q:
    """The condition "is public" for a unit or an article, reached through ``prefix`` (``"articles__"``)."""
    return Q(**{f"{prefix}status": PublicationStatus.PUBLISHED})


def public_parent(unit: PilotUnit) -> PilotUnit | None:
    """A unit's parent organisation when it is public; a draft parent is as good as none."""
    parent = unit.parent
    return parent if is_public(parent) else None


def public_units() -> QuerySet[PilotUnit]:
    return PilotUnit.objects.published().with_places()


def public_value(prefix: str = "") -> Q:
    """The condition "may be shown" for a figure reached through ``prefix`` (``"indicator_values__"``):
    not read from an article, or read from a published one."""
    return Q(**{f"{prefix}source_article__isnull": True}) | published(f"{prefix}source_article__")


def public_indicator_values(*related: str) -> QuerySet[IndicatorValue]:
    """Figures that may be shown (:func:`public_value`).

    ``related``: more relations of each figure to load in the same query. An app above the domain
    names its own (the API asks for ``record_value``, the reports app's link to an annual record):
    ``pilots`` itself knows no other app.
    """
    return IndicatorValue.objects.filter(public_value()).select_related("definition", "source_article", *related)


def public_unit_detail(
    *,
    value_related: tuple[str, ...] = (),
    measure_related: tuple[str, ...] = (),
    position_related: tuple[str, ...] = (),
) -> QuerySet[PilotUnit]:
    """Published units with their measures, positions, figures and published articles.

    ``value_related``, ``measure_related``, ``position_related``: more relations of each figure,
    measure and position to load with them. An app above the domain names its own (reports' link
    to the approved annual record a row came from, ``reports.selectors.RECORD_SOURCES``); ``pilots``
    itself knows no other app.
    """
    return public_units().prefetch_related(
        Prefetch(
            "measures",
            queryset=ReformMeasure.objects.select_related(*measure_related).prefetch_related(
                Prefetch("practices", queryset=Practice.objects.select_related("area"))
            ),
        ),
        Prefetch("positions", queryset=ServicePosition.objects.select_related(*position_related)),
        Prefetch("indicator_values", queryset=public_indicator_values(*value_related)),
        Prefetch(
            "articles",
            queryset=Article.objects.published().prefetch_related("units").order_by("source_file", "start_line"),
        ),
    )


def public_articles() -> QuerySet[Article]:
    """Published articles with their published units (a draft unit is not named, not even by id)."""
    return Article.objects.published().prefetch_related(
        Prefetch("units", queryset=PilotUnit.objects.published().order_by("name"))
    )
