"""An approved record in the unit's public case: its figures (pilots.IndicatorValue), its measures
(pilots.ReformMeasure) and its positions (pilots.ServicePosition), each naming the record.

Reopening the record withdraws all three until it is approved again. A measure or position that an
editor entered under the same name (from an article) is the editor's: the record does not overwrite
it, it is left as it stands.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from pilots.models import IndicatorValue, ReformMeasure, ServicePosition
from pilots.services import case

from ..models import AnnualRecord, MeasureStatus, RecordStatus


def publication_phrase(record: AnnualRecord) -> str:
    # The series keeps one row per (unit, indicator, year, phrase): this phrase names the record.
    return _("%(year)s年度报告") % {"year": record.year}


def _from_a_record(row) -> bool:
    """Whether a public measure or position came from an annual record (not from an editor)."""
    relation = "record_measure" if isinstance(row, ReformMeasure) else "record_position"
    return type(row).objects.filter(pk=row.pk, **{f"{relation}__isnull": False}).exists()


def _link(row, published) -> None:
    if row.published_id != published.pk:
        # The link is bookkeeping, not a change of the record: no history row for it.
        type(row).objects.filter(pk=row.pk).update(published=published)


def record_publish(*, record: AnnualRecord) -> int:
    """Create or update the public rows of the approved record; returns how many figures were published.

    Written through the public case's front door (``pilots.services.case``): the same keys as
    every other writer, and an editor's measure or position under the same name stays as it is.
    """
    if record.status != RecordStatus.APPROVED:
        raise ValueError("only approved records are published")
    phrase = publication_phrase(record)
    count = 0
    with transaction.atomic():
        for value in record.values.select_related("definition"):
            published = case.figure_put(
                unit=record.unit,
                definition=value.definition,
                year=record.year,
                phrase=phrase,
                values={"value": value.value, "qualifier": value.qualifier, "source_article": None},
            )
            _link(value, published)
            count += 1
        for measure in record.measures.select_related("published").prefetch_related("practices"):
            values = {"summary": measure.summary}
            if measure.status == MeasureStatus.BEGUN:
                values["year_started"] = record.year
            public = case.measure_put(
                unit=record.unit, title=measure.title, values=values, previous=measure.published, owns=_from_a_record
            )
            if public is None:
                continue  # an editor's measure of the same title stays as the editor wrote it
            public.practices.set(measure.practices.all())
            _link(measure, public)
        for position in record.positions.select_related("published"):
            public = case.position_put(
                unit=record.unit,
                tier=position.tier,
                name=position.name,
                values={"kind": position.kind, "count": position.count, "area_m2": position.area_m2},
                previous=position.published,
                owns=_from_a_record,
            )
            if public is not None:
                _link(position, public)
    return count


def record_withdraw(*, record: AnnualRecord) -> int:
    """Remove the record's figures, measures and positions from the public case; returns how many figures."""
    ids = list(record.values.exclude(published=None).values_list("published_id", flat=True))
    deleted, _details = IndicatorValue.objects.filter(pk__in=ids).delete()
    for rows, model in ((record.measures, ReformMeasure), (record.positions, ServicePosition)):
        # One by one, so that the search index follows each delete.
        for public in model.objects.filter(pk__in=rows.exclude(published=None).values_list("published_id", flat=True)):
            public.delete()
    return deleted
