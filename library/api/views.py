from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from library.filters import PilotUnitFilter, RegionFilter
from pilots import selectors
from pilots.models import IndicatorDefinition, Practice, PracticeArea, Region
from reports.selectors import RECORD_SOURCES

from . import serializers


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Published pilot units; the detail carries measures, positions, figures and articles."""

    permission_classes = [AllowAny]  # public: published units only (pilots.selectors)
    filterset_class = PilotUnitFilter

    def get_queryset(self):
        if self.action == "retrieve":
            # A figure's source names the annual record it was published from (reports app).
            return selectors.public_unit_detail(value_related=RECORD_SOURCES["value_related"])
        return selectors.public_units()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.UnitDetailSerializer
        return serializers.UnitListSerializer


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]  # public: published articles only (pilots.selectors)
    serializer_class = serializers.ArticleSerializer

    def get_queryset(self):
        return selectors.public_articles()


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]  # public: the gazetteer
    queryset = Region.objects.select_related("successor")
    serializer_class = serializers.RegionSerializer
    filterset_class = RegionFilter


class PracticeViewSet(viewsets.ReadOnlyModelViewSet):
    """The practice taxonomy, looked up by code."""

    permission_classes = [AllowAny]  # public: the taxonomy
    queryset = Practice.objects.select_related("area")
    serializer_class = serializers.PracticeSerializer
    lookup_field = "code"
    pagination_class = None


class PracticeAreaViewSet(viewsets.ReadOnlyModelViewSet):
    """The five areas plus funding and online work, each with its practices' codes."""

    permission_classes = [AllowAny]  # public: the taxonomy
    queryset = PracticeArea.objects.prefetch_related("practices")
    serializer_class = serializers.PracticeAreaSerializer
    lookup_field = "code"
    pagination_class = None


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]  # public: the indicator definitions
    queryset = IndicatorDefinition.objects.select_related("area")
    serializer_class = serializers.IndicatorDefinitionSerializer
    lookup_field = "code"
    pagination_class = None
