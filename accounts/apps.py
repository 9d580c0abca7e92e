from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Who may do what: roles, memberships and scopes, the rights registry, login and account screens."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("账号与权限")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (its own rights and pages)

        _name_login_throttling_in_chinese()


# django-axes (login throttling) ships no Chinese: its admin section would read "Access attempts".
AXES_NAMES = {
    "AccessAttempt": (_("登录失败记录"), _("登录失败记录")),
    "AccessAttemptExpiration": (_("锁定到期时间"), _("锁定到期时间")),
    "AccessFailureLog": (_("登录失败日志"), _("登录失败日志")),
    "AccessLog": (_("登录日志"), _("登录日志")),
}


def _name_login_throttling_in_chinese() -> None:
    try:
        config = apps.get_app_config("axes")
    except LookupError:
        return
    config.verbose_name = _("登录限制")
    for model in config.get_models():
        if model.__name__ in AXES_NAMES:
            model._meta.verbose_name, model._meta.verbose_name_plural = AXES_NAMES[model.__name__]
