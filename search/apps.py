from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("全文检索")

    def ready(self) -> None:
        # jieba's dictionary is loaded on first use (search.segment), not here: most processes
        # never segment. The web server loads it before forking (portal/wsgi.py).
        from . import signals

        signals.connect()
