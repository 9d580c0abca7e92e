from rest_framework.routers import DefaultRouter

from . import cases, views

router = DefaultRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("regions", views.RegionViewSet, basename="region")
router.register("practices", views.PracticeViewSet, basename="practice")
router.register("practice-areas", views.PracticeAreaViewSet, basename="practice-area")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("cases", cases.CaseViewSet, basename="case")

urlpatterns = router.urls
