from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pilots.figures import EN_UNITS, printed_figure

from .practices import BilingualName, PracticeArea
from .units import EARLIEST_YEAR, LATEST_YEAR, PilotUnit


class ValueType(models.TextChoices):
    COUNT = "count", _("数量")
    PERCENT = "percent", _("百分比")
    MONEY = "money", _("金额（万元）")
    AREA = "area", _("面积（平方米）")
    PERSONS = "persons", _("人数")


# The unit a normalised value is stored in, and the bounds every value of the type obeys.
UNIT_LABELS = {
    ValueType.COUNT: "个",
    ValueType.PERCENT: "%",
    ValueType.MONEY: "万元",
    ValueType.AREA: "平方米",
    ValueType.PERSONS: "人",
}
TYPE_BOUNDS: dict[str, tuple[Decimal, Decimal | None]] = {
    ValueType.COUNT: (Decimal(0), None),
    ValueType.PERCENT: (Decimal(0), Decimal(100)),
    ValueType.MONEY: (Decimal(0), None),
    ValueType.AREA: (Decimal(0), None),
    ValueType.PERSONS: (Decimal(0), None),
}
WHOLE_NUMBER_TYPES = {ValueType.COUNT, ValueType.PERSONS}


class Qualifier(models.TextChoices):
    EXACT = "exact", _("精确")
    AT_LEAST = "at_least", _("以上")
    ABOUT = "about", _("左右")
    NEARLY = "nearly", _("近")
    MORE_THAN = "more_than", _("余")


# A qualifier as printed in a text or typed in a form or spreadsheet ("1500余家", "60%以上", "约"):
# the importer, the fixtures and the annual records read qualifiers through this one map.
QUALIFIER_BY_TEXT: dict[str, str] = {
    "": Qualifier.EXACT,
    "精确": Qualifier.EXACT,
    "以上": Qualifier.AT_LEAST,
    "左右": Qualifier.ABOUT,
    "约": Qualifier.ABOUT,
    "近": Qualifier.NEARLY,
    "余": Qualifier.MORE_THAN,
    "多": Qualifier.MORE_THAN,
}


