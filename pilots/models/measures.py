from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .practices import Practice
from .units import EARLIEST_YEAR, PilotUnit


class ReformMeasure(models.Model):
    """A reform measure of one unit, with the practices it realises.

    ``label`` keeps the model name as printed where the unit gave its measure one ("1+14+N",
    "五化", "三突出"); ``summary`` is written in the portal's own words.
    """

    unit = models.ForeignKey(PilotUnit, on_delete=models.CASCADE, related_name="measures", verbose_name=_("单位"))
    title = models.CharField(_("标题"), max_length=100)
    label = models.CharField(_("模式名称"), max_length=40, blank=True, help_text=_("原文中的提法，如“1+14+N”"))
    practices = models.ManyToManyField(Practice, blank=True, related_name="measures", verbose_name=_("做法"))
    summary = models.TextField(_("概述"), blank=True)
    year_started = models.PositiveSmallIntegerField(_("起始年份"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    history = HistoricalRecords(m2m_fields=[practices])

    class Meta:
        verbose_name = _("改革举措")
        verbose_name_plural = _("改革举措")
        ordering = ["unit", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "title"], name="measure_unique_title_per_unit"),
            models.CheckConstraint(
                condition=models.Q(year_started__isnull=True) | models.Q(year_started__gte=EARLIEST_YEAR),
                name="measure_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.label}）" if self.label else self.title


class PositionTier(models.TextChoices):
    CENTRE = "centre", _("中心")
    STATION = "station", _("站")
    POINT = "point", _("点")


class PositionKind(models.TextChoices):
    SERVICE_CENTRE = "service_centre", _("职工服务中心")
    SERVICE_STATION = "service_station", _("职工服务站")
    SERVICE_POINT = "service_point", _("职工服务点")
    WORKERS_HOME = "workers_home", _("职工之家")
    BOOKROOM = "bookroom", _("职工书屋")
    MOMMY_ROOM = "mommy_room", _("妈咪小屋")
    REST_STOP = "rest_stop", _("爱心驿站")
    MEDIATION_ROOM = "mediation_room", _("调解室")
    CRAFTSMAN_SCHOOL = "craftsman_school", _("工匠学堂")
    ACTIVITY_CENTRE = "activity_centre", _("职工活动中心")
    OTHER = "other", _("其他")


class MassOrganisation(models.TextChoices):
    """Mass organisations a union shares its positions with (群团共建共享)."""

    YOUTH_LEAGUE = "youth_league", _("共青团")
    WOMEN_FEDERATION = "women_federation", _("妇联")
    OTHER = "other", _("其他群团组织")


class ServicePosition(models.Model):
    """A place where the union serves workers, in the centre–station–point tiers.

    One row may stand for several places of the same kind ("14 stations"): ``count`` says how
    many. ``shared_with`` lists the mass organisations that use it too.
    """

    unit = models.ForeignKey(PilotUnit, on_delete=models.CASCADE, related_name="positions", verbose_name=_("单位"))
    tier = models.CharField(_("层级"), max_length=10, choices=PositionTier.choices)
    kind = models.CharField(_("类型"), max_length=30, choices=PositionKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    count = models.PositiveIntegerField(_("数量"), default=1)
    area_m2 = models.DecimalField(_("面积（平方米）"), max_digits=10, decimal_places=1, null=True, blank=True)
    opening_hours = models.CharField(_("开放时间"), max_length=100, blank=True)
    facilities = models.CharField(_("设施"), max_length=300, blank=True)
    shared_with = models.JSONField(_("共建共享群团"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("服务阵地")
        verbose_name_plural = _("服务阵地")
        ordering = ["unit", "tier", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "tier", "name"], name="position_unique_name_per_unit_tier"),
            models.CheckConstraint(condition=models.Q(count__gte=1), name="position_count_positive"),
            models.CheckConstraint(
                condition=models.Q(area_m2__isnull=True) | models.Q(area_m2__gt=0), name="position_area_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}×{self.count}" if self.count > 1 else self.name

    def clean(self) -> None:
        if not isinstance(self.shared_with, list):
            raise ValidationError({"shared_with": _("共建共享群团应为列表。")})
        unknown = sorted(set(self.shared_with) - set(MassOrganisation.values))
        if unknown:
            raise ValidationError({"shared_with": _("未知的群团组织：%(codes)s") % {"codes": "、".join(unknown)}})

    def shared_with_display(self) -> list[str]:
        labels = dict(MassOrganisation.choices)
        return [str(labels.get(code, code)) for code in self.shared_with]
