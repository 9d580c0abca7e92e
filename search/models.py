from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """The searchable text of one published unit, with its articles, measures and positions.

    ``text`` is the original text (snippets are cut from it, never from the segmented form,
    which repeats sub-words); ``tokens`` is jieba's search-mode segmentation and ``chars`` the
    distinct Chinese characters, so that a one-character query finds a character even inside a
    longer word; ``pairs`` the distinct pieces of two characters of the text (no positions) and
    ``quads`` its runs of four in order, so that a phrase is found by its pieces (and its text).
    The engine-specific index (FTS5 tables on SQLite, generated ``tsvector`` columns with GIN
    indexes on PostgreSQL; migrations 0002, 0003, 0005, 0006 and 0008) follows this table by
    triggers or generated columns, so ordinary ORM writes keep it in step.
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
    # The runs of four characters in order, for phrases of four or more (see documents.phrase_fields).
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


class UnitKeyField(models.OneToOneField):
    """A unit as a table's primary key; on SQLite the column is declared ``integer``, which makes it
    the table's rowid: a unit's row is then one B-tree look-up (a ``bigint`` key is an index beside
    the table, two look-ups). Measured on the facet counts of 20,000 matches: 1.5× faster."""

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class FacetKey(models.Model):
    """One combination of the values of the facets a unit takes one value of (its city, county,
    kind, level and year), as the facets list them; a province has a few hundred. Combinations are
    only added (a unit moved keeps the old one in the table, unused); two rows of the same
    combination, written by two transactions at once, each count their own units."""

    # NULL: the unit's region lies in no city or county (the province), as the region says.
    city = models.CharField(_("地级市"), max_length=100, null=True)  # noqa: DJ001
    county = models.CharField(_("县（市、区）"), max_length=100, null=True)  # noqa: DJ001
    kind = models.CharField(_("类型"), max_length=30)
    pilot_level = models.CharField(_("试点层级"), max_length=20)
    designated_year = models.PositiveSmallIntegerField(_("确定为试点年份"), null=True)

    class Meta:
        verbose_name = _("筛选值组合")
        verbose_name_plural = _("筛选值组合")

    def __str__(self) -> str:
        return " / ".join(str(value) for value in self.values() if value is not None)

    def values(self) -> tuple:
        return (self.city, self.county, self.kind, self.pilot_level, self.designated_year)


class UnitFacets(models.Model):
    """The facet values of one published unit, for counting: its combination of the single-valued
    facets (:class:`FacetKey`); the values of the facets it may take several of are
    :class:`UnitFacetValue` rows. Written with the unit's search document, by the same code
    (``search.facet_table``), so that it holds exactly the published units the index holds."""

    unit = UnitKeyField(
        "pilots.PilotUnit", on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("试点单位")
    )
    key = models.ForeignKey(FacetKey, on_delete=models.PROTECT, related_name="+", verbose_name=_("筛选值组合"))

    class Meta:
        verbose_name = _("单位筛选值")
        verbose_name_plural = _("单位筛选值")

    def __str__(self) -> str:
        return str(self.unit_id)


class UnitFacetValue(models.Model):
    """One value of a facet a published unit may take several of: a column of its published
    articles, an area or a practice of its measures (by code). One row per unit and value."""

    unit = models.ForeignKey("pilots.PilotUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("试点单位"))
    param = models.CharField(_("筛选项"), max_length=20)
    value = models.CharField(_("值"), max_length=100)

    class Meta:
        verbose_name = _("单位多值筛选值")
        verbose_name_plural = _("单位多值筛选值")
        constraints = [models.UniqueConstraint(fields=["unit", "param", "value"], name="unit_facet_value_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.param}={self.value}"
