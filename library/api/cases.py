"""``/api/cases/``: ranked search over units with their articles, facets, ordering and exports."""

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from library.exports import render_json, unit_table
from library.facets import facet_counts
from library.filters import PilotUnitFilter
from pilots import selectors
from pilots.models import PilotLevel, UnitKind
from search.selectors import ORDERINGS, search_units

from .renderers import ExportMixin
from .serializers import UnitListSerializer

ORDERING_CHOICES = ["relevance", *ORDERINGS]
EXPORT_LIMIT = 100_000


class CaseSerializer(UnitListSerializer):
    kind_display = serializers.SerializerMethodField()
    pilot_level_display = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()
    snippets = serializers.SerializerMethodField()

    class Meta(UnitListSerializer.Meta):
        fields = [*UnitListSerializer.Meta.fields, "score", "snippets"]

    def _label(self, choices, value) -> str:
        # get_FOO_display() rebuilds the choices and translates on every call; a page of results
        # needs a handful of labels, translated once.
        labels = self.__dict__.setdefault("_labels", {})
        if (choices, value) not in labels:
            labels[choices, value] = str(dict(choices.choices).get(value, value))
        return labels[choices, value]

    def get_kind_display(self, obj) -> str:
        return self._label(UnitKind, obj.kind)

    def get_pilot_level_display(self, obj) -> str:
        return self._label(PilotLevel, obj.pilot_level)

    def get_score(self, obj) -> float | None:
        match = getattr(obj, "match", None)
        return None if match is None or match.score is None else round(match.score, 6)

    def get_snippets(self, obj) -> list[str]:
        """Passages around the query's words, HTML-escaped, with the words in ``<mark>``."""
        match = getattr(obj, "match", None)
        return [str(snippet) for snippet in match.snippets] if match else []


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
                enum=ORDERING_CHOICES,
                description="relevance（有检索词时默认）、name、city",
            ),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["csv", "xlsx", "json"], description="导出整个筛选结果"),
        ]
    )
)
class CaseViewSet(ExportMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Published units found by ``q`` (ranked, with highlighted snippets) and filtered by the facets."""

    serializer_class = CaseSerializer
    filterset_class = PilotUnitFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        return selectors.public_units()

    def ordering(self, searching: bool) -> str:
        ordering = self.request.query_params.get("ordering") or ("relevance" if searching else "name")
        if ordering not in ORDERING_CHOICES:
            choices = "、".join(ORDERING_CHOICES)
            raise ValidationError({"ordering": [_("排序方式应为 %(choices)s 之一。") % {"choices": choices}]})
        # Without a query there is nothing to rank by: relevance falls back to the name.
        return "name" if ordering == "relevance" and not searching else ordering

    def results(self):
        queryset = self.get_queryset()
        if self.is_export():
            queryset = queryset.prefetch_related("measures__practices")
        filterset = PilotUnitFilter(self.request.query_params, queryset=queryset, request=self.request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        query = filterset.form.cleaned_data.get("q")
        ordering = self.ordering(query is not None)
        if query is None:
            return filterset.qs.order_by(*ORDERINGS[ordering])
        return search_units(filterset.qs_without_query, query, ordering=ordering, filtered=filterset.has_filters)

    def list(self, request, *args, **kwargs):
        results = self.results()
        if self.is_export():
            table = unit_table(results[:EXPORT_LIMIT])
            return Response(render_json(table) if request.query_params["format"] == "json" else table)
        page = self.paginate_queryset(results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses=FacetSerializer, filters=True)
    @action(detail=False, pagination_class=None)
    def facets(self, request):
        """Counts per facet value under the current query and the other filters."""
        filterset = PilotUnitFilter(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return Response(facet_counts(request.query_params, self.get_queryset()))
