"""Every table the portal writes as a file (CSV, XLSX), and its cells: text a spreadsheet would run stays text.

The cells' shapes are decided here too, once for every exporter: a number (``Decimal`` included) is a
number — a numeric cell in XLSX, digits without trailing zeros in CSV; a list (a unit's practices) is
its items joined by :data:`LIST_SEPARATOR` ("；"), which no name in the taxonomy contains, where "、"
would be misread (one practice is called "行业、楼宇、商圈、市场工会").

A unit name such as ``=HYPERLINK(...)`` or ``@SUM(...)`` written as is becomes a live formula in
Excel or LibreOffice (CSV/formula injection). Every exporter — the library's case exports, the
records' templates, the reporting-rate tables — passes its cells through :func:`safe_cell`, the
one place that decides. A leading apostrophe is the spreadsheets' own mark for "this is text".
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.utils import timezone

# OWASP's list: the formula starters, and tab / carriage return that some programs skip before one.
FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")
# Control characters that XML 1.0 (and so an XLSX cell) cannot hold; tab and line breaks stay.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Between the items of a list in one cell.
LIST_SEPARATOR = "；"


def plain_number(value: Decimal | int | float) -> int | float:
    """A number as a cell holds it: 7826 (not 7826.0000), 92.5."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def safe_cell(value: Any) -> Any:
    """``value`` ready for a cell: None as empty, a list joined by "；", a Decimal as a plain number,
    control characters dropped (a search term typed as
    ``?q=A%08`` is carried into a workbook's context rows), a string that could start a formula as text."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, str):
        value = CONTROL_CHARACTERS.sub("", value)
        if value.startswith(FORMULA_STARTERS):
            return "'" + value
    return value


def cell_text(value: str) -> str:
    """What :func:`safe_cell` wrote, read back: the apostrophe it put before a formula starter dropped."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTERS):
        return value[1:]
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_csv(labels: Iterable, rows: Iterable[Iterable]) -> bytes:
    """A table as CSV: UTF-8 with a BOM (so that Excel opens the Chinese text), every cell safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(labels))
    for row in rows:
        writer.writerow(safe_row(row))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def display_width(value: Any) -> int:
    """How many columns ``value`` takes in a spreadsheet: a Chinese character counts as two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(value))


# Column widths are measured on the header and the first rows, between a narrow and a wide column.
WIDTH_SAMPLE, MIN_WIDTH, MAX_WIDTH = 500, 8, 60


class Percent(float):
    """A share (0.1432) a workbook shows in per cent ("14%") and keeps as its number; text elsewhere."""

    number_format = "0%"


@dataclass
class Sheet:
    """One sheet of a workbook: ``labels`` a header row (bold, frozen), or None for a sheet of notes."""

    title: str
    labels: list | None
    rows: list[list] = field(default_factory=list)


def workbook_xlsx(sheets: Iterable[Sheet]) -> bytes:
    """Sheets as one workbook, every cell safe, each header row bold and frozen, each column as wide as
    its header and first rows, a :class:`Percent` written as its number in per cent (streamed: write-only)."""
    from openpyxl import Workbook  # loaded by the first workbook, not by every process
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for part in sheets:
        sheet = workbook.create_sheet(title=str(part.title)[:31])
        header = safe_row(part.labels) if part.labels is not None else None
        rows = [safe_row(row) for row in part.rows]
        sample = ([header] if header else []) + rows[:WIDTH_SAMPLE]
        for index in range(max((len(row) for row in sample), default=0)):
            widest = max(display_width(row[index]) for row in sample if index < len(row))
            sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)
        if header is not None:
            sheet.freeze_panes = "A2"
            bold = Font(bold=True)
            sheet.append([_styled(sheet, WriteOnlyCell, value, font=bold) for value in header])
        for row in rows:
            sheet.append(
                [
                    _styled(sheet, WriteOnlyCell, float(value), number_format=value.number_format)
                    if isinstance(value, Percent)
                    else value
                    for value in row
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _styled(sheet, cell_class, value, **style):
    cell = cell_class(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def table_xlsx(labels: Iterable, rows: Iterable[Iterable], *, title: str) -> bytes:
    """A table as a one-sheet workbook named ``title`` (:func:`workbook_xlsx`)."""
    return workbook_xlsx([Sheet(str(title), list(labels), [list(row) for row in rows])])


def table_file(labels: Iterable, rows: Iterable[Iterable], extension: str, *, title: str) -> bytes:
    """The table as ``extension`` ("csv" or "xlsx")."""
    if extension == "csv":
        return table_csv(labels, rows)
    if extension == "xlsx":
        return table_xlsx(labels, rows, title=title)
    raise ValueError(f"unknown table format {extension}")


# Characters no file system takes in a name, and runs of blanks.
UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')
# A name's parts before the date, in characters: a Chinese character is three bytes of the 255 a name may take.
MAX_NAME_CHARS = 60


def dated_filename(parts: Iterable[Any], extension: str) -> str:
    """``试点案例-杭州市-街道总工会-2026-12-06.xlsx``: what the file holds, what it was narrowed to, the day.

    Each part is stripped of what a file system refuses; a name that would grow too long keeps its
    first parts and ends with "等"."""
    cleaned = [UNSAFE_IN_NAMES.sub("", str(part)) for part in parts]
    stem = "-".join(part for part in cleaned if part)
    if len(stem) > MAX_NAME_CHARS:
        stem = stem[: MAX_NAME_CHARS - 1].rstrip("-") + "等"
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


def content_disposition(filename: str) -> str:
    """An attachment header that keeps a Chinese file name (RFC 6266), with an ASCII fallback."""
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in ".-_") else "_" for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
