from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="library-cases"),
    path("cases/<int:pk>/", views.case_detail, name="library-case"),
    path("articles/<int:pk>/", views.article_detail, name="library-article"),
]
