from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("年度报送")

    def ready(self) -> None:
        from . import reminders  # noqa: F401  (the notice shown on login)
