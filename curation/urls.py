from django.urls import path

from . import views

app_name = "curation"

urlpatterns = [
    path("imports/", views.import_list, name="import-list"),
    path("imports/upload/", views.import_upload, name="import-upload"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("imports/<int:pk>/pieces/<int:record_pk>/", views.piece_update, name="piece-update"),
    path("imports/<int:pk>/publish/", views.import_publish, name="import-publish"),
]
