"""The indicator spreadsheet of one unit and year: the template to fill, and reading it back.

One row per indicator with its unit and bounds noted; the columns are declared once (COLUMNS)
and both XLSX and CSV are written from and read into the same rows. A person sees Chinese headers
only: the XLSX keeps the unit's id and each row's indicator code in a hidden sheet, the CSV (which
has none) is read by the unit's full name and the indicators' names; templates with the code
columns (单位ID, 指标代码) made before are read as they were. Reading collects every
cell error (row, indicator, what is wrong) before anything is saved.
"""

import csv
import io
import itertools
import re
import warnings
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from pilots.models import IndicatorDefinition, PilotUnit, Qualifier
from pilots.spreadsheets import cell_text, safe_row, table_csv
from pilots.validation import parse_id, parse_integer

from .forms import bounds_text
from .models import FIRST_REPORTING_YEAR, LAST_REPORTING_YEAR, AnnualRecord, is_reporting_year
from .services.records import ValueInput
from .values import parse_qualifier, parse_value

# Every column a filled template may have: the codes (单位ID, 指标代码) of the templates made before
# they went into the hidden sheet, and the Chinese names a person reads. An upload needs the year, the
# value and the qualifier, and each of the unit and the indicator by its code or by its name.
COLUMNS = ["单位ID", "单位", "年度", "指标代码", "指标名称", "计量单位", "取值范围", "数值", "限定词"]
REQUIRED = ["年度", "数值", "限定词"]
BY_CODE_OR_NAME = [("单位ID", "单位"), ("指标代码", "指标名称")]
# Limits of a filled template, checked before (or while) reading, never after: a template holds one
# row per indicator (about forty), nine columns and short cells, and unpacks to a few dozen KB.
MAX_ROWS = 500
MAX_COLUMNS = 20
MAX_CELL_CHARS = 1_000
MAX_UNPACKED_BYTES = 5 * 1024 * 1024
MAX_ZIP_ENTRIES = 100


def template_rows(unit: PilotUnit, year: int, record: AnnualRecord | None) -> list[list]:
    current = {v.definition_id: v for v in record.values.all()} if record else {}
    labels = dict(Qualifier.choices)
    rows = []
    for definition in IndicatorDefinition.objects.all():
        value = current.get(definition.pk)
        rows.append(
            [
                unit.pk,
                unit.name,
                year,
                definition.code,
                definition.name,
                definition.unit_label,
                bounds_text(definition),
                float(value.value) if value else None,
                str(labels[value.qualifier]) if value and value.qualifier != Qualifier.EXACT else "",
            ]
        )
    return rows


# The XLSX template shows Chinese headers only; what the upload needs to know that a person does not
# (the unit's id, each row's indicator code) is in a hidden sheet, read back on upload.
XLSX_COLUMNS = ["单位", "年度", "指标名称", "计量单位", "取值范围", "数值", "限定词"]
CODES_SHEET = "代码"


