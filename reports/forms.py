"""Browser forms of the reporting workflow. The record form is generated from the indicator definitions."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from pilots.models import IndicatorDefinition, PilotUnit, PositionKind, PositionTier, Practice, Qualifier
from pilots.text import pinyin_key
from pilots.validation import BoundedIntegerField, DecimalField, IdChoiceField
from pilots.widgets import NameSelect

from .models import (
    FIRST_REPORTING_YEAR,
    LAST_REPORTING_YEAR,
    TEXT_FIELDS,
    AnnualRecord,
    MeasureStatus,
    PositionChange,
    current_reporting_year,
    latest_reportable_year,
)
from .services.records import MeasureInput, PositionInput, RecordChanges, ValueInput
from .values import display_number, parse_qualifier, parse_value

TEXT_WIDGET = forms.Textarea(attrs={"rows": 4})


def value_field_name(code: str) -> str:
    return f"value_{code}"


def qualifier_field_name(code: str) -> str:
    return f"qualifier_{code}"


def bounds_text(definition: IndicatorDefinition) -> str:
    low, high = definition.bounds
    unit = definition.local_unit_label.strip()
    if high is None:
        return f"≥ {display_number(low)} {unit}".rstrip()
    return f"{display_number(low)}–{display_number(high)} {unit}".rstrip()


@dataclass
class IndicatorGroup:
    """The record form's indicators of one practice area (a group that folds away)."""

    area: object
    rows: list
    filled: int
    has_error: bool

    @property
    def total(self) -> int:
        return len(self.rows)


