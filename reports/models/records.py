import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pilots.models import (
    IndicatorDefinition,
    IndicatorValue,
    PilotUnit,
    PositionKind,
    PositionTier,
    Practice,
    Qualifier,
    ReformMeasure,
    ServicePosition,
)


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已退回")


# Which states a submitter may still change: a returned record goes back to draft on its first edit.
EDITABLE_STATUSES = frozenset({RecordStatus.DRAFT, RecordStatus.RETURNED})

# The years a record may report on: the database constraint, the forms, the API and the spreadsheets.
FIRST_REPORTING_YEAR, LAST_REPORTING_YEAR = 2017, 2100

# The record's narrative, and with the note on consistency warnings every free-text field.
NARRATIVE_FIELDS = ("highlights", "problems", "plans")
TEXT_FIELDS = (*NARRATIVE_FIELDS, "warning_notes")


def is_reporting_year(year: int | None) -> bool:
    return year is not None and FIRST_REPORTING_YEAR <= year <= LAST_REPORTING_YEAR


def current_reporting_year() -> int:
    """Records are written early in a year about the year before."""
    return timezone.localdate().year - 1


def latest_reportable_year() -> int:
    """No record may be started for a year that has not begun."""
    return timezone.localdate().year


class AnnualRecordQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def approved(self):
        return self.filter(status=RecordStatus.APPROVED)

    def reported(self):
        """Records that reached the federation: submitted or approved."""
        return self.filter(status__in=[RecordStatus.SUBMITTED, RecordStatus.APPROVED])

    def in_region(self, region):
        return self.filter(unit__in=PilotUnit.objects.in_region(region))

    def with_unit(self):
        return self.select_related("unit", "unit__region", "unit__region__city", "unit__region__county")


