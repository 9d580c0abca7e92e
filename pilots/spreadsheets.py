"""Cells of every file the portal writes (CSV, XLSX): text that a spreadsheet would run stays text.

A unit name such as ``=HYPERLINK(...)`` or ``@SUM(...)`` written as is becomes a live formula in
Excel or LibreOffice (CSV/formula injection). Every exporter — the library's case exports, the
records' templates, the reporting-rate tables — passes its cells through :func:`safe_cell`, the
one place that decides. A leading apostrophe is the spreadsheets' own mark for "this is text".
"""

from typing import Any

# OWASP's list: the formula starters, and tab / carriage return that some programs skip before one.
FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` ready for a cell: None as empty, a string that could start a formula as text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTERS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
