"""Exports of unit lists: columns declared once, CSV / XLSX / JSON rendered from one row iterator."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilots.models import PilotUnit
from pilots.spreadsheets import table_csv, table_xlsx
from search.selectors import UnitMatch


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[PilotUnit], Any]
    of_match: bool = False  # the value is read from the UnitMatch (score), not from the unit


def _name(region) -> str:
    return region.name if region else ""


def _practices(unit: PilotUnit) -> str:
    names = dict.fromkeys(practice.name for measure in unit.measures.all() for practice in measure.practices.all())
    return "、".join(names)


def _score(match: UnitMatch) -> float | None:
    return None if match.score is None else round(match.score, 6)


# The figures a reader looks for first, one column each (the latest published value, as printed).
KEY_INDICATORS = [
    "members",
    "union_founding_rate",
    "membership_rate",
    "service_stations",
    "volunteers",
    "funds_invested",
]


def _latest_figure(code: str) -> Callable[[PilotUnit], str]:
    def value(unit: PilotUnit) -> str:
        figures = [v for v in unit.indicator_values.all() if v.definition.code == code]
        return max(figures, key=lambda v: (v.year, v.pk)).display_value if figures else ""

    return value


def export_filename(stem: str, extension: str) -> str:
    """``试点案例-2026-11-27.csv``: what it is and when it was taken."""
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


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
    from pilots.models import IndicatorDefinition

    names = dict(IndicatorDefinition.objects.filter(code__in=KEY_INDICATORS).values_list("code", "name"))
    columns = [*UNIT_COLUMNS]
    columns += [Column(code, names[code], _latest_figure(code)) for code in KEY_INDICATORS if code in names]
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
    keys = [column.key for column in table.columns]
    return [dict(zip(keys, row, strict=True)) for row in table.rows]
