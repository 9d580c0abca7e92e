"""Every file the portal writes keeps text that a spreadsheet would run as text."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from accounts.services import account_setup
from pilots.spreadsheets import safe_cell
from tests.factories import a_street, a_unit

NAMES = ['=HYPERLINK("http://x","y")', "+1+2", "-3+4", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("name", NAMES)
def test_formula_starters_become_text(name):
    assert safe_cell(name) == "'" + name
    assert safe_cell("温岭市") == "温岭市" and safe_cell(-3) == -3 and safe_cell(None) == ""


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_record_template_writes_a_formula_like_unit_name_as_text(client, db, fmt):
    unit = a_unit('=HYPERLINK("http://evil","点此")', region=a_street("公式街道", "温岭市"))
    user, _ = account_setup(username="formula_sub", role=Role.SUBMITTER, unit=unit)
    client.force_login(user)
    response = client.get(reverse("reports:sheet-template"), {"unit": unit.pk, "year": 2019, "format": fmt})
    assert response.status_code == 200
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
        assert sheet["A2"].value == "'" + unit.name  # the unit is the first column (Chinese headers only)
    else:
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[1][0] == "'" + unit.name  # the unit is the first column (Chinese headers only)


def test_the_case_export_writes_no_formula(client, db):
    a_unit("温岭市公式二街道总工会", short_name="@A1", region=a_street("公式二街道", "温岭市"))
    response = client.get(reverse("case-list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert "'@A1" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_control_characters_are_dropped_before_the_formula_check():
    assert safe_cell("A\x08B\x1f") == "AB"
    assert safe_cell("\x00=1") == "'=1"
    assert safe_cell("第一行\n第二行\t") == "第一行\n第二行\t"


@pytest.mark.parametrize("term", ["A\x08", "\x1f", "温岭\x07工会"])
def test_a_search_term_with_control_characters_still_gives_a_workbook(client, db, term):
    """The fuzz sent ``?q=A%08`` to /dashboards/workbook/: the context row carried it and openpyxl refused it (500)."""
    response = client.get(reverse("dashboards-workbook"), {"q": term})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    values = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row if cell.value]
    assert any(str(value).startswith("检索词") for value in values)


def test_a_csv_template_of_a_unit_named_like_a_formula_uploads_back(client, db):
    unit = a_unit("=1+1街道总工会", region=a_street("公式三街道", "温岭市"))
    user, _ = account_setup(username="formula_sub3", role=Role.SUBMITTER, unit=unit)
    client.force_login(user)
    template = client.get(reverse("reports:sheet-template"), {"unit": unit.pk, "year": 2019, "format": "csv"})
    rows = list(csv.reader(io.StringIO(template.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=1+1街道总工会"
    rows[1][rows[0].index("数值")] = "90"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = client.post(
        reverse("reports:sheet-upload"), {"file": SimpleUploadedFile("f.csv", out.getvalue().encode())}
    )
    assert upload.status_code == 200, upload.content.decode()[-2000:]
    assert unit.annual_records.get(year=2019).values.count() == 1
