from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_indicator_names(**kwargs):
    from .templatetags.reports_tags import indicator_names

    indicator_names.cache_clear()


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("年度报送")

    def ready(self) -> None:
        from pilots.models import IndicatorDefinition

        from . import reminders  # noqa: F401  (the notice shown on login)

        for signal in (post_save, post_delete):
            signal.connect(_forget_indicator_names, sender=IndicatorDefinition, dispatch_uid=f"reports-labels-{signal}")

        _name_login_throttling_in_chinese()


# django-axes (login throttling) ships no Chinese: its admin section would read "Access attempts".
AXES_NAMES = {
    "AccessAttempt": (_("登录失败记录"), _("登录失败记录")),
    "AccessAttemptExpiration": (_("锁定到期时间"), _("锁定到期时间")),
    "AccessFailureLog": (_("登录失败日志"), _("登录失败日志")),
    "AccessLog": (_("登录日志"), _("登录日志")),
}


def _name_login_throttling_in_chinese() -> None:
    from django.apps import apps

    try:
        config = apps.get_app_config("axes")
    except LookupError:
        return
    config.verbose_name = _("登录限制")
    for model in config.get_models():
        if model.__name__ in AXES_NAMES:
            model._meta.verbose_name, model._meta.verbose_name_plural = AXES_NAMES[model.__name__]
