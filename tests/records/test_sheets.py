"""The XLSX/CSV indicator template: download, fill, upload all-or-nothing, idempotent."""

import csv
import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from pilots.models import IndicatorDefinition
from reports.models import AnnualRecord

COLUMNS = {"value": 6, "qualifier": 7}


def _codes(book) -> dict[int, str]:
    """Row number -> indicator code, from the template's hidden sheet."""
    return {row[0]: row[1] for row in book["代码"].iter_rows(min_row=2, values_only=True)}


def _download(client, unit, year, fmt="xlsx"):
    return client.get(reverse("reports:sheet-template"), {"unit": unit.pk, "year": year, "format": fmt})


def _fill_xlsx(content: bytes, values: dict) -> bytes:
    book = load_workbook(io.BytesIO(content))
    sheet, codes = book.active, _codes(book)
    for number, row in enumerate(sheet.iter_rows(min_row=2), 2):
        code = codes[number]
        if code in values:
            value, qualifier = values[code] if isinstance(values[code], tuple) else (values[code], "")
            row[COLUMNS["value"] - 1].value = value
            row[COLUMNS["qualifier"] - 1].value = qualifier
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client, data: bytes, name="filled.xlsx"):
    return client.post(reverse("reports:sheet-upload"), {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def submitter(client, accounts):
    client.force_login(accounts["submitter_own"])
    return client


def test_template_has_one_row_per_indicator_with_unit_and_bounds(submitter, home_unit):
    response = _download(submitter, home_unit, 2019)
    assert response.status_code == 200
    name = home_unit.short_name or home_unit.name
    assert quote(f"2019年度报告-{name}.xlsx") in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header == ["单位", "年度", "指标名称", "计量单位", "取值范围", "数值", "限定词"]  # Chinese only
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in rows] == list(IndicatorDefinition.objects.values_list("name", flat=True))
    assert not any("_" in str(cell) for row in rows for cell in row if cell)  # no code on the visible sheet
    rate = next(row for row in rows if row[2] == IndicatorDefinition.objects.get(code="membership_rate").name)
    assert rate[3] == "%" and rate[4] == "0–100 %"
    assert {row[0] for row in rows} == {home_unit.name} and {row[1] for row in rows} == {2019}
    # the codes the upload reads are in a hidden sheet
    assert book["代码"].sheet_state == "hidden"
    assert list(_codes(book).values()) == list(IndicatorDefinition.objects.values_list("code", flat=True))
    assert book["代码"]["B1"].value == home_unit.pk


def test_upload_with_a_broken_row_lists_every_cell_error_and_saves_nothing(submitter, home_unit):
    template = _download(submitter, home_unit, 2019).content
    filled = _fill_xlsx(
        template,
        {"members": "1.5万", "membership_rate": 130, "enterprise_unions": 2.5, "volunteers": ("40", "大约")},
    )
    response = _upload(submitter, filled)
    assert response.status_code == 400
    html = response.content.decode()
    rows = {code: number for number, code in enumerate(IndicatorDefinition.objects.values_list("code", flat=True), 2)}
    for code, words in [("membership_rate", "百分比"), ("enterprise_unions", "整数"), ("volunteers", "限定词")]:
        assert f"<td>{rows[code]}</td>" in html and words in html
    assert "3 处错误" in html
    assert not AnnualRecord.objects.filter(unit=home_unit).exists()


def test_a_valid_upload_saves_and_the_same_file_twice_changes_nothing(submitter, home_unit):
    filled = _fill_xlsx(_download(submitter, home_unit, 2019).content, {"members": ("1.5万", "以上"), "volunteers": 40})
    assert _upload(submitter, filled).status_code == 200
    record = AnnualRecord.objects.get(unit=home_unit, year=2019)
    assert {(v.definition.code, int(v.value), v.qualifier) for v in record.values.all()} == {
        ("members", 15000, "at_least"),
        ("volunteers", 40, "exact"),
    }
    version, history = record.version, record.history.count()
    again = _upload(submitter, filled)
    assert "没有变化" in again.content.decode()
    record.refresh_from_db()
    assert record.version == version
    assert record.history.count() == history


def test_a_broken_upload_leaves_the_existing_record_as_it_was(submitter, home_unit, a_record):
    record = a_record("draft")
    filled = _fill_xlsx(_download(submitter, home_unit, 2019).content, {"members": 999, "volunteers": -1})
    assert _upload(submitter, filled).status_code == 400
    record.refresh_from_db()
    assert [(v.definition.code, int(v.value)) for v in record.values.all()] == [("members", 1200)]
    assert record.version == 1


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _csv_bytes(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def test_csv_template_has_chinese_headers_only_and_round_trips(submitter, home_unit):
    response = _download(submitter, home_unit, 2019, "csv")
    assert quote(f"2019年度报告-{home_unit.short_name or home_unit.name}.csv") in response["Content-Disposition"]
    rows = _csv_rows(response)
    header = rows[0]
    assert header == ["单位", "年度", "指标名称", "计量单位", "取值范围", "数值", "限定词"]  # no 单位ID, no 指标代码
    codes = set(IndicatorDefinition.objects.values_list("code", flat=True))
    assert not codes & {cell for row in rows for cell in row}  # no code anywhere a person reads
    # Filled as a person would: by the names they read, the columns in any order.
    names = {d.name: d.code for d in IndicatorDefinition.objects.all()}
    value, qualifier = header.index("数值"), header.index("限定词")
    for row in rows[1:]:
        if names[row[2]] == "members":
            row[value], row[qualifier] = "2000", "以上"
        if names[row[2]] == "volunteers":
            row[value] = "35"
    shuffled = [[row[i] for i in (5, 2, 6, 0, 1, 3, 4)] for row in rows]
    assert _upload(submitter, _csv_bytes(shuffled), "filled.csv").status_code == 200
    record = AnnualRecord.objects.get(unit=home_unit, year=2019)
    assert {(v.definition.code, int(v.value), v.qualifier) for v in record.values.all()} == {
        ("members", 2000, "at_least"),
        ("volunteers", 35, "exact"),
    }
    # Downloaded again, the template carries what was saved, and uploading it again changes nothing.
    again = _download(submitter, home_unit, 2019, "csv").content
    version = record.version
    assert _upload(submitter, again, "again.csv").status_code == 200
    record.refresh_from_db()
    assert record.version == version


def test_a_csv_with_the_old_code_columns_is_still_read(submitter, home_unit):
    header = ["单位ID", "单位", "年度", "指标代码", "指标名称", "计量单位", "取值范围", "数值", "限定词"]
    rows = [header, [home_unit.pk, home_unit.name, 2019, "members", "会员人数", "人", "≥ 0 人", "2000", ""]]
    assert _upload(submitter, _csv_bytes(rows), "old.csv").status_code == 200
    assert AnnualRecord.objects.get(unit=home_unit, year=2019).values.get().value == 2000


def test_a_csv_naming_an_unknown_indicator_or_unit_is_refused_naming_it(submitter, home_unit):
    header = ["单位", "年度", "指标名称", "数值", "限定词"]
    wrong_indicator = [header, [home_unit.name, 2019, "会员总人数", "2000", ""]]
    page = _upload(submitter, _csv_bytes(wrong_indicator), "x.csv").content.decode()
    assert "未知的指标名称“会员总人数”" in page
    wrong_unit = [header, ["不存在的街道总工会", 2019, "会员人数", "2000", ""]]
    assert "没有名为“不存在的街道总工会”的单位" in _upload(submitter, _csv_bytes(wrong_unit), "y.csv").content.decode()
    no_indicator_column = [["单位", "年度", "数值", "限定词"], [home_unit.name, 2019, "2000", ""]]
    assert "缺少列：指标名称" in _upload(submitter, _csv_bytes(no_indicator_column), "z.csv").content.decode()
    assert not AnnualRecord.objects.exists()


def test_an_xlsx_that_lost_its_hidden_sheet_is_read_by_the_names(submitter, home_unit):
    book = load_workbook(io.BytesIO(_download(submitter, home_unit, 2019).content))
    del book["代码"]  # copied into a new workbook, say
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        if row[2].value == "会员人数":
            row[5].value = 2100
    out = io.BytesIO()
    book.save(out)
    assert _upload(submitter, out.getvalue()).status_code == 200
    assert AnnualRecord.objects.get(unit=home_unit, year=2019).values.get().value == 2100


def test_a_sheet_of_a_foreign_unit_is_refused(client, accounts, foreign_unit, home_unit):
    client.force_login(accounts["submitter_foreign"])
    template = _download(client, foreign_unit, 2019).content
    assert _download(client, home_unit, 2019).status_code == 404
    client.force_login(accounts["submitter_own"])
    response = _upload(client, _fill_xlsx(template, {"members": 10}))
    assert response.status_code == 403
    assert not AnnualRecord.objects.exists()


def test_a_file_that_is_no_spreadsheet_is_refused_with_a_message(submitter):
    response = _upload(submitter, b"%PDF-1.4 not a sheet\x00\x01", "x.xlsx")
    assert response.status_code == 400
    assert "CSV" in response.content.decode()
