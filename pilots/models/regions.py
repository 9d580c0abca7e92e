from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pilots.text import normalise_name


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("地级市")
    DISTRICT = "district", _("市辖区")
    COUNTY_CITY = "county_city", _("县级市")
    COUNTY = "county", _("县")
    DEVELOPMENT_ZONE = "development_zone", _("开发区")
    STREET = "street", _("街道")
    TOWNSHIP = "township", _("乡镇")

    @classmethod
    def county_levels(cls) -> set[str]:
        return {cls.DISTRICT, cls.COUNTY_CITY, cls.COUNTY, cls.DEVELOPMENT_ZONE}


# Which level may stand under which: the gazetteer is a strict four-level tree.
_PARENT_LEVELS = {
    RegionLevel.PROVINCE: set(),
    RegionLevel.CITY: {RegionLevel.PROVINCE},
    RegionLevel.DISTRICT: {RegionLevel.CITY},
    RegionLevel.COUNTY_CITY: {RegionLevel.CITY},
    RegionLevel.COUNTY: {RegionLevel.CITY},
    RegionLevel.DEVELOPMENT_ZONE: {RegionLevel.CITY},
    RegionLevel.STREET: RegionLevel.county_levels(),
    RegionLevel.TOWNSHIP: RegionLevel.county_levels(),
}


def within_condition(region: "Region", path: str = "") -> models.Q:
    """The one definition of "``region`` or below it": the condition on the region reached by ``path``
    (``""`` for regions themselves, ``"region__"`` for units, ``"unit__region__"`` for records).

    Every region lies below the province; below a city or county are the regions whose denormalised
    ``city`` or ``county`` it is.
    """
    if region.level == RegionLevel.PROVINCE:
        return models.Q()
    return (
        models.Q(**{f"{path}pk": region.pk})
        | models.Q(**{f"{path}city": region})
        | models.Q(**{f"{path}county": region})
    )


class RegionQuerySet(models.QuerySet):
    def within(self, region: "Region"):
        """``region`` and every region below it."""
        return self.filter(within_condition(region))

    def cities(self):
        return self.filter(level=RegionLevel.CITY)

    def counties(self):
        return self.filter(level__in=RegionLevel.county_levels())

    def printed_as(self, value: str):
        """The regions printed as ``value``: the one lookup of a region by name, for filters and writers
        alike (call it on :meth:`cities` or :meth:`counties`). A name (a city also without 市: 台州), a
        full name (金华经济技术开发区), a code, or a name after its city's (台州市三门县); normalised as names
        are stored."""
        value = normalise_name(value or "")
        if not value:
            return self.none()
        printed = (
            models.Q(name=value)
            | models.Q(full_name=value)
            | models.Q(code=value)
            | models.Q(level=RegionLevel.CITY, name=f"{value}市")
        )
        city, mark, rest = value.partition("市")
        if mark and city and rest:  # "台州市三门县", "台州市温岭市": the city's name first
            printed |= models.Q(city__name=f"{city}市", name=rest)
        return self.filter(printed)

    def resolve_county(self, name: str, *, city: "Region | None" = None) -> "Region | None":
        """The county-level division printed as ``name`` (温岭市, 江干区, 金华开发区), in ``city`` when given."""
        counties = self.counties().printed_as(name)
        return (counties.filter(parent=city) if city is not None else counties).first()


class Region(models.Model):
    """A division of the Zhejiang gazetteer: province → city → county-level → street/township.

    Names are kept as printed in 2018. A division merged away later (江干区 and 下城区 in 2021)
    points to the division that succeeded it, so old records can be shown on today's map.
    ``city`` and ``county`` are the region's own ancestors, kept denormalised so that "every unit
    in 台州市" is a single indexed filter.
    """

    name = models.CharField(_("名称"), max_length=64)
    full_name = models.CharField(_("全称"), max_length=64, blank=True)
    level = models.CharField(_("层级"), max_length=20, choices=RegionLevel.choices)
    code = models.CharField(_("行政区划代码"), max_length=12, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级")
    )
    city = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("所属地级市"),
    )
    county = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("所属县级行政区"),
    )
    within = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zones",
        verbose_name=_("所在县（市、区）"),
        help_text=_("开发区所在的县级行政区"),
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("现行区划"),
        help_text=_("区划调整后承继该区域的现行区划"),
    )
    established_year = models.PositiveSmallIntegerField(_("设立年份"), null=True, blank=True)
    abolished_year = models.PositiveSmallIntegerField(_("撤销年份"), null=True, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent"),
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""), name="region_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalise_name(self.name)
        super().save(*args, **kwargs)
        # A city or county is its own ``city``/``county``, which needs the primary key first.
        city, county = self._ancestors()
        if (self.city_id, self.county_id) != (getattr(city, "pk", None), getattr(county, "pk", None)):
            self.city, self.county = city, county
            Region.objects.filter(pk=self.pk).update(city=city, county=county)

    def clean(self) -> None:
        self.name = normalise_name(self.name)
        allowed = _PARENT_LEVELS.get(self.level, set())
        parent_level = self.parent.level if self.parent_id else None
        if allowed and parent_level not in allowed:
            raise ValidationError(
                {"parent": _("“%(level)s”的上级区划层级不正确。") % {"level": self.get_level_display()}}
            )
        if not allowed and self.parent_id:
            raise ValidationError({"parent": _("省级区划没有上级。")})
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": _("现行区划不能是自身。")})

    def _ancestors(self) -> tuple["Region | None", "Region | None"]:
        city = county = None
        node: Region | None = self
        while node is not None:
            if node.level == RegionLevel.CITY:
                city = node
            elif node.level in RegionLevel.county_levels():
                county = node
            node = node.parent
        return city, county

    @property
    def street(self) -> "Region | None":
        return self if self.level in (RegionLevel.STREET, RegionLevel.TOWNSHIP) else None

    def contains(self, region: "Region") -> bool:
        """Whether ``region`` is this region or lies below it (the test of :func:`within_condition`)."""
        return (
            self.level == RegionLevel.PROVINCE or region.pk == self.pk or self.pk in (region.city_id, region.county_id)
        )

    @property
    def current(self) -> "Region":
        """The division in force today (follows 2021-style mergers)."""
        return self.successor or self
