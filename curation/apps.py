from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurationConfig(AppConfig):
    """Editors' review of imported texts: what was read, beside its source lines, before it is published."""

    name = "curation"
    verbose_name = _("导入审核")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (declares its rights and pages in the accounts registry)
