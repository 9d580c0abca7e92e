from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row: a token that changes on every write to the data the panels count (see ``dashboards.cache``).

    The panels' answers are cached under it; a new token makes every cached answer unreachable.
    """

    token = models.CharField(_("数据版本"), max_length=32)
    changed_at = models.DateTimeField(_("变更时间"), auto_now=True)

    class Meta:
        verbose_name = _("统计数据版本")
        verbose_name_plural = _("统计数据版本")

    def __str__(self) -> str:
        return self.token
