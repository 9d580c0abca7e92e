from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Summary dashboards: the province at a glance, every chart with its table, CSV and API."""

    name = "dashboards"
    verbose_name = _("统计概览")

    def ready(self):
        from . import cache

        cache.connect()
