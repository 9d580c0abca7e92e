"""The whole dashboard view as one XLSX workbook, and the context every export carries.

A first sheet lists the filters in words and the data's date; then a sheet per panel, built from the
panel's declared table (``dashboards.tables``): numbers stay numbers (shares as percentages), column
widths are set from their contents, cells pass through ``pilots.spreadsheets.safe_row``.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from library.filters import PilotUnitFilter
from pilots.models import PracticeArea, Region
from pilots.spreadsheets import safe_row
from pilots.templatetags.proper_names import list_separator
from pilots.validation import parse_id

from . import selectors
from .tables import ExportTable, Share

PORTAL_NAME = "浙江省基层工会改革试点案例库"
SOURCE_LINE = gettext_noop("数据来源：已发布的试点案例、文章与通过审核的年度报告")


def _choice_labels(name: str) -> dict:
    field = PilotUnitFilter.base_filters[name]
    choices = field.extra.get("choices")
    if choices:
        return {str(value): str(label) for value, label in choices}
    if name == "practice":
        areas = PracticeArea.objects.prefetch_related("practices")
        return {p.code: p.local_name for area in areas for p in area.practices.all()}
    if name == "area":
        return {area.code: area.local_name for area in PracticeArea.objects.all()}
    return {}


def filters_in_words(data) -> list[tuple[str, str]]:
    """The library's filters of ``data`` as (label, values) in words: ("类型", "街道总工会、社区工会")."""
    return [(label, list_separator().join(values)) for label, values, _places in filters_listed(data)]


# The filters whose values are places, kept as printed (marked as Chinese on an English page).
PLACE_FILTERS = {"city", "county", "region"}


def filters_listed(data) -> list[tuple[str, list[str], bool]]:
    """Each filter of ``data`` as (label, its values in words, whether the values are place names)."""
    words = []
    for name in selectors.FILTER_NAMES:
        values = [str(v) for v in selectors.param_values(data, name)]
        if not values:
            continue
        labels = _choice_labels(name) if name in ("words", "kind", "pilot_level", "practice", "area", "column") else {}
        if name == "region":
            ids = [pk for pk in map(parse_id, values) if pk is not None]
            labels = {str(pk): n for pk, n in Region.objects.filter(pk__in=ids).values_list("pk", "name")}
        label = str(PilotUnitFilter.base_filters[name].label)
        words.append((label, [labels.get(v, v) for v in values], name in PLACE_FILTERS))
    return words


def filters_sentence(data) -> str:
    words = filters_in_words(data)
    if not words:
        return _("全省，未筛选")
    return _("；").join(_("%(name)s：%(value)s") % {"name": label, "value": value} for label, value in words)


def data_date():
    """The date of the newest data the panels count (the last change of the data), else today."""
    from .models import DataVersion

    changed = DataVersion.objects.values_list("changed_at", flat=True).first()
    return timezone.localtime(changed).date() if changed else timezone.localdate()


def place_words(data) -> str:
    """The place of the view for a file name: the county, the city, or 浙江省."""
    for name in ("county", "city"):
        values = selectors.param_values(data, name)
        if values:
            return str(values[0])
    return "浙江省"


def _cell(raw, value):
    """The cell's value and number format: a share (``tables.Share``) as its number shown in per cent;
    text that looks like a percentage but is a figure as printed ("95%以上", "95%") stays text."""
    if isinstance(raw, Share):
        return raw.share, "0%"
    return value, None


def _width(value) -> int:
    text = str(value)
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def render_workbook(sheets: list[tuple[str, ExportTable]], context_rows: list[tuple[str, str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    first = workbook.active
    first.title = _("说明")
    for label, value in context_rows:
        first.append(safe_row([label, value]))
    first.column_dimensions["A"].width = 14
    first.column_dimensions["B"].width = max(20, min(80, max(_width(v) for _l, v in context_rows) + 2))
    for title, table in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(safe_row(table.labels))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [_width(label) for label in table.labels]
        for row in table.rows:
            values = []
            formats = []
            for i, (raw, safe) in enumerate(zip(row, safe_row(row), strict=True)):
                value, number_format = _cell(raw, safe)
                values.append(value)
                formats.append(number_format)
                widths[i] = max(widths[i], _width(safe))
            sheet.append(values)
            for i, number_format in enumerate(formats):
                if number_format:
                    sheet.cell(row=sheet.max_row, column=i + 1).number_format = number_format
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(60, width + 2)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = ["PORTAL_NAME", "SOURCE_LINE", "filters_in_words", "render_workbook"]
