"""``/api/dashboards/<panel>/``: one JSON endpoint per panel, ``?format=csv`` for the panel's table.

The public panels take the library's unit filters (``PilotUnitFilter``) and count published data
only; the reporting panel answers like the reporting-rate page (``reports.permissions``).
"""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.throttling import ThrottledTokenAuthentication
from library.api.renderers import ExportMixin
from library.filters import PilotUnitFilter
from pilots import selectors as pilot_selectors

from . import indicators, panels, tables

# --- response shapes (for the OpenAPI schema) -------------------------------------------------------


class RegionCountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()
    count = serializers.IntegerField()


class CountyCountSerializer(RegionCountSerializer):
    level = serializers.CharField()
    city = serializers.CharField()


class MapSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="筛选后的单位数")
    cities = RegionCountSerializer(many=True)
    counties = CountyCountSerializer(many=True, help_text="2018 年的县级行政区（含 0）及有单位的其他县级区域")


class ValueCountSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="筛选参数的取值")
    label = serializers.CharField()
    count = serializers.IntegerField()


class CityKindCountSerializer(serializers.Serializer):
    city = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    count = serializers.IntegerField()


class PilotsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_city = ValueCountSerializer(many=True)
    by_kind = ValueCountSerializer(many=True)
    by_pilot_level = ValueCountSerializer(many=True)
    by_year = ValueCountSerializer(many=True)
    by_city_kind = CityKindCountSerializer(many=True)


class PracticeShareSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField(help_text="筛选后的单位中采用该做法的单位数")
    share = serializers.FloatField(help_text="count / total")
    percent = serializers.IntegerField(help_text="share 的整数百分比")


class AreaSharesSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    practices = PracticeShareSerializer(many=True)


class YearPracticeSerializer(serializers.Serializer):
    code = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.IntegerField()


class YearAdoptionSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = serializers.IntegerField(help_text="该年度的单位数")
    practices = YearPracticeSerializer(many=True, help_text="有采用单位的做法")


class PracticesSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="筛选后的单位数")
    areas = AreaSharesSerializer(many=True)
    by_designated_year = YearAdoptionSerializer(
        many=True, help_text="按确定为试点年份：该年确定的单位中采用各做法的单位数"
    )
    by_reporting_year = YearAdoptionSerializer(
        many=True, help_text="按报送年度：有已通过年度报告的单位中，报告举措标注各做法的单位数"
    )


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SourceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(["record", "article", "import"])
    label = serializers.CharField()
    record = serializers.IntegerField(allow_null=True)
    article = serializers.IntegerField(allow_null=True)


class IndicatorValueRowSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    kind = serializers.CharField(help_text="单位类型（如 street_federation）")
    kind_label = serializers.CharField()
    city = serializers.CharField()
    year = serializers.IntegerField()
    value = serializers.FloatField()
    qualifier = serializers.CharField(help_text="exact、at_least（以上）、about、nearly、more_than")
    qualifier_display = serializers.CharField()
    open_range = serializers.BooleanField(help_text="以上/余：开区间（≥ value）")
    display = serializers.CharField(help_text="带限定词的数值，如“95%以上”“19,000余人”")
    phrase = serializers.CharField()
    source = SourceSerializer()
    counted = serializers.BooleanField(help_text="是否计入汇总（同一单位同一年度优先采用年度报告）")


class ChangeSerializer(serializers.Serializer):
    from_year = serializers.IntegerField()
    sum = serializers.FloatField()
    median = serializers.FloatField()
    sum_percent = serializers.FloatField(allow_null=True)


class KindValuesSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    units = serializers.IntegerField()
    values = serializers.IntegerField(help_text="计入汇总的数值个数（每单位每年一个）")


class KindRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class GroupSerializer(serializers.Serializer):
    n = serializers.IntegerField()
    sum = serializers.FloatField()
    median = serializers.FloatField()
    q1 = serializers.FloatField()
    q3 = serializers.FloatField()
    min = serializers.FloatField()
    max = serializers.FloatField()
    qualified = serializers.IntegerField(help_text="其中带限定词（以上、左右、近、余）的数值个数")
    sum_display = serializers.CharField(help_text="合计，按阅读习惯书写（如“953,176人”）")
    median_display = serializers.CharField()
    kind = serializers.CharField(help_text="本行统计的单位类型：不同类型（如市总工会本级与其下街道）从不合计")
    kind_label = serializers.CharField()
    change = ChangeSerializer(allow_null=True, help_text="与上一年度相比（上一年度无数值时为空）")


class CityYearSerializer(GroupSerializer):
    city = serializers.CharField()
    year = serializers.IntegerField()


