"""The dashboards' own parameters (the indicator, the reporting year and region), read with a clear
Chinese message naming the parameter; the unit filters are the library's ``PilotUnitFilter``."""

from django.core.validators import slug_re
from django.utils.translation import gettext as _

from pilots.models import IndicatorDefinition, Region, UnitKind
from pilots.validation import parse_id, parse_integer
from reports.models import FIRST_REPORTING_YEAR, LAST_REPORTING_YEAR, AnnualRecord, current_reporting_year
from reports.permissions import rate_region
from reports.selectors import deadline_years

from .indicators import indicator_choices

DEFAULT_INDICATOR = "members"


class InputError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def indicator_from(params, *, required: bool = True) -> IndicatorDefinition | None:
    """The indicator named by ``indicator`` (its code); the default one on the page."""
    code = (params.get("indicator") or "").strip()
    if not code:
        if required:
            raise InputError("indicator", _("请指定指标代码（indicator），如 members。"))
        return indicator_choices().filter(code=DEFAULT_INDICATOR).first() or indicator_choices().first()
    # A code is a slug (IndicatorDefinition.code): anything else names none, and is not sent to the
    # database (PostgreSQL refuses a NUL in a string: ?indicator=%00 was a 500; found by the fuzz).
    definition = indicator_choices().filter(code=code[:40]).first() if slug_re.fullmatch(code) else None
    if definition is None:
        raise InputError("indicator", _("没有代码为“%(code)s”的指标。") % {"code": code[:40]})
    return definition


def indicator_kind_from(params) -> str:
    """The kind of unit the indicator panel counts (``indicator_kind``); empty: the kind with most values."""
    code = (params.get("indicator_kind") or "").strip()
    if code and code not in UnitKind.values:
        raise InputError(
            "indicator_kind",
            _("单位类型“%(code)s”不存在，可选：%(choices)s。")
            % {"code": code[:40], "choices": "、".join(UnitKind.values)},
        )
    return code


def reporting_years() -> list[int]:
    years = AnnualRecord.objects.order_by().values_list("year", flat=True).distinct()
    return sorted(set(years) | set(deadline_years()))


def reporting_year(params) -> int:
    text = (params.get("year") or "").strip()
    if not text:
        years = reporting_years()
        return years[-1] if years else current_reporting_year()
    year = parse_integer(text, minimum=FIRST_REPORTING_YEAR, maximum=LAST_REPORTING_YEAR)
    if year is None:
        raise InputError(
            "year",
            _("年度应为 %(first)s—%(last)s 之间的整数，收到“%(value)s”。")
            % {"first": FIRST_REPORTING_YEAR, "last": LAST_REPORTING_YEAR, "value": text[:10]},
        )
    return year


def reporting_request(user, params) -> tuple[Region, int]:
    """The region and year of a reporting-progress request; permission decided in reports.permissions."""
    requested = params.get("region") or None
    if requested is not None and parse_id(requested) is None:
        rate_region(user)  # the right to see reporting rates first (403), then the input (400)
        raise InputError("region", _("区域编号应为正整数，收到“%(value)s”。") % {"value": str(requested)[:20]})
    region = rate_region(user, requested)
    return region, reporting_year(params)
