"""An approved record's values in the unit's public series (pilots.IndicatorValue)."""

from django.db import transaction
from django.utils.translation import gettext as _

from pilots.models import IndicatorValue

from ..models import AnnualRecord, RecordStatus


def publication_phrase(record: AnnualRecord) -> str:
    # The series keeps one row per (unit, indicator, year, phrase): this phrase names the record.
    return _("%(year)s年度报告") % {"year": record.year}


def record_publish(*, record: AnnualRecord) -> int:
    """Create or update one IndicatorValue per value of the approved record; returns how many."""
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
            if value.published_id != published.pk:
                # The link is bookkeeping, not a change of the record: no history row for it.
                type(value).objects.filter(pk=value.pk).update(published=published)
            count += 1
    return count


def record_withdraw(*, record: AnnualRecord) -> int:
    """Remove the record's values from the public series; returns how many were removed."""
    ids = list(record.values.exclude(published=None).values_list("published_id", flat=True))
    deleted, _details = IndicatorValue.objects.filter(pk__in=ids).delete()
    return deleted
