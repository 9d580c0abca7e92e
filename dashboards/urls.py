from django.urls import path

from . import api, views

urlpatterns = [
    path("dashboards/", views.dashboard, name="dashboards"),
    path("dashboards/workbook/", views.dashboard_workbook, name="dashboards-workbook"),
]

api_urlpatterns = [
    path("map/", api.MapPanel.as_view(), name="dashboards-api-map"),
    path("pilots/", api.PilotsPanel.as_view(), name="dashboards-api-pilots"),
    path("practices/", api.PracticesPanel.as_view(), name="dashboards-api-practices"),
    path("indicators/", api.IndicatorsPanel.as_view(), name="dashboards-api-indicators"),
    path("reporting/", api.ReportingPanel.as_view(), name="dashboards-api-reporting"),
    path("compare/", api.ComparePanel.as_view(), name="dashboards-api-compare"),
]