class AnnualRecord(models.Model):
    """A pilot unit's report on its reform work in one year, and where it stands in review.

    One record per (unit, year). ``version`` grows with every change, so a client that edits an
    old copy is told so (409) instead of overwriting a colleague's work. Only an approved record's
    values enter the unit's public series (see ``reports.services.publication``).
    """

    unit = models.ForeignKey(PilotUnit, on_delete=models.PROTECT, related_name="annual_records", verbose_name=_("单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=12, choices=RecordStatus.choices, default=RecordStatus.DRAFT)
    version = models.PositiveIntegerField(_("版本"), default=1)
    highlights = models.TextField(_("工作亮点"), blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    plans = models.TextField(_("下一年度计划"), blank=True)
    warning_notes = models.TextField(_("对提示的说明"), blank=True, help_text=_("对一致性提示的解释，审核人可见"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    approved_at = models.DateTimeField(_("通过时间"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = AnnualRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="annual_record_unique_per_unit_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_REPORTING_YEAR) & models.Q(year__lte=LAST_REPORTING_YEAR),
                name="annual_record_year_plausible",
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="annual_record_version_positive"),
        ]

    def __str__(self) -> str:
        return _("%(unit)s %(year)s年度报告") % {"unit": self.unit, "year": self.year}

    def clean(self) -> None:
        if self.year and self._state.adding and self.year > latest_reportable_year():
            raise ValidationError(
                {
                    "year": _("不能填报未来的年度（%(year)s）：最晚可填 %(latest)s 年度。")
                    % {"year": self.year, "latest": latest_reportable_year()}
                }
            )

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class RecordValue(models.Model):
    """One standard indicator's value in an annual record.

    ``published`` is the row of the unit's public series this value became when the record was
    approved; it is withdrawn again when the record is reopened.
    """

    record = models.ForeignKey(
        AnnualRecord, on_delete=models.CASCADE, related_name="values", verbose_name=_("年度报告")
    )
    definition = models.ForeignKey(
        IndicatorDefinition, on_delete=models.PROTECT, related_name="record_values", verbose_name=_("指标")
    )
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=4)
    qualifier = models.CharField(_("限定词"), max_length=12, choices=Qualifier.choices, default=Qualifier.EXACT)
    published = models.OneToOneField(
        IndicatorValue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="record_value",
        verbose_name=_("已发布的指标值"),
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=["published"])

    class Meta:
        verbose_name = _("报告指标值")
        verbose_name_plural = _("报告指标值")
        ordering = ["record", "definition__order", "definition__code"]
        constraints = [
            models.UniqueConstraint(fields=["record", "definition"], name="record_value_unique_per_indicator"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="record_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.definition}：{self.value}"

    def clean(self) -> None:
        if self.definition_id is not None:
            self.definition.validate_value(self.value)


class MeasureStatus(models.TextChoices):
    BEGUN = "begun", _("本年新启动")
    CONTINUED = "continued", _("延续深化")


class RecordMeasure(models.Model):
    """A reform measure the unit began or continued in the record's year, with its practices."""

    record = models.ForeignKey(
        AnnualRecord, on_delete=models.CASCADE, related_name="measures", verbose_name=_("年度报告")
    )
    title = models.CharField(_("举措名称"), max_length=100)
    status = models.CharField(_("进展"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.BEGUN)
    practices = models.ManyToManyField(Practice, blank=True, related_name="record_measures", verbose_name=_("做法"))
    summary = models.TextField(_("做法概述"), blank=True)
    published = models.OneToOneField(
        ReformMeasure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="record_measure",
        verbose_name=_("已发布的改革举措"),
        editable=False,
    )

    history = HistoricalRecords(m2m_fields=[practices], excluded_fields=["published"])

    class Meta:
        verbose_name = _("报告改革举措")
        verbose_name_plural = _("报告改革举措")
        ordering = ["record", "id"]
        constraints = [
            models.UniqueConstraint(fields=["record", "title"], name="record_measure_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class PositionChange(models.TextChoices):
    ADDED = "added", _("新增")
    CHANGED = "changed", _("调整")


class RecordPosition(models.Model):
    """A service position added or changed in the record's year."""

    record = models.ForeignKey(
        AnnualRecord, on_delete=models.CASCADE, related_name="positions", verbose_name=_("年度报告")
    )
    change = models.CharField(_("变化"), max_length=10, choices=PositionChange.choices, default=PositionChange.ADDED)
    tier = models.CharField(_("层级"), max_length=10, choices=PositionTier.choices)
    kind = models.CharField(_("类型"), max_length=30, choices=PositionKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    count = models.PositiveIntegerField(_("数量"), default=1)
    area_m2 = models.DecimalField(_("面积（平方米）"), max_digits=10, decimal_places=1, null=True, blank=True)
    published = models.OneToOneField(
        ServicePosition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="record_position",
        verbose_name=_("已发布的服务阵地"),
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=["published"])

    class Meta:
        verbose_name = _("报告服务阵地")
        verbose_name_plural = _("报告服务阵地")
        ordering = ["record", "tier", "id"]
        constraints = [
            models.UniqueConstraint(fields=["record", "tier", "name"], name="record_position_unique_name"),
            models.CheckConstraint(condition=models.Q(count__gte=1), name="record_position_count_positive"),
            models.CheckConstraint(
                condition=models.Q(area_m2__isnull=True) | models.Q(area_m2__gt=0),
                name="record_position_area_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}×{self.count}" if self.count > 1 else self.name


def attachment_path(instance: "RecordAttachment", filename: str) -> str:
    # The stored name is random: a user's file name never becomes a path on the server.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"records/{instance.record.unit_id}/{instance.record.year}/{uuid.uuid4().hex}{suffix}"


class RecordAttachment(models.Model):
    """A file attached to an annual record (PDF, JPEG, PNG or DOCX, by content; size-limited)."""

    record = models.ForeignKey(
        AnnualRecord, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("年度报告")
    )
    file = models.FileField(_("文件"), upload_to=attachment_path)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("上传人")
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["record", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
