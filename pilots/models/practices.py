from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualName:
    """``local_name``: the English name in the English UI when there is one, the Chinese name otherwise."""

    name: str
    name_en: str

    @property
    def local_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class PracticeArea(BilingualName, models.Model):
    """One of the five "活" areas of the street-vitality overview, or funding / online work."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("做法领域")
        verbose_name_plural = _("做法领域")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.local_name

    def natural_key(self):
        return (self.code,)


class Practice(BilingualName, models.Model):
    """A named reform practice (专兼挂 staffing, grid management, shared positions ...).

    Practices are data, loaded from ``fixtures/practices.yaml``; the overview's statistics count
    how many pilots adopted each one.
    """

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=120, blank=True)
    area = models.ForeignKey(PracticeArea, on_delete=models.PROTECT, related_name="practices", verbose_name=_("领域"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("改革做法")
        verbose_name_plural = _("改革做法")
        ordering = ["area__order", "order", "code"]

    def __str__(self) -> str:
        return self.local_name

    def natural_key(self):
        return (self.code,)