class YearSerializer(GroupSerializer):
    year = serializers.IntegerField()


class IndicatorBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    value_type = serializers.CharField()


class IndicatorsSerializer(serializers.Serializer):
    indicator = IndicatorBriefSerializer()
    kind = KindRefSerializer(help_text="本面板统计的单位类型（indicator_kind，默认数值最多的类型）")
    kinds = KindValuesSerializer(many=True, help_text="有该指标数值的各单位类型")
    units = serializers.IntegerField(help_text="该类型中有该指标数值的单位数")
    values_count = serializers.IntegerField(help_text="该类型的已发布数值个数")
    years = serializers.ListField(child=serializers.IntegerField(), help_text="有数值的年度")
    values = IndicatorValueRowSerializer(
        many=True, help_text=f"每个单位每年的数值（至多 {indicators.INDICATOR_ROWS_LIMIT} 行）"
    )
    by_city = CityYearSerializer(many=True)
    by_year = YearSerializer(many=True)


class RateCountsSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    overdue = serializers.IntegerField()
    rate = serializers.IntegerField()


class RateRowSerializer(RateCountsSerializer):
    region = UnitRefSerializer(allow_null=True)
    unit = UnitRefSerializer(allow_null=True)
    label = serializers.CharField()


class ReportingSerializer(serializers.Serializer):
    region = UnitRefSerializer()
    year = serializers.IntegerField()
    deadline = serializers.DateField(allow_null=True)
    total = RateCountsSerializer()
    rows = RateRowSerializer(many=True)


class CompareShareSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="采用该做法的单位数")
    total = serializers.IntegerField(help_text="该侧统计的单位数")
    percent = serializers.IntegerField()
    display = serializers.CharField(help_text="页面上的写法，如“52%（12/23）”")


class ComparePracticeRowSerializer(serializers.Serializer):
    area = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text="统计的单位类型（多个以逗号分隔；未选类型时为街道总工会）")
    kind_label = serializers.CharField()
    first = CompareShareSerializer()
    second = CompareShareSerializer()
    difference = serializers.IntegerField(help_text="second − first，百分点")
    difference_display = serializers.CharField(help_text="如“+12”“-100”")


class CompareGroupSerializer(serializers.Serializer):
    n = serializers.IntegerField()
    sum = serializers.FloatField()
    median = serializers.FloatField()
    sum_display = serializers.CharField()
    median_display = serializers.CharField()
    display = serializers.CharField(help_text="页面上的写法，如“3 家，中位数 1,200人”")


class CompareDifferenceSerializer(serializers.Serializer):
    sum = serializers.FloatField()
    median = serializers.FloatField()
    sum_display = serializers.CharField()
    median_display = serializers.CharField()


class CompareIndicatorRowSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, help_text="两地对比：年度")
    city = serializers.CharField(required=False, help_text="两年对比：地级市")
    kind = serializers.CharField(help_text="本行统计的单位类型（指标面板的类型）")
    kind_label = serializers.CharField()
    first = CompareGroupSerializer(allow_null=True)
    second = CompareGroupSerializer(allow_null=True)
    difference = CompareDifferenceSerializer(allow_null=True, help_text="second − first（两侧都有数值时）")
    difference_display = serializers.CharField(help_text="中位数之差，无则“—”")


class CompareSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(["regions", "years"])
    first = serializers.JSONField(
        allow_null=True, help_text="两地对比：筛选的地方（县、市或浙江省）；两年对比：所选年度（整数，无数值时为空）"
    )
    second = serializers.JSONField(help_text="两地对比：compare_city；两年对比：compare_year（整数）")
    kind = KindRefSerializer(help_text="指标一侧统计的单位类型")
    practice_kind = KindRefSerializer(required=False, help_text="两地对比：做法一侧统计的单位类型")
    indicator = IndicatorBriefSerializer()
    practices = ComparePracticeRowSerializer(many=True, required=False, help_text="两地对比：各做法的采用比例")
    indicator_years = CompareIndicatorRowSerializer(many=True, required=False, help_text="两地对比：指标各年度")
    indicator_cities = CompareIndicatorRowSerializer(many=True, required=False, help_text="两年对比：指标各地级市")


FORMAT = OpenApiParameter(
    "format", OpenApiTypes.STR, enum=["json", "csv", "xlsx"], description="csv：该面板的表格（UTF-8 BOM）"
)


