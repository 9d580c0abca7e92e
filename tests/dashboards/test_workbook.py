"""The XLSX workbook of the whole view, read back with openpyxl: a first sheet with the filters in
words and the dates, a sheet per panel, numbers as numbers, column widths set, a Chinese file name."""

import io
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_the_workbook_of_the_view_stands_alone(client, province):
    response = client.get(reverse("dashboards-workbook"), {"designated_year": YEAR, "city": "台州市"})
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert f"统计概览-台州市-{today}.xlsx" in unquote(response["Content-Disposition"])
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:4] == ["说明", "地图（县级）", "试点单位构成", "做法采用"]
    about = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert about["筛选"] == "地级市：台州市；确定为试点年份：2031"
    assert about["导出日期"] == today and about["数据日期"] and "来源" in about
    assert about["门户"] == "浙江省基层工会改革试点案例库"
    practices = list(book["做法采用"].iter_rows(values_only=True))
    assert practices[0] == ("领域", "做法", "采用单位数", "单位总数", "占比")
    zjg = next(row for row in practices if row[1] == "专兼挂（轮）队伍")
    assert zjg[2:4] == (1, 2) and zjg[4] == pytest.approx(0.5)  # a number, shown as a percentage
    cell = next(c for c in book["做法采用"]["E"] if c.value == zjg[4])
    assert cell.number_format == "0%"
    assert book["做法采用"].column_dimensions["B"].width > 10
    cities = list(book["会员人数（分市）"].iter_rows(values_only=True))
    assert ("台州市", 2019, 2, 4200, 2100, 0, "街道总工会") in cities
    county_rows = {row[1]: row[3] for row in book["地图（县级）"].iter_rows(values_only=True)}
    assert county_rows["温岭市"] == 3


def test_the_workbook_writes_each_share_as_its_number_in_per_cent(client, province):
    """占比 is the share itself (1 of 3 street federations: 0.3333, not the printed 33% read back as 0.33),
    a number with a percent format; a figure as printed ("按原文") stays the text it is."""
    params = {"designated_year": YEAR}
    api = client.get(reverse("dashboards-api-practices"), params).json()
    shares = {p["name"]: p["share"] for area in api["areas"] for p in area["practices"]}
    assert api["total"] == 3 and shares["专兼挂（轮）队伍"] == pytest.approx(1 / 3, abs=1e-4)
    book = load_workbook(io.BytesIO(client.get(reverse("dashboards-workbook"), params).content))
    sheet = book["做法采用"]
    rows = list(sheet.iter_rows(min_row=2))
    assert rows and all(row[4].data_type == "n" and row[4].number_format == "0%" for row in rows)
    assert {row[1].value: row[4].value for row in rows} == shares
    printed = [row[5] for row in book["会员人数（逐单位）"].iter_rows(min_row=2)]
    assert printed and all(cell.data_type == "s" for cell in printed)
