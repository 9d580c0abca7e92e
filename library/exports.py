"""Exports of unit lists: columns declared once, CSV / XLSX / JSON rendered from one row iterator."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pilots.models import IndicatorDefinition, PilotUnit
from pilots.spreadsheets import dated_filename, plain_number, table_csv, table_xlsx
from search.selectors import UnitMatch


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[PilotUnit], Any]
    of_match: bool = False  # the value is read from the UnitMatch (score), not from the unit


def _name(region) -> str:
    return region.name if region else ""


def _practices(unit: PilotUnit) -> list[str]:
    """The unit's practices as a list: one array in JSON, names joined by "；" in a table's cell
    (``pilots.spreadsheets.LIST_SEPARATOR``; practice names themselves contain "、"). Named in the
    request's language as the pages name them (``local_name``: the English name on an English page)."""
    return list(
        dict.fromkeys(practice.local_name for measure in unit.measures.all() for practice in measure.practices.all())
    )


def _score(match: UnitMatch) -> float | None:
    return None if match.score is None else round(match.score, 6)


# The figures a reader looks for first, two columns each: the latest published value as a number
# (in the indicator's unit: 人, 个, %, 万元 …) and as printed ("7826人", "95%以上", "10余个").
KEY_INDICATORS = [
    "members",
    "union_founding_rate",
    "membership_rate",
    "service_stations",
    "volunteers",
    "funds_invested",
]
PRINTED_SUFFIX = "_printed"


def _latest_value(unit: PilotUnit, code: str):
    figures = [v for v in unit.indicator_values.all() if v.definition.code == code]
    return max(figures, key=lambda v: (v.year, v.pk)) if figures else None


def _latest_number(code: str) -> Callable[[PilotUnit], int | float | None]:
    def value(unit: PilotUnit) -> int | float | None:
        figure = _latest_value(unit, code)
        return None if figure is None else plain_number(figure.value)

    return value


def _latest_printed(code: str) -> Callable[[PilotUnit], str]:
    def value(unit: PilotUnit) -> str:
        figure = _latest_value(unit, code)
        return figure.display_value if figure else ""

    return value


# The unit of an indicator's number in a column's header, in the request's language ("人", "persons").
HEADER_UNITS = {
    "count": pgettext_lazy("表头中的单位", "个"),
    "percent": "%",
    "money": pgettext_lazy("表头中的单位", "万元"),
    "area": pgettext_lazy("表头中的单位", "平方米"),
    "persons": pgettext_lazy("表头中的单位", "人"),
}


def figure_columns(code: str, name: str, unit_label: str) -> list["Column"]:
    """An indicator's two columns: "会员人数（人）" the number, "会员人数（原文）" the figure as printed
    (as the source printed it, "95%以上", in either language: the case page shows it so too)."""
    return [
        Column(code, _("%(name)s（%(unit)s）") % {"name": name, "unit": unit_label}, _latest_number(code)),
        Column(code + PRINTED_SUFFIX, _("%(name)s（原文）") % {"name": name}, _latest_printed(code)),
    ]


def export_filename(stem: str, extension: str, filters: Iterable[str] = ()) -> str:
    """``试点案例-杭州市-街道总工会-2026-11-27.csv``: what it is, the filters it was taken with, the day."""
    return dated_filename([stem, *filters], extension)


UNIT_COLUMNS = [
    Column("id", _("编号"), lambda unit: unit.pk),
    Column("name", _("全称"), lambda unit: unit.name),
    Column("short_name", _("简称"), lambda unit: unit.short_name),
    Column("kind", _("类型"), lambda unit: str(unit.get_kind_display())),
    Column("city", _("地级市"), lambda unit: _name(unit.city)),
    Column("county", _("县（市、区）"), lambda unit: _name(unit.county)),
    Column("street", _("街道（乡镇）"), lambda unit: _name(unit.street)),
    Column("pilot_level", _("试点层级"), lambda unit: str(unit.get_pilot_level_display())),
    Column("designated_year", _("确定为试点年份"), lambda unit: unit.designated_year),
    Column("practices", _("改革做法"), _practices),
]
SCORE_COLUMN = Column("score", _("相关度"), _score, of_match=True)


@dataclass
class ExportTable:
    """What an export renderer receives: the columns and an iterator of rows (one list per unit)."""

    columns: list[Column]
    rows: Iterable[list]
    filename: str

    @property
    def labels(self) -> list[str]:
        return [str(column.label) for column in self.columns]


def unit_columns(*, page_url: Callable[[PilotUnit], str] | None = None, scored: bool = False) -> list[Column]:
    """The unit columns, the key figures, the case page's address and (for a search) the relevance."""
    definitions = {d.code: d for d in IndicatorDefinition.objects.filter(code__in=KEY_INDICATORS)}
    columns = [*UNIT_COLUMNS]
    for code in KEY_INDICATORS:
        if code in definitions:
            definition = definitions[code]
            unit = HEADER_UNITS.get(definition.value_type, definition.unit_label)
            columns += figure_columns(code, definition.local_name, str(unit))
    if page_url is not None:
        columns.append(Column("url", _("案例页面"), page_url))
    if scored:
        columns.append(SCORE_COLUMN)
    return columns


def unit_table(
    units: Iterable[UnitMatch | PilotUnit],
    *,
    filename: str = "cases",
    page_url: Callable[[PilotUnit], str] | None = None,
    scored: bool = False,
) -> ExportTable:
    """The export of a results list (``UnitMatch`` items) or of plain units (no score)."""
    columns = unit_columns(page_url=page_url, scored=scored)

    def rows() -> Iterator[list]:
        for item in units:
            match = item if isinstance(item, UnitMatch) else UnitMatch(item)
            yield [column.value(match if column.of_match else match.unit) for column in columns]

    return ExportTable(columns, rows(), filename)


def render_csv(table: ExportTable) -> bytes:
    return table_csv(table.labels, table.rows)


def render_xlsx(table: ExportTable) -> bytes:
    return table_xlsx(table.labels, table.rows, title=_("试点单位"))


def render_json(table: ExportTable) -> list[dict]:
    """One object per row, keyed by the columns' keys: numbers as numbers, lists as arrays."""
    keys = [column.key for column in table.columns]
    return [
        dict(zip(keys, [plain_number(v) if isinstance(v, Decimal) else v for v in row], strict=True))
        for row in table.rows
    ]
