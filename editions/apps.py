from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editions"
    verbose_name = _("专刊编辑")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (declares its rights and pages in the accounts registry)
