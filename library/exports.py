"""Exports of unit lists: columns declared once, CSV / XLSX / JSON rendered from one row iterator."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from pilots.models import PilotUnit
from pilots.spreadsheets import safe_row


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[PilotUnit], Any]


def _name(region) -> str:
    return region.name if region else ""


def _practices(unit: PilotUnit) -> str:
    names = dict.fromkeys(practice.name for measure in unit.measures.all() for practice in measure.practices.all())
    return "、".join(names)


def _score(match) -> float | None:
    return None if match is None or match.score is None else round(match.score, 6)


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
    Column("score", _("相关度"), lambda unit: _score(getattr(unit, "match", None))),
]


@dataclass
class ExportTable:
    """What an export renderer receives: the columns and an iterator of rows (one list per unit)."""

    columns: list[Column]
    rows: Iterable[list]
    filename: str

    @property
    def labels(self) -> list[str]:
        return [str(column.label) for column in self.columns]


def unit_table(units: Iterable[PilotUnit], *, filename: str = "cases") -> ExportTable:
    def rows() -> Iterator[list]:
        for unit in units:
            yield [column.value(unit) for column in UNIT_COLUMNS]

    return ExportTable(UNIT_COLUMNS, rows(), filename)


def render_csv(table: ExportTable) -> bytes:
    """UTF-8 with BOM, so that Excel opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(table.labels))
    for row in table.rows:
        writer.writerow(safe_row(row))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def render_xlsx(table: ExportTable) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("试点单位")))
    sheet.append(safe_row(table.labels))
    for row in table.rows:
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_json(table: ExportTable) -> list[dict]:
    keys = [column.key for column in table.columns]
    return [dict(zip(keys, row, strict=True)) for row in table.rows]
