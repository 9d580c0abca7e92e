from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import Article


class ImportRecord(models.Model):
    """What the importer last wrote for one article, so a later import can respect editors' changes.

    ``values`` holds the article fields as imported. On re-import a field whose stored value
    still equals the imported one is updated from the new text; a field an editor changed is kept
    when the new text says the same as before, and reported as overwritten when the text changed
    it too. ``indicator_ids`` are the figures this article's import created, removed again when a
    corrected text no longer states them.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="import_record", verbose_name=_("文章")
    )
    source_sha256 = models.CharField(_("来源文件SHA-256"), max_length=64)
    values = models.JSONField(_("导入时的字段值"), default=dict, blank=True)
    indicator_ids = models.JSONField(_("导入的指标值"), default=list, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now=True)

    class Meta:
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")

    def __str__(self) -> str:
        return f"{self.article}（{self.imported_at:%Y-%m-%d %H:%M}）"