class PublicPanelView(APIView):
    """A public panel: anyone may read it; it counts published units only, the library's filters applied
    by the panel itself (``panels.units``: ``unit_sets.unit_filter`` over the public units)."""

    permission_classes = [AllowAny]
    # Declared so that the OpenAPI schema lists the library's filters as query parameters; the
    # panels apply them themselves (unit_sets.unit_filter) to the public units.
    filterset_class = PilotUnitFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        return pilot_selectors.public_units()


class PanelView(ExportMixin, PublicPanelView):
    def answer(self, data: dict, table):
        return self.export_response(table(data)) if self.is_export() else Response(data)


@extend_schema(parameters=[FORMAT], responses=MapSerializer, filters=True)
class MapPanel(PanelView):
    """Units per city and per county-level division (2018 divisions), for the map."""

    def get(self, request):
        return self.answer(panels.map_panel(request.query_params), tables.map_table)


@extend_schema(parameters=[FORMAT], responses=PilotsSerializer, filters=True)
class PilotsPanel(PanelView):
    """Units by city, kind, pilot level and year designated."""

    def get(self, request):
        return self.answer(panels.pilots_panel(request.query_params), tables.pilot_table)


@extend_schema(parameters=[FORMAT], responses=PracticesSerializer, filters=True)
class PracticesPanel(PanelView):
    """Share of the units that adopted each practice (``pilots.statistics.practice_adoption``).

    Without ``kind`` the set is the street federations, as the overview counts them.
    """

    def get(self, request):
        return self.answer(panels.practices_panel(request.query_params), tables.practice_table)


@extend_schema(
    parameters=[
        OpenApiParameter("indicator", OpenApiTypes.STR, required=True, description="指标代码（/api/indicators/）"),
        OpenApiParameter(
            "indicator_kind",
            OpenApiTypes.STR,
            description="统计的单位类型（如 city_federation、street_federation）；默认数值最多的类型",
        ),
        OpenApiParameter(
            "table", OpenApiTypes.STR, enum=["values", "cities"], description="CSV 的表：逐单位数值或分市汇总"
        ),
        FORMAT,
    ],
    responses=IndicatorsSerializer,
    filters=True,
)
class IndicatorsPanel(PanelView):
    """One indicator: per unit and year (value, qualifier, source); per city and year and per year (n, sum, median)."""

    def get(self, request):
        params = request.query_params
        if self.is_export():
            data = panels.indicators_panel(params, every_row=True)
            cities = params.get("table") == "cities"
            return self.export_response((tables.indicator_city_table if cities else tables.indicator_table)(data))
        return Response(panels.indicators_panel(params))


@extend_schema(
    parameters=[
        OpenApiParameter("year", OpenApiTypes.INT, description="报送年度（默认最近一年）"),
        OpenApiParameter("region", OpenApiTypes.INT, description="区域编号（默认账号可查看的最高区域）"),
        FORMAT,
    ],
    responses=ReportingSerializer,
    filters=True,
)
class ReportingPanel(ExportMixin, APIView):
    """Expected, submitted, approved and overdue units per region for a year: reviewers and staff only.

    Scoped like the reporting-rate page: without the right 403, a region outside the account's scope 404.
    Then the library's filters narrow the units (a city or county filter within the scope becomes the
    region whose rows are shown).
    """

    filterset_class = PilotUnitFilter
    filter_backends = [DjangoFilterBackend]
    authentication_classes = [ThrottledTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return pilot_selectors.public_units()

    def get(self, request):
        data = panels.reporting_panel(request.user, request.query_params)
        return self.export_response(tables.reporting_table(data)) if self.is_export() else Response(data)


@extend_schema(
    parameters=[
        OpenApiParameter("compare_city", OpenApiTypes.STR, description="对比的地级市（与筛选的地方并列）"),
        OpenApiParameter("compare_year", OpenApiTypes.INT, description="对比年度（与 year 并列，逐地级市）"),
        OpenApiParameter("indicator", OpenApiTypes.STR, description="指标代码（默认 members）"),
        OpenApiParameter("indicator_kind", OpenApiTypes.STR, description="指标统计的单位类型；默认数值最多的类型"),
        OpenApiParameter("year", OpenApiTypes.INT, description="两年对比的第一年（默认有数值的最近一年）"),
        FORMAT,
    ],
    responses=CompareSerializer,
    filters=True,
)
class ComparePanel(PanelView):
    """Two regions (``compare_city`` beside the filtered place) or two years (``compare_year`` beside
    ``year``) side by side on the practice and indicator panels, with the differences.

    The same public units and filters as the other panels (each side is the practice and indicator
    panels' own answer); one of ``compare_city`` / ``compare_year`` is required.
    """

    def get(self, request):
        return self.answer(panels.compare_request(request.query_params), tables.compare_table)
