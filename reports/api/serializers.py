"""The records API's shapes. Input is turned into ``RecordChanges`` for the services."""

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from pilots.models import IndicatorDefinition, PilotUnit, PositionKind, PositionTier, Practice
from pilots.validation import DecimalInput, IdInput, IntegerInput

from ..consistency import record_warnings
from ..limits import MAX_MEASURES, MAX_POSITIONS, MAX_SUMMARY_CHARS, MAX_TEXT_CHARS, MAX_VALUES, too_many
from ..models import FIRST_REPORTING_YEAR, LAST_REPORTING_YEAR, TEXT_FIELDS, AnnualRecord, MeasureStatus, PositionChange
from ..services.records import MeasureInput, PositionInput, RecordChanges, ValueInput
from ..values import parse_qualifier, parse_value


@extend_schema_serializer(component_name="RecordMeasureInput")
class MeasureSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=100)
    status = serializers.ChoiceField(choices=MeasureStatus.choices, default=MeasureStatus.BEGUN)
    summary = serializers.CharField(allow_blank=True, required=False, default="", max_length=MAX_SUMMARY_CHARS)
    practices = serializers.SlugRelatedField(
        slug_field="code", queryset=Practice.objects.all(), many=True, required=False, default=list
    )


@extend_schema_serializer(component_name="RecordPositionInput")
class PositionSerializer(serializers.Serializer):
    change = serializers.ChoiceField(choices=PositionChange.choices, default=PositionChange.ADDED)
    tier = serializers.ChoiceField(choices=PositionTier.choices)
    kind = serializers.ChoiceField(choices=PositionKind.choices)
    name = serializers.CharField(max_length=100)
    count = IntegerInput(min_value=1, default=1)
    area_m2 = DecimalInput(
        max_digits=10, decimal_places=1, min_value=Decimal("0.1"), required=False, allow_null=True, default=None
    )


def parse_values(rows) -> list[ValueInput]:
    """``[{"indicator", "value", "qualifier"}]`` → ValueInputs; errors keyed by indicator code."""
    if not isinstance(rows, list):
        raise serializers.ValidationError(_("应为列表。"))
    message = too_many(rows, MAX_VALUES, _("指标"))
    if message:
        raise serializers.ValidationError(message)
    definitions = {d.code: d for d in IndicatorDefinition.objects.all()}
    errors: dict[str, list[str]] = {}
    parsed, seen = [], set()
    for number, row in enumerate(rows, 1):
        code = row.get("indicator") if isinstance(row, dict) else None
        if not isinstance(code, str) or code not in definitions:
            errors.setdefault(str(code or f"#{number}"), []).append(
                _("第%(n)s项：未知的指标代码“%(code)s”。") % {"n": number, "code": code}
            )
            continue
        if code in seen:
            errors.setdefault(code, []).append(_("指标重复填写。"))
            continue
        seen.add(code)
        definition = definitions[code]
        try:
            value = parse_value(definition, row.get("value"))
            qualifier = parse_qualifier(definition, row.get("qualifier"))
        except DjangoValidationError as error:
            errors.setdefault(code, []).extend(error.messages)
            continue
        parsed.append(ValueInput(definition, value, qualifier))
    if errors:
        raise serializers.ValidationError(errors)
    return parsed


