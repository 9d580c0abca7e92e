"""``/api/cases/``: ranked search over units with their articles, facets, ordering and exports."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.relations import PKOnlyObject
from rest_framework.response import Response

from library.exports import export_filename, unit_table
from library.filters import PilotUnitFilter
from library.results import ORDERING_VALUES, CaseSearch
from pilots import selectors
from pilots.models import PilotLevel, UnitKind
from pilots.selectors import public_indicator_values
from pilots.text import choice_label
from search.selectors import UnitMatch

from .renderers import ExportMixin
from .serializers import UnitListSerializer

EXPORT_LIMIT = 100_000


class CaseSerializer(UnitListSerializer):
    """A :class:`UnitMatch`: the unit's list fields, then its score and snippets."""

    kind_display = serializers.SerializerMethodField()
    pilot_level_display = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()
    snippets = serializers.SerializerMethodField()

    MATCH_FIELDS = ("score", "snippets")

    class Meta(UnitListSerializer.Meta):
        fields = [*UnitListSerializer.Meta.fields, "score", "snippets"]

    def to_representation(self, match: UnitMatch) -> dict:
        data = {}
        for field in self._readable_fields:
            # The unit's fields read the unit; score and snippets read the match.
            source = match if field.field_name in self.MATCH_FIELDS else match.unit
            attribute = field.get_attribute(source)
            empty = (attribute.pk if isinstance(attribute, PKOnlyObject) else attribute) is None
            data[field.field_name] = None if empty else field.to_representation(attribute)
        return data

    def get_kind_display(self, obj) -> str:
        return choice_label(UnitKind, obj.kind)

    def get_pilot_level_display(self, obj) -> str:
        return choice_label(PilotLevel, obj.pilot_level)

    def get_score(self, match: UnitMatch) -> float | None:
        return None if match.score is None else round(match.score, 6)

    def get_snippets(self, match: UnitMatch) -> list[str]:
        """Passages around the query's words, HTML-escaped, with the words in ``<mark>``."""
        return [str(snippet) for snippet in match.snippets]


FacetSerializer = inline_serializer(
    "Facet",
    {
        "param": serializers.CharField(),
        "label": serializers.CharField(),
        "multiple": serializers.BooleanField(),
        "values": inline_serializer(
            "FacetValue",
            {
                "value": serializers.CharField(),
                "label": serializers.CharField(),
                "count": serializers.IntegerField(),
                "selected": serializers.BooleanField(),
            },
            many=True,
        ),
    },
    many=True,
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "ordering",
                OpenApiTypes.STR,
                enum=ORDERING_VALUES,
                description="relevance（有检索词时默认）、name、city",
            ),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["csv", "xlsx", "json"], description="导出整个筛选结果"),
            OpenApiParameter(
                "relevance", OpenApiTypes.STR, enum=["1"], description="导出时附上相关度一列（有检索词时）"
            ),
        ]
    )
)
class CaseViewSet(ExportMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Published units found by ``q`` (ranked, with highlighted snippets) and filtered by the facets."""

    permission_classes = [AllowAny]  # public: published units only
    serializer_class = CaseSerializer
    filterset_class = PilotUnitFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        return selectors.public_units()

    def search(self, *, ordered: bool = True) -> CaseSearch:
        queryset = self.get_queryset()
        if self.is_export():
            queryset = queryset.prefetch_related(
                "measures__practices", Prefetch("indicator_values", queryset=public_indicator_values())
            )
        search = CaseSearch(self.request.query_params, queryset=queryset, request=self.request)
        if not ordered:  # facets are counts: the ordering asked for the list does not matter
            search.errors.pop("ordering", None)
        if search.errors:
            raise ValidationError(search.errors)
        return search

    def list(self, request, *args, **kwargs):
        search = self.search()
        if self.is_export():
            export_format = request.query_params["format"]
            table = unit_table(
                search.results[:EXPORT_LIMIT],
                # 试点案例-杭州市-街道总工会-2026-12-06.xlsx: the file says what it was narrowed to
                filename=export_filename(str(_("试点案例")), export_format, search.described()).rsplit(".", 1)[0],
                page_url=lambda unit: request.build_absolute_uri(reverse("library-case", args=[unit.pk])),
                # The relevance is a ranking's inner figure: exported only when asked (relevance=1).
                scored=search.searching and request.query_params.get("relevance") == "1",
            )
            return self.export_response(table)
        # The count and the page are remembered until the index changes (library.results.RememberedPages).
        page = self.paginate_queryset(search.results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses=FacetSerializer, filters=True)
    @action(detail=False, pagination_class=None)
    def facets(self, request, format=None):
        """Counts per facet value under the current query and the other filters."""
        return Response(self.search(ordered=False).facets())
