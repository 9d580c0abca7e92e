from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The public case library: pages, the read-only API, facets and exports."""

    name = "library"
    verbose_name = _("案例库")
