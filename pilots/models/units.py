from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pilots.text import normalise_name, unit_sort_keys

from .regions import Region, within_condition

# The years a unit's designation, a measure's start or a figure may carry (checked by the database).
EARLIEST_YEAR, LATEST_YEAR = 1949, 2100


class UnitKind(models.TextChoices):
    STREET_FEDERATION = "street_federation", _("街道总工会")
    TOWNSHIP_FEDERATION = "township_federation", _("乡镇总工会")
    COMMUNITY_UNION = "community_union", _("社区工会")
    VILLAGE_UNION = "village_union", _("村工会")
    PARK_FEDERATION = "park_federation", _("园区（开发区）工会")
    BUILDING_UNION = "building_union", _("楼宇（商圈）工会")
    INDUSTRY_UNION = "industry_union", _("行业工会")
    TOWN_FEDERATION = "town_federation", _("特色小镇工会")
    COUNTY_FEDERATION = "county_federation", _("县（市、区）总工会")
    CITY_FEDERATION = "city_federation", _("市总工会")
    ENTERPRISE_UNION = "enterprise_union", _("企业工会")


class PilotLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("省级试点")
    CITY = "city", _("市级试点")
    COUNTY = "county", _("县级试点")
    CITY_COUNTY = "city_county", _("市、县级试点")
    NONE = "none", _("非试点")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


def is_public(obj) -> bool:
    """Whether a unit or an article (already loaded) may be shown: published, nothing else.

    The one rule of what is public, beside the states it reads; ``pilots.selectors`` builds every
    public read on it (and a model's own display, such as an article's title, may use it).
    """
    return obj is not None and obj.status == PublicationStatus.PUBLISHED


def public_names(units) -> list[str]:
    """The names of the public ones among ``units`` (an article's title falls back to them)."""
    return [unit.name for unit in units if is_public(unit)]


class PilotUnitQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def in_region(self, region: Region):
        """Units whose region is ``region`` or lies below it."""
        return self.filter(within_condition(region, "region__"))

    def with_places(self):
        return self.select_related("region", "region__city", "region__county", "parent")

    def by_name(self, name: str):
        return self.filter(name=normalise_name(name))


class PilotUnit(models.Model):
    """A union organisation that is a reform pilot or is reported on.

    ``name`` is the full name as printed (杭州市上城区小营街道总工会), normalised to full-width
    brackets and no spaces, and unique: importers and fixtures find units by it. ``region`` is the
    most precise division known (the street for a street federation, the county for a county
    federation).
    """

    name = models.CharField(_("全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=60, blank=True)
    kind = models.CharField(_("类型"), max_length=30, choices=UnitKind.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="units", verbose_name=_("所在区域"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级工会"),
    )
    pilot_level = models.CharField(_("试点层级"), max_length=20, choices=PilotLevel.choices, default=PilotLevel.NONE)
    designated_year = models.PositiveSmallIntegerField(_("确定为试点年份"), null=True, blank=True)
    profile = models.TextField(_("简介"), blank=True, help_text=_("用本库自己的话概述该单位的改革做法"))
    status = models.CharField(
        _("状态"), max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Indexed sort keys, kept by save(): lists by name follow pinyin (临海市 before 三门县), lists by
    # place the official order of the cities, and a deep page walks an index instead of sorting.
    sort_name = models.CharField(_("名称排序键"), max_length=800, editable=False, default="")
    sort_place = models.CharField(_("地区排序键"), max_length=400, editable=False, default="")

    objects = PilotUnitQuerySet.as_manager()
    # Who changed what, when: imports, editors and approved records alike (the admin's 历史).
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("试点单位")
        verbose_name_plural = _("试点单位")
        ordering = ["name"]
        indexes = [
            # The library's name and city orders over the published units: walked in order, the
            # first page of a word in every record reads twenty entries, not a sort of them all.
            models.Index(fields=["status", "sort_name", "name"], name="unit_status_sort_name"),
            models.Index(fields=["status", "sort_place", "sort_name", "name"], name="unit_status_sort_place"),
            # The published units, where they are and of what kind, without reading the table (the
            # dashboards' counts; SQLite filters a kind from the index, not by reading every unit).
            models.Index(fields=["status", "region", "kind"], name="unit_status_region"),
            # The units expected to report, region by region, without reading the table (reporting progress).
            models.Index(fields=["region", "pilot_level", "designated_year"], name="unit_region_level_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(designated_year__isnull=True) | models.Q(designated_year__gte=EARLIEST_YEAR),
                name="unit_designated_year_plausible",
            ),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalise_name(self.name)
        self.short_name = normalise_name(self.short_name)
        self.sort_name, self.sort_place = self.sort_keys()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name", "sort_place"}
        super().save(*args, **kwargs)

    def sort_keys(self) -> tuple[str, str]:
        region = self.region if self.region_id else None
        city = region.city if region and region.city_id else None
        county = region.county if region and region.county_id else None
        return unit_sort_keys(self.name, city and city.name, county and county.name)

    def clean(self) -> None:
        self.name = normalise_name(self.name)
        self.short_name = normalise_name(self.short_name)
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("上级工会不能是自身。")})
        if self.designated_year and self.pilot_level == PilotLevel.NONE:
            raise ValidationError({"designated_year": _("非试点单位不应填写确定为试点的年份。")})

    @property
    def city(self) -> Region | None:
        return self.region.city

    @property
    def county(self) -> Region | None:
        return self.region.county

    @property
    def street(self) -> Region | None:
        return self.region.street
