"""The whole dashboard view as one XLSX workbook, and the context every export carries.

A first sheet lists the filters in words and the data's date; then a sheet per panel, built from the
panel's declared table (``dashboards.tables``): numbers stay numbers (shares as percentages), column
widths are set from their contents: written by the one table writer (``pilots.spreadsheets.workbook_xlsx``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from library.filters import PilotUnitFilter
from pilots.models import PracticeArea, Region
from pilots.spreadsheets import Percent, Sheet, workbook_xlsx
from pilots.templatetags.proper_names import list_separator
from pilots.validation import parse_id

from . import unit_sets
from .models import DataVersion
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
    for name in unit_sets.FILTER_NAMES:
        values = [str(v) for v in unit_sets.param_values(data, name)]
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
    changed = DataVersion.objects.values_list("changed_at", flat=True).first()
    return timezone.localtime(changed).date() if changed else timezone.localdate()


def place_words(data) -> str:
    """The place of the view for a file name: the county, the city, or 浙江省."""
    for name in ("county", "city"):
        values = unit_sets.param_values(data, name)
        if values:
            return str(values[0])
    return "浙江省"


def _cells(row: list) -> list:
    return [Percent(value.share) if isinstance(value, Share) else value for value in row]


def render_workbook(sheets: list[tuple[str, ExportTable]], context_rows: list[tuple[str, str]]) -> bytes:
    """The notes sheet, then a sheet per panel, written by the portal's one table writer; a share
    (``tables.Share``) as its number shown in per cent, text that looks like a percentage but is a figure
    as printed ("95%以上", "95%") stays text."""
    notes = Sheet(_("说明"), None, [[label, value] for label, value in context_rows])
    tables = [
        Sheet(
            title, table.labels, [[Percent(v.share) if isinstance(v, Share) else v for v in row] for row in table.rows]
        )
        for title, table in sheets
    ]
    return workbook_xlsx([notes, *tables])


__all__ = ["PORTAL_NAME", "SOURCE_LINE", "filters_in_words", "render_workbook"]