def template_xlsx(unit: PilotUnit, year: int, record: AnnualRecord | None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}年度指标"
    sheet.append(XLSX_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    codes = book.create_sheet(CODES_SHEET)
    codes.append(["单位ID", unit.pk, "年度", year])
    for number, row in enumerate(template_rows(unit, year, record), 2):
        _unit_id, name, row_year, code, *shown = row
        sheet.append(safe_row([name, row_year, *shown]))
        codes.append(safe_row([number, code]))
    codes.sheet_state = "hidden"
    fill = PatternFill("solid", fgColor="FFF2CC")
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=2, max_row=last, min_col=6, max_col=7):
        for cell in row:
            cell.fill = fill
    choices = ",".join(str(label) for label in Qualifier.labels)
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    # The qualifier's cell is offered (filled, with its list) only where the indicator takes one.
    none = PatternFill("solid", fgColor="EEEEEE")
    for number, definition in enumerate(IndicatorDefinition.objects.all(), 2):
        if definition.allows_qualifier:
            validation.add(f"G{number}")
        else:
            sheet.cell(row=number, column=7).fill = none
    sheet.add_data_validation(validation)
    for column, width in zip("ABCDEFG", [30, 8, 24, 8, 16, 14, 8], strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_codes(rows: list[list], codes: list[list]) -> list[list]:
    """A filled XLSX template's rows in the full column order, its hidden codes put back."""
    if not rows or "指标代码" in [_cell(c) for c in rows[0]] or not codes:
        return rows
    head = codes[0] if codes else []
    unit_id = head[1] if len(head) > 1 else None
    by_row = {_cell(r[0]): r[1] for r in codes[1:] if len(r) > 1}
    header = [_cell(c) for c in rows[0]]
    result = [COLUMNS]
    for number, row in enumerate(rows[1:], 2):
        cells = {name: (row[i] if i < len(row) else None) for i, name in enumerate(header)}
        result.append(
            [
                unit_id,
                cells.get("单位"),
                cells.get("年度"),
                by_row.get(str(number)),
                cells.get("指标名称"),
                cells.get("计量单位"),
                cells.get("取值范围"),
                cells.get("数值"),
                cells.get("限定词"),
            ]
        )
    return result


def template_csv(unit: PilotUnit, year: int, record: AnnualRecord | None) -> bytes:
    """The template as CSV, Chinese headers only: a CSV has no hidden sheet, so the upload finds the
    unit by its full name (unique) and each indicator by its name (``sheet_read``). Written by the
    one table writer (UTF-8 with a BOM, so that Excel opens it; every cell formula-safe)."""
    rows = [[name, row_year, *shown] for _unit_id, name, row_year, _code, *shown in template_rows(unit, year, record)]
    return table_csv(XLSX_COLUMNS, rows)


@dataclass(frozen=True)
class CellError:
    row: int
    indicator: str
    message: str


@dataclass
class SheetContent:
    unit: PilotUnit | None = None
    year: int | None = None
    values: list[ValueInput] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    rows: int = 0


def _check_archive(data: bytes) -> None:
    """Refuse a workbook whose parts would unpack to more than a template ever holds (zip bombs included)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(_("无法读取该 XLSX 文件，请用下载的模板填写后上传。")) from None
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("该 XLSX 文件解压后有 %(size)s MB，超过上限 %(limit)s MB：请在下载的模板中只填写指标行。")
            % {"size": round(unpacked / 1024 / 1024, 1), "limit": MAX_UNPACKED_BYTES // 1024 // 1024}
        )


def _read_rows(data: bytes) -> list[list]:
    if data[:2] == b"PK":
        _check_archive(data)
        try:
            with warnings.catch_warnings():
                # Workbooks saved by Excel carry extensions openpyxl only warns about.
                warnings.simplefilter("ignore")
                book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError):
            raise ValidationError(_("无法读取该 XLSX 文件，请用下载的模板填写后上传。")) from None
        try:
            sheet = book.worksheets[0]
            # Read-only mode streams the rows; only the first MAX_ROWS + 1 rows and MAX_COLUMNS columns are kept.
            rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS)]
            codes = []
            if CODES_SHEET in book.sheetnames:
                hidden = book[CODES_SHEET]
                codes = [list(row) for row in hidden.iter_rows(values_only=True, max_row=MAX_ROWS + 2, max_col=4)]
            return _with_codes(rows, codes)
        except (IndexError, KeyError, ValueError, zipfile.BadZipFile):
            raise ValidationError(_("无法读取该 XLSX 文件，请用下载的模板填写后上传。")) from None
        finally:
            book.close()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("无法识别文件编码，请保存为 UTF-8 编码的 CSV 或 XLSX。"))
    if "\x00" in text:
        raise ValidationError(_("该文件不是 CSV 或 XLSX 表格。"))
    try:
        return [row[:MAX_COLUMNS] for row in itertools.islice(csv.reader(io.StringIO(text)), MAX_ROWS + 2)]
    except csv.Error:
        raise ValidationError(
            _("CSV 文件格式有误或单元格过长（每格最多 %(n)s 个字符）。") % {"n": MAX_CELL_CHARS}
        ) from None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def sheet_read(data: bytes, *, units=None) -> SheetContent:
    """Every row of a filled template, checked; ``errors`` lists each cell that is wrong.

    ``units`` are the units the reader may learn of (``permissions.units_known_to``): any other id
    is answered as nonexistent, so a draft unit's existence is not revealed.
    """
    known_units = units
    content = SheetContent()
    rows = _read_rows(data)
    if not rows:
        raise ValidationError(_("文件是空的。"))
    header = [_cell(cell) for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    # Named as the file names its other columns: by code beside 单位ID or 指标代码, else by name.
    with_codes = any(code in header for code, _name in BY_CODE_OR_NAME)
    missing += [
        code if with_codes else name for code, name in BY_CODE_OR_NAME if code not in header and name not in header
    ]
    missing.sort(key=COLUMNS.index)
    if missing:
        raise ValidationError(_("第1行缺少列：%(columns)s。请使用下载的模板。") % {"columns": "、".join(missing)})
    position = {name: header.index(name) for name in COLUMNS if name in header}
    by_code = "指标代码" in position
    all_definitions = list(IndicatorDefinition.objects.all())
    definitions = {d.code: d for d in all_definitions}
    named = {}
    for definition in all_definitions:
        named.setdefault(definition.name, definition)
    seen: dict[str, int] = {}
    units: set[str] = set()
    years: set[str] = set()
    for number, row in enumerate(rows[1:], 2):
        cells = {name: (row[index] if index < len(row) else None) for name, index in position.items()}
        if all(_cell(value) == "" for value in cells.values()):
            continue
        content.rows += 1
        if any(len(_cell(value)) > MAX_CELL_CHARS for value in row):
            content.errors.append(
                CellError(number, "", _("单元格内容过长：每格最多 %(n)s 个字符。") % {"n": MAX_CELL_CHARS})
            )
            continue
        # A unit named like a formula was written with an apostrophe before it (safe_cell).
        units.add(_cell(cells["单位ID"]) if "单位ID" in cells else cell_text(_cell(cells["单位"])))
        years.add(_cell(cells["年度"]))
        if by_code:
            code = _cell(cells["指标代码"])
            definition = definitions.get(code)
            if definition is None:
                content.errors.append(CellError(number, code, _("未知的指标代码“%(code)s”。") % {"code": code}))
                continue
        else:
            name = _cell(cells["指标名称"])
            definition = named.get(name)
            if definition is None:
                content.errors.append(CellError(number, name, _("未知的指标名称“%(name)s”。") % {"name": name}))
                continue
            code = definition.code
        if code in seen:
            content.errors.append(
                CellError(number, definition.name, _("该指标已在第%(row)s行填写。") % {"row": seen[code]})
            )
            continue
        seen[code] = number
        try:
            value = parse_value(definition, cells["数值"])
            qualifier = parse_qualifier(definition, _cell(cells["限定词"]))
        except ValidationError as error:
            content.errors.extend(CellError(number, definition.name, message) for message in error.messages)
            continue
        content.values.append(ValueInput(definition, value, qualifier))
    if len(rows) > MAX_ROWS + 1:
        content.errors.append(CellError(MAX_ROWS + 2, "", _("行数过多：最多 %(n)s 行。") % {"n": MAX_ROWS}))
    by_unit_id = "单位ID" in position
    if len(units) > 1 or len(years) > 1:
        message = (
            _("所有行的单位ID和年度必须相同（一个文件只填一个单位的一个年度）。")
            if by_unit_id
            else _("所有行的单位和年度必须相同（一个文件只填一个单位的一个年度）。")
        )
        content.errors.append(CellError(0, "", message))
    elif units:
        unit_text, year_text = units.pop(), years.pop()
        known = PilotUnit.objects.all() if known_units is None else known_units
        if by_unit_id:
            unit_id = parse_id(unit_text)
            content.unit = known.filter(pk=unit_id).first() if unit_id is not None else None
            missing_unit = _("单位ID“%(id)s”不存在。") % {"id": unit_text}
        else:  # by its full name, unique among units
            content.unit = known.filter(name=unit_text).first() if unit_text else None
            missing_unit = _("没有名为“%(name)s”的单位：请保留模板中的单位全称。") % {"name": unit_text}
        content.year = parse_integer(year_text, minimum=FIRST_REPORTING_YEAR, maximum=LAST_REPORTING_YEAR)
        if content.unit is None:
            content.errors.append(CellError(0, "", missing_unit))
        if not is_reporting_year(content.year):
            content.errors.append(CellError(0, "", _("年度“%(year)s”无效。") % {"year": year_text}))
    else:
        content.errors.append(CellError(0, "", _("表格中没有指标行。")))
    return content


def template_filename(unit: PilotUnit, year: int, extension: str) -> str:
    """``2024年度报告-凯旋街道总工会.xlsx``: the year and the unit as people name them."""
    name = unit.short_name or unit.name
    name = re.sub(r'[\\/:*?"<>|\s]+', "", name) or str(unit.pk)
    return f"{year}年度报告-{name}.{extension}"
