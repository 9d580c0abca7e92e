from django.apps import AppConfig
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_indicator_names(**kwargs):
    from .templatetags.reports_tags import INDICATOR_NAMES_KEY

    cache.delete(INDICATOR_NAMES_KEY)


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("年度报送")

    def ready(self) -> None:
        from pilots.models import IndicatorDefinition

        from . import permissions, reminders  # noqa: F401  (rights and pages declared; the notice shown on login)

        for signal in (post_save, post_delete):
            signal.connect(_forget_indicator_names, sender=IndicatorDefinition, dispatch_uid=f"reports-labels-{signal}")
