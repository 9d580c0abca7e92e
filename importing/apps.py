from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportingConfig(AppConfig):
    """The text importer: compilation and newspaper texts in, draft case records and proposals out."""

    name = "importing"
    verbose_name = _("文本导入")