class RecordWriteSerializer(serializers.Serializer):
    """What POST and PATCH accept; ``to_changes`` gives the services their input."""

    unit = IdInput(queryset=PilotUnit.objects.all(), required=False)
    year = IntegerInput(min_value=FIRST_REPORTING_YEAR, max_value=LAST_REPORTING_YEAR, required=False)
    version = IntegerInput(min_value=1, required=False)
    values = serializers.JSONField(required=False)
    # The list's length is checked before any item is (ListSerializer's max_length).
    measures = MeasureSerializer(many=True, required=False, max_length=MAX_MEASURES)
    positions = PositionSerializer(many=True, required=False, max_length=MAX_POSITIONS)
    highlights = serializers.CharField(allow_blank=True, required=False, max_length=MAX_TEXT_CHARS)
    problems = serializers.CharField(allow_blank=True, required=False, max_length=MAX_TEXT_CHARS)
    plans = serializers.CharField(allow_blank=True, required=False, max_length=MAX_TEXT_CHARS)
    warning_notes = serializers.CharField(allow_blank=True, required=False, max_length=MAX_TEXT_CHARS)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            # Only units the account may know of resolve; any other id answers "does not exist".
            self.fields["unit"].queryset = units

    def validate_values(self, rows):
        return parse_values(rows)

    def validate(self, attrs):
        creating = self.instance is None
        if creating:
            missing = {name: [_("新建报告时必须填写。")] for name in ("unit", "year") if name not in attrs}
            if missing:
                raise serializers.ValidationError(missing)
        else:
            if "version" not in attrs:
                raise serializers.ValidationError({"version": [_("修改报告时必须带上 version（当前版本号）。")]})
            fixed = {name: [_("单位和年度不能修改。")] for name in ("unit", "year") if name in attrs}
            if fixed:
                raise serializers.ValidationError(fixed)
        return attrs

    def to_changes(self) -> RecordChanges:
        data = self.validated_data
        return RecordChanges(
            values=data.get("values"),
            measures=[MeasureInput(**m) for m in data["measures"]] if "measures" in data else None,
            positions=[PositionInput(**p) for p in data["positions"]] if "positions" in data else None,
            texts={name: data[name] for name in TEXT_FIELDS if name in data},
        )


class RecordSerializer(serializers.ModelSerializer):
    """A record as the API shows it, with its values, lists, files, history of steps and warnings."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    values = serializers.SerializerMethodField()
    measures = serializers.SerializerMethodField()
    positions = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = AnnualRecord
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "status",
            "status_display",
            "version",
            "values",
            "measures",
            "positions",
            "highlights",
            "problems",
            "plans",
            "warning_notes",
            "attachments",
            "transitions",
            "warnings",
            "created_at",
            "updated_at",
            "submitted_at",
            "approved_at",
        ]

    def get_values(self, obj) -> list[dict]:
        return [
            {
                "indicator": v.definition.code,
                "name": v.definition.name,
                "value": float(v.value),
                "unit": v.definition.unit_label,
                "qualifier": v.qualifier,
            }
            for v in obj.values.all()
        ]

    def get_measures(self, obj) -> list[dict]:
        return [
            {
                "title": m.title,
                "status": m.status,
                "summary": m.summary,
                "practices": sorted(p.code for p in m.practices.all()),
            }
            for m in obj.measures.all()
        ]

    def get_positions(self, obj) -> list[dict]:
        return [
            {
                "change": p.change,
                "tier": p.tier,
                "kind": p.kind,
                "name": p.name,
                "count": p.count,
                "area_m2": None if p.area_m2 is None else float(p.area_m2),
            }
            for p in obj.positions.all()
        ]

    def get_attachments(self, obj) -> list[dict]:
        return [
            {
                "id": a.pk,
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "url": reverse("reports:attachment", args=[obj.pk, a.pk]),
            }
            for a in obj.attachments.all()
        ]

    def get_transitions(self, obj) -> list[dict]:
        return [
            {
                "action": t.action,
                "from": t.from_status,
                "to": t.to_status,
                "actor": t.actor.get_username(),
                "at": t.at.isoformat(),
                "comment": t.comment,
                "field_comments": {c.field: c.comment for c in t.field_comments.all()},
            }
            for t in obj.transitions.all()
        ]

    def get_warnings(self, obj) -> list[dict]:
        return [{"field": w.field, "message": w.message} for w in record_warnings(obj)]


class RecordListSerializer(RecordSerializer):
    """The list leaves out the consistency warnings: they compare with last year, one query per record."""

    class Meta(RecordSerializer.Meta):
        fields = [name for name in RecordSerializer.Meta.fields if name != "warnings"]
