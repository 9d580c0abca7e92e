"""The reporting-rate table as CSV or XLSX: columns declared once, one row iterator.

The file is written by the portal's one table writer (``pilots.spreadsheets``), like the library's
unit exports: every cell formula-safe.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pilots.spreadsheets import dated_filename, table_file

from .models import RecordStatus
from .selectors import RateRow


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[RateRow], Any]


def _rate(row: RateRow) -> int | None:
    """A region's rate as a number (92, in per cent); a unit has a status instead."""
    return row.rate if row.region is not None else None


def _status(row: RateRow) -> str:
    if row.region is not None:
        return ""
    status = row.unit.record_status
    return str(RecordStatus(status).label) if status else _("未填报")


RATE_COLUMNS = [
    Column("place", gettext_lazy("区域 / 单位"), lambda row: row.region.name if row.region else row.unit.name),
    Column("expected", gettext_lazy("应报"), lambda row: row.expected),
    Column("submitted", gettext_lazy("已报送"), lambda row: row.submitted),
    Column("approved", gettext_lazy("已通过"), lambda row: row.approved),
    Column("overdue", gettext_lazy("逾期"), lambda row: row.overdue),
    Column("rate", gettext_lazy("报送率（%）"), _rate),
    Column("status", gettext_lazy("状态"), _status),
]


def rate_rows(total: RateRow, rows: list[RateRow]) -> Iterable[list]:
    for row in rows:
        yield [column.value(row) for column in RATE_COLUMNS]
    yield [_("合计"), total.expected, total.submitted, total.approved, total.overdue, total.rate, ""]


def rate_filename(region, year: int, extension: str) -> str:
    """``报送率-台州市-2025年度-2026-11-27.csv``."""
    return dated_filename([_("报送率"), region.name, _("%(year)s年度") % {"year": year}], extension)


def render(rows: Iterable[list], extension: str) -> bytes:
    """The table as a file; every cell safe: a place named ``=1+1`` is text, not a formula."""
    return table_file([str(column.label) for column in RATE_COLUMNS], rows, extension, title=_("报送率"))
