from django.urls import path, re_path

from . import views

app_name = "reports"

urlpatterns = [
    path("records/", views.record_list, name="record-list"),
    path("records/new/", views.record_new, name="record-new"),
    path("records/template/", views.sheet_template, name="sheet-template"),
    path("records/upload/", views.sheet_upload, name="sheet-upload"),
    path("records/<int:pk>/", views.record_detail, name="record-detail"),
    path("records/<int:pk>/edit/", views.record_edit, name="record-edit"),
    re_path(
        r"^records/(?P<pk>[0-9]+)/(?P<step>submit|approve|return|reopen)/$",
        views.record_transition,
        name="record-transition",
    ),
    re_path(
        r"^records/(?P<pk>[0-9]+)/(?P<step>submit|approve|return|reopen|delete)/confirm/$",
        views.record_confirm,
        name="record-confirm",
    ),
    path("records/<int:pk>/delete/", views.record_delete, name="record-delete"),
    path("records/<int:pk>/attachments/", views.attachment_upload, name="attachment-upload"),
    path("records/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path(
        "records/<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment-delete",
    ),
    path("review/", views.review_queue, name="review-queue"),
    path("reporting-rate/", views.reporting_rate, name="reporting-rate"),
]
