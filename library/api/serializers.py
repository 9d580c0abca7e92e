from rest_framework import serializers

from pilots import selectors
from pilots.models import (
    Article,
    IndicatorDefinition,
    IndicatorValue,
    PilotUnit,
    Practice,
    PracticeArea,
    ReformMeasure,
    Region,
    ServicePosition,
)


class RegionSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    successor = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = [
            "id",
            "name",
            "full_name",
            "level",
            "level_display",
            "code",
            "parent",
            "successor",
            "established_year",
            "abolished_year",
        ]


class PracticeAreaBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = PracticeArea
        fields = ["code", "name", "name_en"]


class PracticeSerializer(serializers.ModelSerializer):
    area = PracticeAreaBriefSerializer(read_only=True)

    class Meta:
        model = Practice
        fields = ["code", "name", "name_en", "area"]


class PracticeAreaSerializer(PracticeAreaBriefSerializer):
    practices = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta(PracticeAreaBriefSerializer.Meta):
        fields = [*PracticeAreaBriefSerializer.Meta.fields, "practices"]


class IndicatorDefinitionSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = serializers.CharField(source="unit_label", read_only=True)
    min_value = serializers.SerializerMethodField()
    max_value = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorDefinition
        fields = [
            "code",
            "name",
            "value_type",
            "unit",
            "area",
            "min_value",
            "max_value",
            "description",
            "allows_qualifier",
        ]

    def get_min_value(self, obj) -> float | None:
        return float(obj.bounds[0])

    def get_max_value(self, obj) -> float | None:
        high = obj.bounds[1]
        return None if high is None else float(high)


class UnitListSerializer(serializers.ModelSerializer):
    """The list shape: enough to place a unit, no nested records."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    pilot_level_display = serializers.CharField(source="get_pilot_level_display", read_only=True)
    city = serializers.SerializerMethodField()
    county = serializers.SerializerMethodField()
    street = serializers.SerializerMethodField()
    parent = serializers.SerializerMethodField()

    class Meta:
        model = PilotUnit
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "kind_display",
            "city",
            "county",
            "street",
            "pilot_level",
            "pilot_level_display",
            "designated_year",
            "parent",
        ]

    def get_city(self, obj) -> str | None:
        return obj.city.name if obj.city else None

    def get_county(self, obj) -> str | None:
        return obj.county.name if obj.county else None

    def get_street(self, obj) -> str | None:
        return obj.street.name if obj.street else None

    def get_parent(self, obj) -> int | None:
        """The parent organisation's id when it is public (a draft parent is not revealed)."""
        parent = selectors.public_parent(obj)
        return parent.pk if parent else None


class MeasureSerializer(serializers.ModelSerializer):
    practices = PracticeSerializer(many=True, read_only=True)

    class Meta:
        model = ReformMeasure
        fields = ["id", "title", "label", "practices", "summary", "year_started"]


class PositionSerializer(serializers.ModelSerializer):
    tier_display = serializers.CharField(source="get_tier_display", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ServicePosition
        fields = [
            "id",
            "tier",
            "tier_display",
            "kind",
            "kind_display",
            "name",
            "count",
            "area_m2",
            "opening_hours",
            "facilities",
            "shared_with",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="definition.code", read_only=True)
    name = serializers.CharField(source="definition.name", read_only=True)
    unit = serializers.CharField(source="definition.unit_label", read_only=True)
    qualifier_display = serializers.CharField(source="get_qualifier_display", read_only=True)
    display = serializers.CharField(source="display_value", read_only=True)
    source = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "name",
            "year",
            "value",
            "unit",
            "qualifier",
            "qualifier_display",
            "display",
            "phrase",
            "source",
        ]

    def get_source(self, obj) -> dict:
        # A figure published from an approved annual record (reports app) names that record.
        record_value = getattr(obj, "record_value", None)
        return {
            "article": obj.source_article_id,
            "file": obj.source_file or None,
            "line": obj.source_line,
            "record": record_value.record_id if record_value else None,
        }


class ArticleBriefSerializer(serializers.ModelSerializer):
    column_display = serializers.CharField(source="get_column_display", read_only=True)

    class Meta:
        model = Article
        fields = ["id", "headline", "subheadline", "column", "column_display", "reporters", "publication"]


class ArticleSerializer(ArticleBriefSerializer):
    volume_display = serializers.CharField(source="get_volume_display", read_only=True)
    units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(ArticleBriefSerializer.Meta):
        fields = [
            *ArticleBriefSerializer.Meta.fields,
            "volume",
            "volume_display",
            "published_on",
            "summary",
            "body",
            "units",
            "source_file",
            "start_line",
            "end_line",
        ]


class UnitDetailSerializer(UnitListSerializer):
    region = RegionSerializer(read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)
    positions = PositionSerializer(many=True, read_only=True)
    indicator_values = IndicatorValueSerializer(many=True, read_only=True)
    articles = ArticleBriefSerializer(many=True, read_only=True)

    class Meta(UnitListSerializer.Meta):
        fields = [
            *UnitListSerializer.Meta.fields,
            "profile",
            "region",
            "measures",
            "positions",
            "indicator_values",
            "articles",
        ]
