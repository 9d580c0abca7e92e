from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("改革试点")

    def ready(self) -> None:
        from .db_statistics import analyse_after_migrate

        # sender=self: once per migrate, not once per app.
        post_migrate.connect(analyse_after_migrate, sender=self, dispatch_uid="pilots.analyse_after_migrate")
