from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("regions", views.RegionViewSet, basename="region")
router.register("practices", views.PracticeViewSet, basename="practice")
router.register("practice-areas", views.PracticeAreaViewSet, basename="practice-area")
router.register("indicators", views.IndicatorViewSet, basename="indicator")

urlpatterns = router.urls