class IndicatorDefinition(BilingualName, models.Model):
    """A standard indicator (建会率, 会员人数, 调解成功率 ...) with its value type and bounds.

    ``min_value``/``max_value`` narrow the bounds of the value type where a definition needs it;
    a percentage is always within 0–100 and no value is negative.
    """

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    value_type = models.CharField(_("数值类型"), max_length=12, choices=ValueType.choices)
    area = models.ForeignKey(
        PracticeArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("领域"),
    )
    min_value = models.DecimalField(_("下限"), max_digits=16, decimal_places=4, null=True, blank=True)
    max_value = models.DecimalField(_("上限"), max_digits=16, decimal_places=4, null=True, blank=True)
    description = models.TextField(_("说明"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    # Whether a reported value may carry a qualifier (以上, 左右, 近, 余): yes for the counts and rates
    # sources print as "95%以上" or "1000余人"; no for what a union counts exactly in its own books
    # (its staff, stations, cases, contracts). The record form offers the drop-down only where it is yes.
    allows_qualifier = models.BooleanField(
        _("可带限定词"),
        default=True,
        help_text=_(
            "报送时可选“以上”“左右”“近”“余”：来源常写作“95%以上”“1000余人”的数量和比率可带；本单位确切掌握的数（专职人员、站点、案件、合同）不带"
        ),
    )

    class Meta:
        verbose_name = _("指标定义")
        verbose_name_plural = _("指标定义")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True)
                | models.Q(max_value__isnull=True)
                | models.Q(min_value__lte=models.F("max_value")),
                name="indicator_bounds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.local_name

    def natural_key(self):
        return (self.code,)

    @property
    def unit_label(self) -> str:
        return UNIT_LABELS[self.value_type]

    @property
    def local_unit_label(self) -> str:
        """The unit after a number in the page's language ("人" in Chinese; nothing for persons in English)."""
        if (get_language() or "zh").startswith("zh"):
            return self.unit_label
        return EN_UNITS.get(self.value_type, "")

    @property
    def bounds(self) -> tuple[Decimal, Decimal | None]:
        low, high = TYPE_BOUNDS[self.value_type]
        if self.min_value is not None:
            low = max(low, self.min_value)
        if self.max_value is not None:
            high = self.max_value if high is None else min(high, self.max_value)
        return low, high

    def validate_value(self, value, field: str = "value") -> None:
        """Raise a ValidationError on ``field`` when ``value`` is not valid for this indicator."""
        if value is None:
            return
        message = self.validation_error(Decimal(value))
        if message:
            raise ValidationError({field: message})

    def validation_error(self, value: Decimal) -> str | None:
        """Why ``value`` is not a valid value of this indicator, or None; the indicator named as its form
        field is labelled (local_name: 建会率, or Union founding rate on an English page)."""
        low, high = self.bounds
        name = self.local_name
        if self.value_type == ValueType.PERCENT and not (low <= value <= high):
            return _("%(name)s是百分比，应在 %(low)s–%(high)s 之间，收到 %(value)s。") % {
                "name": name,
                "low": low,
                "high": high,
                "value": value,
            }
        if value < low:
            if low == 0:
                return _("%(name)s不能为负数，收到 %(value)s。") % {"name": name, "value": value}
            return _("%(name)s不能小于 %(low)s，收到 %(value)s。") % {"name": name, "low": low, "value": value}
        if high is not None and value > high:
            return _("%(name)s不能大于 %(high)s，收到 %(value)s。") % {"name": name, "high": high, "value": value}
        if self.value_type in WHOLE_NUMBER_TYPES and value != value.to_integral_value():
            return _("%(name)s应为整数，收到 %(value)s。") % {"name": name, "value": value}
        return None


class IndicatorValue(models.Model):
    """One figure of one unit for one year, normalised ("16.65万名" is stored as 166500).

    ``qualifier`` keeps the hedge the source printed (以上, 左右, 近, 余) and ``phrase`` the short
    phrase the figure was read from, so a reader can always check a number against its source.
    """

    unit = models.ForeignKey(
        PilotUnit, on_delete=models.CASCADE, related_name="indicator_values", verbose_name=_("单位")
    )
    definition = models.ForeignKey(
        IndicatorDefinition, on_delete=models.PROTECT, related_name="values", verbose_name=_("指标")
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=4)
    qualifier = models.CharField(_("限定词"), max_length=12, choices=Qualifier.choices, default=Qualifier.EXACT)
    phrase = models.CharField(_("原文短语"), max_length=30, blank=True)
    source_article = models.ForeignKey(
        "pilots.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("来源文章"),
    )
    source_file = models.CharField(_("来源文件"), max_length=200, blank=True)
    source_line = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("指标值")
        verbose_name_plural = _("指标值")
        ordering = ["unit", "definition__order", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "definition", "year", "phrase"], name="indicator_value_unique_per_phrase"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="indicator_value_not_negative"),
            models.CheckConstraint(
                condition=models.Q(year__gte=EARLIEST_YEAR) & models.Q(year__lte=LATEST_YEAR),
                name="indicator_value_year_plausible",
            ),
        ]
        indexes = [
            # The dashboards read one indicator's values unit by unit and year by year, from the index
            # alone (the columns the aggregates read follow the key, the id last: PostgreSQL's index
            # holds no id of its own, and without it every row of the table was visited).
            models.Index(
                fields=["definition", "unit", "year", "source_article", "qualifier", "value", "id"],
                name="indicator_value_by_definition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition}：{self.display_value}"

    def clean(self) -> None:
        if self.definition_id is not None:
            self.definition.validate_value(self.value)

    @property
    def display_value(self) -> str:
        """The figure as a reader writes it: "10余项", "28家", "95%以上" (see pilots.figures)."""
        return printed_figure(self.value, self.qualifier, self.definition.value_type, self.phrase)
