from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .units import PilotUnit, PublicationStatus, public_names

ArticleStatus = PublicationStatus


class ArticleColumn(models.TextChoices):
    SPECIAL = "special", _("特别报道")
    FEATURE = "feature", _("重点报道")
    SKETCH = "sketch", _("速写")
    OVERVIEW = "overview", _("综述")
    NEWS = "news", _("新闻")


class Volume(models.TextChoices):
    TOWNSHIPS = "townships", _("乡镇振兴篇")
    STREETS = "streets", _("街道活力篇")
    NEW_FORMS = "new_forms", _("新业态探索篇")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def from_source(self, source_file: str, start_line: int):
        return self.filter(source_file=source_file, start_line=start_line)


class Article(models.Model):
    """A published piece about one or more units: a special report, feature, sketch or news.

    Provenance (source file, its sha256 and the line span) ties every article to the text it was
    taken from; an article stays a draft until an editor publishes it.
    """

    # Short sketches print only the unit's name, no headline: the title then falls back to it.
    headline = models.CharField(_("标题"), max_length=200, blank=True)
    subheadline = models.CharField(_("副标题"), max_length=200, blank=True)
    # A kicker printed before the headline and a colon ("嵊州市总工会：改革创新搭桥梁"): kept apart,
    # shown above the headline, so the headline is neither cut nor doubled.
    kicker = models.CharField(_("引题"), max_length=100, blank=True, help_text=_("标题前以冒号引出的单位名等"))
    column = models.CharField(_("栏目"), max_length=12, choices=ArticleColumn.choices)
    volume = models.CharField(_("分册"), max_length=12, choices=Volume.choices, blank=True)
    reporters = models.CharField(_("记者"), max_length=200, blank=True, help_text=_("多人以“、”分隔"))
    publication = models.CharField(_("刊物"), max_length=100, blank=True)
    issue = models.CharField(_("期号"), max_length=40, blank=True, help_text=_("如“2018年第5-6期”"))
    published_on = models.DateField(_("发表日期"), null=True, blank=True)
    page = models.CharField(_("版面"), max_length=20, blank=True, help_text=_("如“第2版”"))
    body = models.TextField(_("正文"), blank=True)
    summary = models.TextField(_("摘要"), blank=True)
    figures = models.JSONField(_("统计数据"), default=dict, blank=True, help_text=_("综述等文章给出的汇总统计"))
    units = models.ManyToManyField(PilotUnit, blank=True, related_name="articles", verbose_name=_("相关单位"))
    source_file = models.CharField(_("来源文件"), max_length=200, blank=True)
    source_sha256 = models.CharField(_("来源文件SHA-256"), max_length=64, blank=True)
    start_line = models.PositiveIntegerField(_("起始行"), null=True, blank=True)
    end_line = models.PositiveIntegerField(_("结束行"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[units])

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        ordering = ["source_file", "start_line", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_file", "start_line"],
                condition=~models.Q(source_file=""),
                name="article_unique_source_span",
            ),
            models.CheckConstraint(
                condition=models.Q(start_line__isnull=True)
                | models.Q(end_line__isnull=True)
                | models.Q(start_line__lte=models.F("end_line")),
                name="article_line_span_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.headline:
            return self.headline
        # Titles are shown on public pages: only the published units may lend their names.
        names = public_names(self.units.all()) if self.pk else []
        return "、".join(names) or str(_("（无标题）"))

    @property
    def citation(self) -> str:
        """The source as people cite it: 《浙江工运》2018年第5-6期 · 街道活力篇 · 速写 (file and lines are detail)."""
        source, labels = self.citation_parts()
        return " · ".join(part for part in (source, *labels) if part)

    def citation_parts(self) -> tuple[str, list[str]]:
        """The source as printed (《浙江工运》2018年第5-6期, 浙江工人日报 2022-07-04 第2版: a title, kept as it is
        in every language) and the labels that follow it (volume, column and page, in the page's language)."""
        if not self.issue and (self.page or self.published_on):
            # A newspaper's article: 浙江工人日报 2022-07-04 第2版 (no date stated: none shown).
            date = f"{self.published_on:%Y-%m-%d}" if self.published_on else ""
            return " ".join(part for part in (self.publication, date, self.page) if part), []
        head = f"《{self.publication}》{self.issue}" if self.publication else self.issue
        if not head and self.published_on:
            head = f"{self.published_on:%Y-%m-%d}"
        if not head and not self.volume:
            return "", []  # a page that states no source: its column alone names none ("来源：新闻")
        labels = [self.get_volume_display() if self.volume else "", self.get_column_display(), self.page_label]
        return head, [str(label) for label in labels if label]

    @property
    def page_label(self) -> str:
        """Where it was printed: a newspaper's page as stored (第2版), a magazine's page number as 第 33 页
        (in the page's language)."""
        page = (self.page or "").strip()
        if not page:
            return ""
        return page if page.startswith("第") else str(_("第 %(page)s 页")) % {"page": page}

    @property
    def reporter_list(self) -> list[str]:
        return [name for name in self.reporters.replace(",", "、").split("、") if name]
