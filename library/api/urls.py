from rest_framework.permissions import AllowAny
from rest_framework.routers import APIRootView, DefaultRouter

from . import cases, views


class PublicAPIRootView(APIRootView):
    """``/api/``: the list of the public endpoints."""

    permission_classes = [AllowAny]


class PublicRouter(DefaultRouter):
    APIRootView = PublicAPIRootView


router = PublicRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("regions", views.RegionViewSet, basename="region")
router.register("practices", views.PracticeViewSet, basename="practice")
router.register("practice-areas", views.PracticeAreaViewSet, basename="practice-area")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("cases", cases.CaseViewSet, basename="case")

urlpatterns = router.urls
