"""Reads the public pages and the API share: what is published, with what it needs prefetched."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Article, IndicatorValue, PilotUnit, PublicationStatus, ReformMeasure, ServicePosition


def public_units() -> QuerySet[PilotUnit]:
    return PilotUnit.objects.published().with_places()


def public_indicator_values() -> QuerySet[IndicatorValue]:
    """Figures that may be shown: those not read from an article, or read from a published one."""
    return IndicatorValue.objects.filter(
        Q(source_article__isnull=True) | Q(source_article__status=PublicationStatus.PUBLISHED)
    ).select_related("definition", "source_article", "record_value")


def public_unit_detail() -> QuerySet[PilotUnit]:
    """Published units with their measures, positions, figures and published articles."""
    return public_units().prefetch_related(
        # record_measure / record_position: the approved annual record a measure or position came from.
        Prefetch(
            "measures",
            queryset=ReformMeasure.objects.select_related("record_measure__record").prefetch_related("practices__area"),
        ),
        Prefetch("positions", queryset=ServicePosition.objects.select_related("record_position__record")),
        Prefetch("indicator_values", queryset=public_indicator_values()),
        Prefetch("articles", queryset=Article.objects.published().order_by("source_file", "start_line")),
    )


def public_articles() -> QuerySet[Article]:
    return Article.objects.published().prefetch_related("units")
