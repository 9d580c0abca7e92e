from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("全文检索")

    def ready(self) -> None:
        # jieba takes ~0.5 s and ~90 MB to load its dictionary: do it once per process, here, so
        # that gunicorn --preload shares it between workers and no request pays for it.
        from . import segment, signals

        segment.initialise()
        signals.connect()
