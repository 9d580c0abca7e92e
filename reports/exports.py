"""The reporting-rate table as CSV or XLSX: columns declared once, one row iterator.

(The library's unit exports live in ``library.exports``; the app layers keep reports from importing
the library, so the few lines that write a table are here again.)
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pilots.spreadsheets import safe_row

from .models import RecordStatus
from .selectors import RateRow

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[RateRow], Any]


def _status(row: RateRow) -> str:
    if row.region is not None:
        return f"{row.rate}%"
    status = row.unit.record_status
    return str(RecordStatus(status).label) if status else _("未填报")


RATE_COLUMNS = [
    Column("place", gettext_lazy("区域 / 单位"), lambda row: row.region.name if row.region else row.unit.name),
    Column("expected", gettext_lazy("应报"), lambda row: row.expected),
    Column("submitted", gettext_lazy("已报送"), lambda row: row.submitted),
    Column("approved", gettext_lazy("已通过"), lambda row: row.approved),
    Column("overdue", gettext_lazy("逾期"), lambda row: row.overdue),
    Column("rate", gettext_lazy("报送率 / 状态"), _status),
]


def rate_rows(total: RateRow, rows: list[RateRow]) -> Iterable[list]:
    for row in rows:
        yield [column.value(row) for column in RATE_COLUMNS]
    yield [_("合计"), total.expected, total.submitted, total.approved, total.overdue, f"{total.rate}%"]


def rate_filename(region, year: int, extension: str) -> str:
    """``报送率-台州市-2025年度-2026-11-27.csv``."""
    return f"{_('报送率')}-{region.name}-{year}年度-{timezone.localdate():%Y-%m-%d}.{extension}"


def content_disposition(filename: str) -> str:
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in ".-_") else "_" for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def render(rows: Iterable[list], extension: str) -> bytes:
    """The table as a file; every cell through ``safe_row``: a place named ``=1+1`` is text, not a formula."""
    labels = safe_row(str(column.label) for column in RATE_COLUMNS)
    rows = (safe_row(row) for row in rows)
    if extension == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(labels)
        writer.writerows(rows)
        return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("报送率"))
    sheet.append(labels)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
