"""Browser forms of the reporting workflow. The record form is generated from the indicator definitions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pilots.models import IndicatorDefinition, PilotUnit, PositionKind, PositionTier, Practice, Qualifier

from .models import FIRST_REPORTING_YEAR, LAST_REPORTING_YEAR, TEXT_FIELDS, AnnualRecord, MeasureStatus, PositionChange
from .services.records import MeasureInput, PositionInput, RecordChanges, ValueInput
from .values import display_number, parse_qualifier, parse_value

TEXT_WIDGET = forms.Textarea(attrs={"rows": 4})


def value_field_name(code: str) -> str:
    return f"value_{code}"


def qualifier_field_name(code: str) -> str:
    return f"qualifier_{code}"


def bounds_text(definition: IndicatorDefinition) -> str:
    low, high = definition.bounds
    if high is None:
        return f"≥ {display_number(low)} {definition.unit_label}"
    return f"{display_number(low)}–{display_number(high)} {definition.unit_label}"


class RecordForm(forms.Form):
    """The narrative fields and one value (with its qualifier) per standard indicator."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    highlights = forms.CharField(label=_("工作亮点"), widget=TEXT_WIDGET, required=False)
    problems = forms.CharField(label=_("存在问题"), widget=TEXT_WIDGET, required=False)
    plans = forms.CharField(label=_("下一年度计划"), widget=TEXT_WIDGET, required=False)
    warning_notes = forms.CharField(
        label=_("对提示的说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("对下方一致性提示的解释（如会员人数大幅变化的原因），审核人可见"),
    )

    def __init__(self, *args, record: AnnualRecord | None = None, **kwargs):
        self.definitions = list(IndicatorDefinition.objects.select_related("area"))
        initial = kwargs.setdefault("initial", {})
        if record is not None:
            initial.update(
                version=record.version,
                highlights=record.highlights,
                problems=record.problems,
                plans=record.plans,
                warning_notes=record.warning_notes,
            )
            for value in record.values.all():
                initial[value_field_name(value.definition.code)] = display_number(value.value)
                initial[qualifier_field_name(value.definition.code)] = value.qualifier
        super().__init__(*args, **kwargs)
        for definition in self.definitions:
            self.fields[value_field_name(definition.code)] = forms.CharField(
                label=definition.name,
                required=False,
                help_text=bounds_text(definition),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[qualifier_field_name(definition.code)] = forms.ChoiceField(
                label=_("限定词"), choices=Qualifier.choices, initial=Qualifier.EXACT, required=False
            )

    def indicator_groups(self):
        """[(area, [(definition, value field, qualifier field), ...]), ...] in the definitions' order."""
        groups: dict = {}
        for d in self.definitions:
            row = (d, self[value_field_name(d.code)], self[qualifier_field_name(d.code)])
            groups.setdefault(d.area, []).append(row)
        return list(groups.items())

    def clean(self):
        data = super().clean()
        parsed = []
        for definition in self.definitions:
            name = value_field_name(definition.code)
            try:
                value = parse_value(definition, data.get(name))
                qualifier = parse_qualifier(definition, data.get(qualifier_field_name(definition.code)))
            except ValidationError as error:
                self.add_error(name, error)
                continue
            parsed.append(ValueInput(definition, value, qualifier))
        data["values"] = parsed
        return data


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("举措名称"), max_length=100)
    status = forms.ChoiceField(label=_("进展"), choices=MeasureStatus.choices)
    practices = forms.ModelMultipleChoiceField(
        label=_("做法"), queryset=Practice.objects.select_related("area"), required=False
    )
    summary = forms.CharField(label=_("做法概述"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PositionForm(forms.Form):
    change = forms.ChoiceField(label=_("变化"), choices=PositionChange.choices)
    tier = forms.ChoiceField(label=_("层级"), choices=PositionTier.choices)
    kind = forms.ChoiceField(label=_("类型"), choices=PositionKind.choices)
    name = forms.CharField(label=_("名称"), max_length=100)
    count = forms.IntegerField(label=_("数量"), min_value=1, initial=1)
    area_m2 = forms.DecimalField(
        label=_("面积（平方米）"), max_digits=10, decimal_places=1, min_value=0.1, required=False
    )


MeasureFormSet = forms.formset_factory(MeasureForm, extra=2, can_delete=True)
PositionFormSet = forms.formset_factory(PositionForm, extra=2, can_delete=True)


def _rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def record_changes(form: RecordForm, measures, positions) -> RecordChanges:
    data = form.cleaned_data
    return RecordChanges(
        values=data["values"],
        replace_values=True,
        measures=[
            MeasureInput(m["title"], m["status"], m.get("summary", ""), list(m.get("practices") or []))
            for m in _rows(measures)
        ],
        positions=[
            PositionInput(p["tier"], p["kind"], p["name"], p["count"], p.get("area_m2"), p["change"])
            for p in _rows(positions)
        ],
        texts={name: data.get(name, "") for name in TEXT_FIELDS},
    )


def measure_initial(record: AnnualRecord) -> list[dict]:
    return [
        {"title": m.title, "status": m.status, "summary": m.summary, "practices": list(m.practices.all())}
        for m in record.measures.all()
    ]


def position_initial(record: AnnualRecord) -> list[dict]:
    return [
        {"change": p.change, "tier": p.tier, "kind": p.kind, "name": p.name, "count": p.count, "area_m2": p.area_m2}
        for p in record.positions.all()
    ]


class NewRecordForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=PilotUnit.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=FIRST_REPORTING_YEAR, max_value=LAST_REPORTING_YEAR)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("退回意见"), widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("重新打开的原因"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"), help_text=_("PDF、JPEG、PNG 或 DOCX"))


class SheetUploadForm(forms.Form):
    file = forms.FileField(label=_("填好的模板"), help_text=_("XLSX 或 CSV（UTF-8）"))
