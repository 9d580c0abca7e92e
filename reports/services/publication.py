"""An approved record in the unit's public case: its figures (pilots.IndicatorValue), its measures
(pilots.ReformMeasure) and its positions (pilots.ServicePosition), each naming the record.

Reopening the record withdraws all three until it is approved again. A measure or position that an
editor entered under the same name (from an article) is the editor's: the record does not overwrite
it, it is left as it stands.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from pilots.models import IndicatorValue, ReformMeasure, ServicePosition

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
    """Create or update the public rows of the approved record; returns how many figures were published."""
    if record.status != RecordStatus.APPROVED:
        raise ValueError("only approved records are published")
    phrase = publication_phrase(record)
    count = 0
    with transaction.atomic():
        for value in record.values.select_related("definition"):
            key = {"unit": record.unit, "definition": value.definition, "year": record.year, "phrase": phrase}
            published = IndicatorValue.objects.filter(**key).first() or IndicatorValue(**key)
            published.value, published.qualifier, published.source_article = value.value, value.qualifier, None
            published.full_clean()  # before writing: an invalid value must not reach the public series
            published.save()
            _link(value, published)
            count += 1
        for measure in record.measures.prefetch_related("practices"):
            public = measure.published or ReformMeasure.objects.filter(unit=record.unit, title=measure.title).first()
            if public is not None and public.pk != measure.published_id and not _from_a_record(public):
                continue  # an editor's measure of the same title stays as the editor wrote it
            public = public or ReformMeasure(unit=record.unit, title=measure.title)
            public.title, public.summary = measure.title, measure.summary
            if measure.status == MeasureStatus.BEGUN:
                public.year_started = record.year
            public.full_clean()
            public.save()
            public.practices.set(measure.practices.all())
            _link(measure, public)
        for position in record.positions.all():
            public = (
                position.published
                or ServicePosition.objects.filter(unit=record.unit, tier=position.tier, name=position.name).first()
            )
            if public is not None and public.pk != position.published_id and not _from_a_record(public):
                continue
            public = public or ServicePosition(unit=record.unit, tier=position.tier, name=position.name)
            public.kind, public.count, public.area_m2 = position.kind, position.count, position.area_m2
            public.full_clean()
            public.save()
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
