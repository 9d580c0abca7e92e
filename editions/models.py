"""A special issue of 《浙江工运》 as the editors compile it: edition → volumes → sections → entries.

Every entry points to a published article (and so to its unit); the order of sections and entries
is the printed order. Freezing an edition stores an :class:`EditionVersion`: the whole issue as
it stood (every entry's text and metadata), with a content hash. Versions never change; an edit
after freezing makes the edition a draft again and the next freeze a new version. Exports are
always made from a version, so a file always matches one.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pilots.models import Article, UnitKind
from pilots.models import Volume as VolumeKind


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("编辑中")
    FROZEN = "frozen", _("已定稿")


# The unit kinds whose pilots a volume of each kind reports on.
VOLUME_UNIT_KINDS: dict[str, tuple[str, ...]] = {
    VolumeKind.STREETS: (UnitKind.STREET_FEDERATION,),
    VolumeKind.TOWNSHIPS: (UnitKind.TOWNSHIP_FEDERATION,),
    VolumeKind.NEW_FORMS: (
        UnitKind.PARK_FEDERATION,
        UnitKind.BUILDING_UNION,
        UnitKind.INDUSTRY_UNION,
        UnitKind.TOWN_FEDERATION,
    ),
}


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_version__isnull=False)


class Edition(models.Model):
    """A special issue (专刊): its title as printed, the magazine and issue label, the editors' texts."""

    title = models.CharField(_("专刊名称"), max_length=200)
    magazine = models.CharField(_("刊物"), max_length=100, default="浙江工运")
    issue_label = models.CharField(_("期号"), max_length=40, blank=True, help_text=_("如“2018年第5-6期”"))
    issue_date = models.DateField(_("出版日期"), null=True, blank=True)
    publisher = models.CharField(_("主办单位"), max_length=100, blank=True, help_text=_("印在封面和版权行上"))
    cover_image = models.ImageField(
        _("封面图片"),
        upload_to="editions/covers/",
        blank=True,
        help_text=_("可选：JPEG 或 PNG，印在封面上"),
    )
    foreword = models.TextField(_("卷首语"), blank=True)
    afterword = models.TextField(_("后记"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    published_version = models.ForeignKey(
        "EditionVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("公开的版本"),
        help_text=_("公开后，所有人都能阅读和下载这一版本"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("专刊")
        verbose_name_plural = _("专刊")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def latest_version(self) -> "EditionVersion | None":
        return self.versions.order_by("-number").first()


class Volume(models.Model):
    """A volume of the issue (乡镇振兴篇 / 街道活力篇 / 新业态探索篇), with the editor's overview text.

    ``kind`` says which pilots the volume reports on; the overview statistics count them.
    ``overview_text`` may hold placeholders ({share:CODE}, {count:CODE}, {total}) for the figures.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="volumes", verbose_name=_("专刊"))
    name = models.CharField(_("分册名称"), max_length=40)
    kind = models.CharField(_("试点类型"), max_length=12, choices=VolumeKind.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    overview_text = models.TextField(
        _("综述正文"), blank=True, help_text=_("可用占位符：{占比：做法}、{单位数：做法}、{总数}")
    )
    figures_table = models.BooleanField(
        _("印出做法采用表"),
        default=False,
        help_text=_("在综述后插入本库计算的做法采用表（表题注明统计了多少篇稿件）；不勾选则只印综述正文"),
    )

    class Meta:
        verbose_name = _("分册")
        verbose_name_plural = _("分册")
        ordering = ["edition", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="edition_volume_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def unit_kinds(self) -> tuple[str, ...]:
        return VOLUME_UNIT_KINDS.get(self.kind, ())


class Section(models.Model):
    """A column of a volume (综述, 特别报道：省级试点 ...), in printed order."""

    volume = models.ForeignKey(Volume, on_delete=models.CASCADE, related_name="sections", verbose_name=_("分册"))
    title = models.CharField(_("栏目"), max_length=60)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["volume", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["volume", "title"], name="edition_section_unique_title")]

    def __str__(self) -> str:
        return f"{self.volume} · {self.title}"


class Entry(models.Model):
    """One piece of a section: an article, its place in the section and the editor's note.

    ``edition`` repeats the section's edition so that the database itself keeps an article to at
    most one entry per edition.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="entries", editable=False)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="entries", verbose_name=_("栏目"))
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="edition_entries", verbose_name=_("文章")
    )
    position = models.PositiveIntegerField(_("顺序"), default=0)
    note = models.TextField(_("编者按"), blank=True)

    class Meta:
        verbose_name = _("篇目")
        verbose_name_plural = _("篇目")
        ordering = ["section", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "article"], name="edition_entry_article_once"),
        ]

    def __str__(self) -> str:
        return f"{self.section}：{self.article}"

    def save(self, *args, **kwargs):
        if self.section_id and not self.edition_id:
            self.edition_id = self.section.volume.edition_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.section_id and self.edition_id and self.section.volume.edition_id != self.edition_id:
            raise ValidationError({"section": _("栏目不属于这期专刊。")})
        if self.article_id and self.edition_id:
            taken = Entry.objects.filter(edition_id=self.edition_id, article_id=self.article_id).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError({"article": _("这篇文章已在本期专刊中，一期专刊中同一篇文章只能出现一次。")})


class ImmutableVersion(Exception):
    """A frozen version was about to be changed."""


class EditionVersion(models.Model):
    """An immutable snapshot of the edition taken when it was frozen.

    ``content`` holds everything an export needs (edition, volumes, sections, entries with their
    text and metadata, the overview figures, the warnings the editor accepted); ``content_hash``
    is the SHA-256 of its canonical JSON.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="versions", verbose_name=_("专刊"))
    number = models.PositiveIntegerField(_("版本号"))
    content = models.JSONField(_("内容"))
    content_hash = models.CharField(_("内容哈希"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("定稿时间"), auto_now_add=True)
    comment = models.CharField(_("定稿说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("定稿版本")
        verbose_name_plural = _("定稿版本")
        ordering = ["edition", "-number"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="edition_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.edition} 第{self.number}版"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ImmutableVersion(f"定稿版本不可修改（{self}）")
        super().save(*args, **kwargs)


class ExportState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已生成")
    FAILED = "failed", _("生成失败")


class EditionExport(models.Model):
    """One file of a frozen version (PDF, DOCX or HTML), built once by a background job and stored.

    The row is created as queued when the version is frozen (or first downloaded), with the job
    that builds the version's files (``job``, a :class:`jobs.models.Job`); the job moves it to
    running (with its progress), then done with ``path`` — relative to MEDIA_ROOT, written to
    a temporary file and renamed into place, so a half-written file is never served.
    """

    version = models.ForeignKey(EditionVersion, on_delete=models.CASCADE, related_name="exports")
    fmt = models.CharField(_("格式"), max_length=8)
    # The job (jobs app) building this version's files: its state, progress, heartbeat and attempts.
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("后台任务")
    )
    state = models.CharField(_("状态"), max_length=10, choices=ExportState.choices, default=ExportState.QUEUED)
    done_steps = models.PositiveIntegerField(default=0)
    total_steps = models.PositiveIntegerField(default=0)
    path = models.CharField(max_length=300, blank=True)
    filename = models.CharField(_("下载文件名"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("导出文件")
        verbose_name_plural = _("导出文件")
        constraints = [models.UniqueConstraint(fields=["version", "fmt"], name="edition_export_once")]

    def __str__(self) -> str:
        return f"{self.version} · {self.fmt}"

    @property
    def percent(self) -> int:
        return int(100 * self.done_steps / self.total_steps) if self.total_steps else 0
