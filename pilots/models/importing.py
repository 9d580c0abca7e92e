from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import Article


class ReviewStatus(models.TextChoices):
    """Where an imported piece or one thing read from it stands in the editor's review."""

    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已接受")
    REJECTED = "rejected", _("已驳回")
    PUBLISHED = "published", _("已发布")


class ImportRun(models.Model):
    """One source file as the importer last read it: the pieces found in it await review.

    ``source_text`` is the decoded text, so the review screen shows each piece's source lines
    beside what was read from them. Re-importing the same file name updates the same run.
    """

    source_file = models.CharField(_("来源文件"), max_length=200, unique=True)
    source_sha256 = models.CharField(_("来源文件SHA-256"), max_length=64)
    source_text = models.TextField(_("来源文本"), blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("导入人"),
    )
    created_at = models.DateTimeField(_("首次导入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("最近导入时间"), auto_now=True)
    published_at = models.DateTimeField(_("最近发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发布人"),
    )

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.source_file

    def source_lines(self, start: int | None, end: int | None) -> list[tuple[int, str]]:
        """Numbered source lines of a span (1-based, inclusive)."""
        if start is None:
            return []
        lines = self.source_text.splitlines()
        end = min(end or start, len(lines))
        return [(number, lines[number - 1]) for number in range(max(start, 1), end + 1)]


class ImportRecord(models.Model):
    """What the importer last wrote for one article, so a later import can respect editors' changes.

    ``values`` holds the article fields as imported (and the unit read, with its places). On
    re-import a field whose stored value still equals the imported one is updated from the new
    text; a field an editor changed is kept when the new text says the same as before, and
    reported as overwritten when the text changed it too. ``indicator_ids`` are the figures a
    published import of this article created, removed again when a corrected text no longer
    states them. ``status`` is the editor's decision on the piece; what was read from it waits
    as :class:`Proposal` rows until the piece is published.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="import_record", verbose_name=_("文章")
    )
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("导入批次"),
    )
    status = models.CharField(_("审核状态"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    source_sha256 = models.CharField(_("来源文件SHA-256"), max_length=64)
    values = models.JSONField(_("导入时的字段值"), default=dict, blank=True)
    indicator_ids = models.JSONField(_("导入的指标值"), default=list, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now=True)

    class Meta:
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")
        ordering = ["run", "article__start_line", "id"]

    def __str__(self) -> str:
        return f"{self.article}（{self.imported_at:%Y-%m-%d %H:%M}）"


class ProposalKind(models.TextChoices):
    FIGURE = "figure", _("数字")
    MEASURE = "measure", _("改革举措")
    PRACTICE = "practice", _("做法")
    POSITION = "position", _("服务阵地")


class Proposal(models.Model):
    """One thing read from a draft article, held until an editor accepts it and publishes.

    A figure, the measure the article evidences, a practice of that measure or a service position:
    nothing here is a row on a unit, so nothing here is public. Publishing an import applies the
    accepted proposals (``pilots.services.imports.publish_import``). ``key`` identifies the
    proposal across re-imports; ``conflict`` says how a re-import's text differs from a value an
    editor already accepted (which it never overwrites).
    """

    record = models.ForeignKey(
        ImportRecord, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("导入记录")
    )
    kind = models.CharField(_("类别"), max_length=12, choices=ProposalKind.choices)
    key = models.CharField(_("标识"), max_length=120)
    value = models.JSONField(_("内容"), default=dict)
    line = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    status = models.CharField(_("审核状态"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    conflict = models.CharField(_("与新文本的冲突"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("待审内容")
        verbose_name_plural = _("待审内容")
        ordering = ["record", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["record", "kind", "key"], name="proposal_unique_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.label}"

    @property
    def label(self) -> str:
        value = self.value or {}
        if self.kind == ProposalKind.FIGURE:
            return f"{value.get('indicator_name', '')} {value.get('display', '')}".strip()
        if self.kind == ProposalKind.POSITION:
            return f"{value.get('name', '')}×{value.get('count', '')}"
        return str(value.get("title") or value.get("name") or self.key)