class RecordForm(forms.Form):
    """The narrative fields and one value (with its qualifier) per standard indicator."""

    version = BoundedIntegerField(widget=forms.HiddenInput, required=False)
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
        # The qualifier is offered where the indicator takes one, and where a value saved before the
        # rule carries one (shown, so that it is corrected rather than dropped unseen).
        self.qualified = {d.code for d in self.definitions if d.allows_qualifier}
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
                if value.qualifier != Qualifier.EXACT:
                    self.qualified.add(value.definition.code)
        super().__init__(*args, **kwargs)
        for definition in self.definitions:
            self.fields[value_field_name(definition.code)] = forms.CharField(
                label=definition.local_name,
                required=False,
                help_text=bounds_text(definition),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            if definition.code in self.qualified:
                self.fields[qualifier_field_name(definition.code)] = forms.ChoiceField(
                    label=_("限定词"), choices=Qualifier.choices, initial=Qualifier.EXACT, required=False
                )

    def indicator_groups(self):
        """One IndicatorGroup per practice area, in the definitions' order: its rows (definition, value
        field, qualifier field), how many of its values are filled, whether one has an error."""
        groups: dict = {}
        for d in self.definitions:
            qualifier = self[qualifier_field_name(d.code)] if d.code in self.qualified else None
            groups.setdefault(d.area, []).append((d, self[value_field_name(d.code)], qualifier))
        result = []
        for area, rows in groups.items():
            filled = sum(1 for _d, value, _q in rows if str(value.value() or "").strip())
            has_error = any(value.errors or (qualifier and qualifier.errors) for _d, value, qualifier in rows)
            result.append(IndicatorGroup(area, rows, filled, has_error))
        return result

    def clean(self):
        data = super().clean()
        parsed = []
        for definition in self.definitions:
            name = value_field_name(definition.code)
            try:
                value = parse_value(definition, data.get(name))
                # Where the form offers no qualifier, one posted all the same is read (and refused), not ignored.
                key = qualifier_field_name(definition.code)
                qualifier = parse_qualifier(definition, data.get(key) if key in self.fields else self.data.get(key))
            except ValidationError as error:
                self.add_error(name, error)
                continue
            parsed.append(ValueInput(definition, value, qualifier))
        data["values"] = parsed
        return data


BLANK_CHOICE = [("", "—")]


def practice_choices() -> list:
    """The practices grouped by their area, for checkboxes under one heading per area."""
    groups: dict = {}
    for practice in Practice.objects.select_related("area"):
        groups.setdefault(practice.area, []).append((practice.code, practice.local_name))
    return [(area.local_name, choices) for area, choices in groups.items()]


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Django's checkbox list, markup for markup, written in Python: every measure row of the record
    form holds all the practices (about 50 checkboxes, four rows with the template row), and
    rendering each checkbox through its own template was most of the edit page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        widget_id = context["attrs"].get("id")
        out = [f'<div id="{escape(widget_id)}">' if widget_id else "<div>"]
        for group, options, _index in context["optgroups"]:
            if group:
                out.append(f"\n  <div><label>{escape(group)}</label>")
            for option in options:
                option_id = option["attrs"].get("id")
                checked = " checked" if option["attrs"].get("checked") else ""
                id_attr = f' id="{escape(option_id)}"' if option_id else ""
                for_attr = f' for="{escape(option_id)}"' if option_id else ""
                out.append(
                    f'<div>\n    <label{for_attr}><input type="checkbox" name="{escape(option["name"])}"'
                    f' value="{escape(option["value"])}"{id_attr}{checked}> {escape(option["label"])}</label></div>'
                )
            if group:
                out.append("\n  </div>")
        out.append("\n</div>")
        return mark_safe("".join(out))


class OptionalRowForm(forms.Form):
    """One row of a list the form may leave blank: a row nobody typed into is ignored, not an error.

    Browsers submit every row as rendered, the blank extra rows included, so "blank" is decided by
    what a person types (the text fields), never by the dropdowns' defaults. A row with some text
    must be complete.
    """

    typed_fields: tuple[str, ...] = ()
    required_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_permitted = True  # even for rows that were saved before and are now cleared
        self.use_required_attribute = False

    def is_blank(self) -> bool:
        if not self.is_bound:
            return True
        return not any((self.data.get(self.add_prefix(name)) or "").strip() for name in self.typed_fields)

    def has_changed(self) -> bool:
        # Django skips validating an empty-permitted form that "has not changed": blank means unchanged.
        return not self.is_blank()

    def clean(self):
        data = super().clean()
        if self.is_blank() or data.get("DELETE"):
            return data
        for name in self.required_fields:
            if name not in self.errors and not data.get(name):
                self.add_error(name, _("请填写%(field)s，或清空这一行。") % {"field": self.fields[name].label})
        return data


class MeasureForm(OptionalRowForm):
    typed_fields = ("title", "summary")
    required_fields = ("title", "status")

    title = forms.CharField(label=_("举措名称"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("进展"), choices=MeasureStatus.choices, required=False)
    practices = forms.MultipleChoiceField(
        label=_("做法"), required=False, widget=GroupedCheckboxes, choices=practice_choices
    )
    summary = forms.CharField(label=_("做法概述"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_practices(self):
        codes = self.cleaned_data.get("practices") or []
        found = {p.code: p for p in Practice.objects.filter(code__in=codes)}
        return [found[code] for code in codes if code in found]

    def is_blank(self) -> bool:
        # A ticked practice is typed input too.
        if not super().is_blank():
            return False
        getlist = getattr(self.data, "getlist", None)
        ticked = getlist(self.add_prefix("practices")) if getlist else self.data.get(self.add_prefix("practices"))
        return not ticked


class PositionForm(OptionalRowForm):
    typed_fields = ("name", "count", "area_m2")
    required_fields = ("tier", "kind", "name")

    change = forms.ChoiceField(label=_("变化"), choices=PositionChange.choices, required=False)
    tier = forms.ChoiceField(label=_("层级"), choices=BLANK_CHOICE + PositionTier.choices, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=BLANK_CHOICE + PositionKind.choices, required=False)
    name = forms.CharField(label=_("名称"), max_length=100, required=False)
    count = BoundedIntegerField(label=_("数量"), min_value=1, required=False, help_text=_("不填按 1 个计"))
    area_m2 = DecimalField(label=_("面积（平方米）"), max_digits=10, decimal_places=1, min_value=0.1, required=False)


MAX_ROWS = 50  # measures or positions of one record; more is not a year's report but a mistake
MeasureFormSet = forms.formset_factory(
    MeasureForm, extra=2, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
)
PositionFormSet = forms.formset_factory(
    PositionForm, extra=2, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
)


def _rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if not form.is_blank() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def record_changes(form: RecordForm, measures, positions) -> RecordChanges:
    data = form.cleaned_data
    return RecordChanges(
        values=data["values"],
        replace_values=True,
        measures=[
            MeasureInput(m["title"], m["status"] or MeasureStatus.BEGUN, m.get("summary", ""), m.get("practices") or [])
            for m in _rows(measures)
        ],
        positions=[
            PositionInput(
                p["tier"],
                p["kind"],
                p["name"],
                p.get("count") or 1,
                p.get("area_m2"),
                p["change"] or PositionChange.ADDED,
            )
            for p in _rows(positions)
        ],
        texts={name: data.get(name, "") for name in TEXT_FIELDS},
    )


def error_summary(form, measures, positions, loose: list[str]) -> list[dict]:
    """Every error of the record form as {"label", "message", "anchor"}, for the list at the top."""
    summary = [{"label": "", "message": message, "anchor": ""} for message in loose]
    for message in form.non_field_errors():
        summary.append({"label": "", "message": message, "anchor": ""})
    for name, messages in form.errors.items():
        if name == "__all__":
            continue
        bound = form[name]
        for message in messages:
            summary.append({"label": bound.label, "message": message, "anchor": bound.auto_id})
    for formset, what in ((measures, _("改革举措")), (positions, _("服务阵地"))):
        for message in formset.non_form_errors():
            summary.append({"label": what, "message": message, "anchor": f"{formset.prefix}-section"})
        for number, row in enumerate(formset.forms, 1):
            for name, messages in row.errors.items():
                if name == "__all__":
                    anchor, label = f"{formset.prefix}-section", f"{what} {number}"
                else:
                    anchor, label = row[name].auto_id, f"{what} {number} · {row[name].label}"
                for message in messages:
                    summary.append({"label": label, "message": message, "anchor": anchor})
    return summary


def measure_initial(record: AnnualRecord) -> list[dict]:
    return [
        {"title": m.title, "status": m.status, "summary": m.summary, "practices": [p.code for p in m.practices.all()]}
        for m in record.measures.all()
    ]


def position_initial(record: AnnualRecord) -> list[dict]:
    return [
        {"change": p.change, "tier": p.tier, "kind": p.kind, "name": p.name, "count": p.count, "area_m2": p.area_m2}
        for p in record.positions.all()
    ]


class NewRecordForm(forms.Form):
    unit = IdChoiceField(label=_("单位"), queryset=PilotUnit.objects.none(), widget=NameSelect)
    year = BoundedIntegerField(label=_("年度"), min_value=FIRST_REPORTING_YEAR, max_value=LAST_REPORTING_YEAR)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        else:
            # In pinyin order (临海市… before 三门县…), as people look names up.
            listed = sorted(units.only("pk", "name")[:2000], key=lambda unit: pinyin_key(unit.name))
            self.fields["unit"].choices = [("", "—")] + [(unit.pk, unit.name) for unit in listed]
        # Records are written early in a year about the year before; a year to come cannot be reported.
        self.fields["year"].initial = current_reporting_year()
        self.fields["year"].max_value = latest_reportable_year()
        self.fields["year"].widget.attrs.update(max=latest_reportable_year(), min=FIRST_REPORTING_YEAR)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > latest_reportable_year():
            raise ValidationError(
                _("不能填报未来的年度（%(year)s）：最晚可填 %(latest)s 年度。")
                % {"year": year, "latest": latest_reportable_year()}
            )
        return year


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("退回意见"), widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("重新打开的原因"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"), help_text=_("PDF、JPEG、PNG 或 DOCX"))


class SheetUploadForm(forms.Form):
    file = forms.FileField(label=_("填好的模板"), help_text=_("XLSX 或 CSV（UTF-8）"))
