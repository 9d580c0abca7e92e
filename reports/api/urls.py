from rest_framework.routers import SimpleRouter

from .views import RecordViewSet

router = SimpleRouter()
router.register("records", RecordViewSet, basename="record")

urlpatterns = router.urls
