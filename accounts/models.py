from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pilots.models import PilotUnit, Region, RegionLevel


class Role(models.TextChoices):
    SUBMITTER = "submitter", _("填报人")
    REVIEWER = "reviewer", _("审核人")
    STAFF = "staff", _("省总工会工作人员")
    EDITOR = "editor", _("编辑")
    ADMIN = "admin", _("管理员")


REVIEWER_REGION_LEVELS = {RegionLevel.CITY, *RegionLevel.county_levels()}


class Membership(models.Model):
    """What an account is in the reporting workflow: its role and the unit or region it acts for.

    A submitter belongs to one pilot unit; a reviewer to a region (a city or county-level
    federation) and everything below it; staff, editors and admins to no place. Which actions each
    role may take is declared in the rights registry (``accounts.permissions``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name=_("账号")
    )
    role = models.CharField(_("角色"), max_length=12, choices=Role.choices)
    unit = models.ForeignKey(
        PilotUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("所属试点单位"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("负责区域"),
    )

    class Meta:
        # The table it had in ``reports`` (moved without a data migration: migrations
        # accounts.0001 and reports.0003 move the model's state only).
        db_table = "reports_membership"
        verbose_name = _("账号角色")
        verbose_name_plural = _("账号角色")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role="submitter") & models.Q(unit__isnull=False) & models.Q(region__isnull=True))
                | (models.Q(role="reviewer") & models.Q(region__isnull=False) & models.Q(unit__isnull=True))
                | (
                    models.Q(role__in=["staff", "editor", "admin"])
                    & models.Q(unit__isnull=True)
                    & models.Q(region__isnull=True)
                ),
                name="membership_scope_matches_role",
            ),
        ]

    def __str__(self) -> str:
        place = self.unit or self.region
        return f"{self.user}：{self.get_role_display()}" + (f"（{place}）" if place else "")

    def clean(self) -> None:
        if self.role == Role.SUBMITTER:
            if not self.unit_id:
                raise ValidationError({"unit": _("填报人必须属于一个试点单位。")})
            if self.region_id:
                raise ValidationError({"region": _("填报人只属于单位，不填负责区域。")})
        elif self.role == Role.REVIEWER:
            if not self.region_id:
                raise ValidationError({"region": _("审核人必须负责一个市或县（市、区）。")})
            if self.region.level not in REVIEWER_REGION_LEVELS:
                raise ValidationError({"region": _("审核人的负责区域应为地级市或县级行政区。")})
            if self.unit_id:
                raise ValidationError({"unit": _("审核人只负责区域，不填所属单位。")})
        elif self.unit_id or self.region_id:
            raise ValidationError(_("“%(role)s”不属于具体单位或区域。") % {"role": self.get_role_display()})
