"""Time: a multi-year province built here (designated 2033 and 2034, records for 2033 and 2034), the
indicator's series per year with the year-on-year change, practice adoption by year designated and by
reporting year; the demo says where it has only one year."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pilots.models import IndicatorDefinition, PilotLevel, Practice
from reports.models import AnnualRecord, RecordMeasure, RecordStatus, RecordValue
from reports.services.publication import record_publish
from tests.factories import a_street, a_unit, a_value

from .conftest import measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(db):
    level = PilotLevel.CITY_COUNTY
    early = [
        a_unit(
            f"温岭市趋势{n}街道总工会",
            region=a_street(f"趋势{n}街道", "温岭市"),
            pilot_level=level,
            designated_year=2033,
        )
        for n in "甲乙"
    ]
    late = a_unit(
        "安吉县趋势丙街道总工会", region=a_street("趋势丙街道", "安吉县"), pilot_level=level, designated_year=2034
    )
    measure(early[0], "zjg_team")
    measure(late, "zjg_team", "grid_management")
    members = IndicatorDefinition.objects.get(code="members")
    grid = Practice.objects.get(code="grid_management")
    for year, values in ((2033, (100, 200)), (2034, (150, 260))):
        for unit, value in zip(early, values, strict=True):
            record = AnnualRecord.objects.create(unit=unit, year=year, status=RecordStatus.APPROVED)
            RecordValue.objects.create(record=record, definition=members, value=Decimal(value))
            if unit is early[1] and year == 2034:  # 乙 names 网格化管理 in its 2034 report only
                RecordMeasure.objects.create(record=record, title="网格").practices.add(grid)
            record_publish(record=record)
    a_value(late, "members", 300, year=2034, phrase="300名").save()
    return {"early": early, "late": late}


def test_an_indicator_series_per_year_from_records_and_imports_with_change(client, years):
    data = client.get(
        reverse("dashboards-api-indicators"), {"indicator": "members", "designated_year": ["2033"]}
    ).json()
    assert [(row["year"], row["n"], row["sum"]) for row in data["by_year"]] == [(2033, 2, 300), (2034, 2, 410)]
    assert data["by_year"][1]["change"]["sum"] == 110 and data["by_year"][1]["change"]["sum_percent"] == 36.7
    assert {row["source"]["kind"] for row in data["values"]} == {"record"}
    cities = {(row["city"], row["year"]): row for row in data["by_city"]}
    assert cities["台州市", 2034]["change"]["median"] == 55


def test_practice_adoption_by_year_designated_and_by_reporting_year(client, years):
    ids = {"kind": "street_federation", "pilot_level": "city_county"}
    data = client.get(reverse("dashboards-api-practices"), {**ids, "q": ""}).json()
    designated = {row["year"]: row for row in data["by_designated_year"]}
    zjg = lambda row: next((p for p in row["practices"] if p["code"] == "zjg_team"), None)  # noqa: E731
    assert designated[2033]["total"] == 2 and zjg(designated[2033])["count"] == 1
    assert designated[2034]["total"] == 1 and zjg(designated[2034])["percent"] == 100
    reported = {row["year"]: row for row in data["by_reporting_year"]}
    grid = lambda row: next((p for p in row["practices"] if p["code"] == "grid_management"), None)  # noqa: E731
    assert reported[2033]["total"] == 2 and grid(reported[2033]) is None
    assert reported[2034]["total"] == 2 and grid(reported[2034]) == {
        "code": "grid_management",
        "count": 1,
        "percent": 50,
    }
    page = client.get(reverse("dashboards"), ids).content.decode()
    assert "2033（" in page and "2034（" in page


def test_the_demo_says_it_has_only_2018(client):
    page = client.get(reverse("dashboards")).content.decode()
    assert "仅有 2018 年数据" in page
