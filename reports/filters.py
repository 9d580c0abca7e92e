"""The one FilterSet of annual records, used by the review queue and the API list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from pilots.models import Region
from pilots.validation import IdFilter, IntegerFilter, ModelChoiceFilter

from .models import AnnualRecord, RecordStatus


class AnnualRecordFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=RecordStatus.choices, label=_("状态"))
    year = IntegerFilter(label=_("年度"))
    region = ModelChoiceFilter(
        queryset=Region.objects.exclude(level__in=["street", "township"]), method="filter_region", label=_("区域")
    )
    unit = IdFilter(field_name="unit_id", label=_("单位"))

    class Meta:
        model = AnnualRecord
        fields = ["status", "year", "region", "unit"]

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)
