from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .records import AnnualRecord, RecordStatus


class TransitionAction(models.TextChoices):
    SUBMIT = "submit", _("报送")
    APPROVE = "approve", _("审核通过")
    RETURN = "return", _("退回修改")
    REVISE = "revise", _("重新编辑")
    REOPEN = "reopen", _("重新打开")


class RecordTransition(models.Model):
    """One step of a record through the workflow: who moved it, when, from where to where, and why."""

    record = models.ForeignKey(
        AnnualRecord, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("年度报告")
    )
    action = models.CharField(_("操作"), max_length=12, choices=TransitionAction.choices)
    from_status = models.CharField(_("原状态"), max_length=12, choices=RecordStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=12, choices=RecordStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("操作人")
    )
    comment = models.TextField(_("意见"), blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")
        ordering = ["record", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")), name="transition_changes_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class FieldComment(models.Model):
    """A reviewer's remark pinned to one field of a returned record, shown next to that field.

    ``field`` names the form field: ``highlights``, ``problems``, ``plans``, ``measures``,
    ``positions`` or ``value:<indicator code>``.
    """

    transition = models.ForeignKey(
        RecordTransition, on_delete=models.CASCADE, related_name="field_comments", verbose_name=_("流转记录")
    )
    field = models.CharField(_("字段"), max_length=60)
    comment = models.TextField(_("意见"))

    class Meta:
        verbose_name = _("字段意见")
        verbose_name_plural = _("字段意见")
        ordering = ["transition", "id"]

    def __str__(self) -> str:
        return f"{self.field}：{self.comment}"


class ReportingDeadline(models.Model):
    """The day by which every expected unit should have submitted its record of ``year``."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    due_on = models.DateField(_("报送截止日期"))

    class Meta:
        verbose_name = _("报送截止日期")
        verbose_name_plural = _("报送截止日期")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}：{self.due_on:%Y-%m-%d}"
