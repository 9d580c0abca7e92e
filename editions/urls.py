from django.urls import path

from . import version_views, views

app_name = "editions"

urlpatterns = [
    path("", views.edition_list, name="list"),
    path("add-results/", views.add_results, name="add-results"),
    path("<int:pk>/", views.edition_detail, name="detail"),
    path("<int:pk>/volumes/", views.volume_add, name="volume-add"),
    path("<int:pk>/volumes/<int:volume_id>/sections/", views.section_add, name="section-add"),
    path("<int:pk>/volumes/<int:volume_id>/overview/", views.volume_overview, name="overview"),
    path("<int:pk>/volumes/<int:volume_id>/practices/<slug:code>/", views.practice_evidence, name="evidence"),
    path("<int:pk>/sections/<int:section_id>/articles/", views.articles_add, name="articles-add"),
    path("<int:pk>/entries/<int:entry_id>/", views.entry_change, name="entry"),
    path("<int:pk>/entries/undo/", views.entry_undo, name="entry-undo"),
    path("<int:pk>/preview/", views.edition_preview, name="preview"),
    path("<int:pk>/freeze/", views.edition_freeze, name="freeze"),
    path("<int:pk>/proofing/fix/", views.proofing_fix, name="proofing-fix"),
    path("<int:pk>/publish/", views.edition_publish, name="publish"),
    path("<int:pk>/versions/", version_views.version_list, name="versions"),
    path("<int:pk>/versions/exports.json", version_views.export_status, name="export-status"),
    path("<int:pk>/versions/<int:number>/", version_views.version_view, name="version"),
    path("<int:pk>/versions/<int:number>/download.<str:fmt>", version_views.version_download, name="download"),
]
