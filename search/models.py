from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """The searchable text of one published unit, with its articles, measures and positions.

    ``text`` is the original text (snippets are cut from it, never from the segmented form,
    which repeats sub-words); ``tokens`` is jieba's search-mode segmentation and ``chars`` the
    distinct Chinese characters, so that a one-character query finds a character even inside a
    longer word; ``pairs`` and ``quads`` the distinct pieces of two and of four characters of the
    text, indexed without positions, so that a phrase is found by its pieces (and its text). The
    engine-specific index (FTS5 tables on SQLite, generated ``tsvector`` columns with GIN indexes
    on PostgreSQL; migrations 0002, 0003, 0005 and 0006) follows this table by triggers or
    generated columns, so ordinary ORM writes keep it in step.
    """

    unit = models.OneToOneField(
        "pilots.PilotUnit",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("试点单位"),
    )
    text = models.TextField(_("原文"))
    tokens = models.TextField(_("分词"))
    chars = models.TextField(_("字表"))
    # The distinct pieces of two characters of the text, for phrases (see documents.phrase_fields).
    pairs = models.TextField(_("字对"), default="")
    # The distinct pieces of four characters, for phrases of four or more (see documents.phrase_runs).
    quads = models.TextField(_("四字组"), default="")
    updated_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")

    def __str__(self) -> str:
        return str(self.unit_id)


class IndexState(models.Model):
    """One row: when the index last changed. Answers computed over the index and the records it
    follows (similar pilots, facet counts) are remembered under this date (see search.remember)."""

    changed_at = models.DateTimeField(_("索引变更时间"), auto_now=True)

    class Meta:
        verbose_name = _("索引状态")
        verbose_name_plural = _("索引状态")

    def __str__(self) -> str:
        return self.changed_at.isoformat()
