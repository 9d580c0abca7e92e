"""The reporting-rate view with deadlines and drill-down, and the consistency warnings."""

import csv
import datetime
import io
from decimal import Decimal

import lxml.html
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pilots.models import IndicatorDefinition, IndicatorValue, PilotLevel, PilotUnit, PositionKind, PositionTier, Region
from reports.consistency import record_warnings, stations_named
from reports.models import AnnualRecord, RecordPosition, RecordValue, ReportingDeadline
from reports.selectors import reporting_rate
from tests.factories import a_street, a_unit

pytestmark = pytest.mark.own_data


@pytest.fixture
def wenling_units(home_unit):
    """Four expected units in 温岭市 (the home unit and three more), one non-pilot that is not expected."""
    street = a_street("率测街道", "温岭市")
    others = [a_unit(f"温岭市率测{n}工会", region=street, pilot_level=PilotLevel.CITY_COUNTY) for n in range(3)]
    a_unit("温岭市非试点工会", region=street, pilot_level=PilotLevel.NONE)
    return [home_unit, *others]


def _county(name):
    return Region.objects.resolve_county(name)


def test_rate_counts_expected_submitted_approved_and_overdue(wenling_units):
    first, second, third, _fourth = wenling_units
    AnnualRecord.objects.create(unit=first, year=2019, status="submitted")
    AnnualRecord.objects.create(unit=second, year=2019, status="approved")
    AnnualRecord.objects.create(unit=third, year=2019, status="draft")
    ReportingDeadline.objects.create(year=2019, due_on=datetime.date(2020, 3, 31))
    # The seed pilots of 温岭市 are expected too and have not reported.
    seeds = PilotUnit.objects.in_region(_county("温岭市")).exclude(pilot_level="none").count() - 4
    before, _rows = reporting_rate(_county("温岭市"), 2019, today=datetime.date(2020, 3, 1))
    total, rows = reporting_rate(_county("温岭市"), 2019, today=datetime.date(2020, 4, 1))
    assert (before.expected, before.submitted, before.approved, before.overdue) == (seeds + 4, 2, 1, 0)
    assert (total.expected, total.submitted, total.approved, total.overdue) == (seeds + 4, 2, 1, seeds + 2)
    assert total.rate == round(100 * 2 / (seeds + 4))
    names = [row.unit.name for row in rows]
    assert all(unit.name in names for unit in wenling_units) and "温岭市非试点工会" not in names


def test_rate_drills_down_from_the_city_to_its_counties(wenling_units, foreign_unit):
    AnnualRecord.objects.create(unit=wenling_units[0], year=2019, status="approved")
    total, rows = reporting_rate(Region.objects.get(name="台州市"), 2019)
    wenling = next(row for row in rows if row.region and row.region.name == "温岭市")
    seeds = PilotUnit.objects.in_region(_county("温岭市")).exclude(pilot_level="none").count() - 4
    assert (wenling.expected, wenling.submitted, wenling.approved) == (seeds + 4, 1, 1)
    assert total.expected == sum(row.expected for row in rows)
    assert all(row.region.county_id == row.region.pk for row in rows if row.region)


def test_rate_page_for_reviewers_and_staff_only_and_in_scope(client, accounts, wenling_units):
    ReportingDeadline.objects.create(year=2019, due_on=datetime.date(2020, 3, 31))
    url = reverse("reports:reporting-rate")
    client.force_login(accounts["reviewer_city"])
    page = client.get(url, {"year": 2019})
    assert page.status_code == 200 and "温岭市" in page.content.decode() and "2020-03-31" in page.content.decode()
    drill = client.get(url, {"year": 2019, "region": _county("温岭市").pk})
    assert wenling_units[0].name in drill.content.decode()
    assert client.get(url, {"year": 2019, "region": _county("安吉县").pk}).status_code == 404
    client.force_login(accounts["staff"])
    assert "台州市" in client.get(url, {"year": 2019}).content.decode()
    for actor in ("submitter_own", "editor", "no_role"):
        client.force_login(accounts[actor])
        assert client.get(url).status_code == 403


def test_review_queue_filters_by_status_region_and_year(client, accounts, a_record, foreign_unit):
    submitted, draft = a_record("submitted"), a_record("draft", year=2020)
    AnnualRecord.objects.create(unit=foreign_unit, year=2019, status="submitted")
    client.force_login(accounts["staff"])
    html = client.get(reverse("reports:review-queue"), {"region": _county("温岭市").pk, "year": 2019}).content.decode()
    assert reverse("reports:record-detail", args=[submitted.pk]) in html
    assert foreign_unit.name not in html and reverse("reports:record-detail", args=[draft.pk]) not in html
    html = client.get(reverse("reports:review-queue"), {"status": "draft"}).content.decode()
    assert reverse("reports:record-detail", args=[draft.pk]) in html
    client.force_login(accounts["reviewer_foreign"])
    html = client.get(reverse("reports:review-queue")).content.decode()
    assert foreign_unit.name in html and submitted.unit.name not in html


def _set(record, code, value):
    RecordValue.objects.update_or_create(
        record=record, definition=IndicatorDefinition.objects.get(code=code), defaults={"value": Decimal(value)}
    )


def test_a_value_far_from_last_year_is_flagged_but_does_not_block(accounts, a_record, home_unit):
    IndicatorValue.objects.create(
        unit=home_unit, definition=IndicatorDefinition.objects.get(code="members"), year=2018, value=3000
    )
    record = a_record("draft")  # members 1200: less than half of 3000
    warnings = record_warnings(record)
    assert [w.field for w in warnings] == ["value:members"]
    assert "3000" in warnings[0].message and "1200" in warnings[0].message
    from reports.services.transitions import record_submit

    assert record_submit(actor=accounts["submitter_own"], record=record).status == "submitted"


def test_a_value_close_to_last_year_is_not_flagged(a_record, home_unit):
    IndicatorValue.objects.create(
        unit=home_unit, definition=IndicatorDefinition.objects.get(code="members"), year=2018, value=1100
    )
    assert record_warnings(a_record("draft")) == []


def test_a_rate_that_contradicts_its_counts_is_flagged(a_record):
    record = a_record("draft")
    _set(record, "enterprises_covered", 50)
    _set(record, "enterprises_in_area", 100)
    _set(record, "union_founding_rate", 95)
    assert [w.field for w in record_warnings(record)] == ["value:union_founding_rate"]
    _set(record, "union_founding_rate", 52)
    assert record_warnings(record) == []


def test_a_narrative_naming_another_number_of_stations_is_flagged(a_record):
    record = a_record("draft", highlights="全年建成十四个职工服务站，形成1+14+N阵地体系。")
    RecordPosition.objects.create(
        record=record, tier=PositionTier.STATION, kind=PositionKind.SERVICE_STATION, name="社区站", count=12
    )
    assert [w.field for w in record_warnings(record)] == ["highlights"]
    RecordPosition.objects.filter(record=record).update(count=14)
    assert record_warnings(record) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [("建成14个服务站", {14}), ("建成十二个职工服务站", {12}), ("“1+9+N”体系", {9}), ("没有提到", set())],
)
def test_station_numbers_are_read_from_arabic_and_chinese_numerals(text, numbers):
    assert stations_named(text) == numbers


def test_reviewer_sees_last_years_values_beside_this_years_with_warnings(client, accounts, a_record, home_unit):
    IndicatorValue.objects.create(
        unit=home_unit, definition=IndicatorDefinition.objects.get(code="members"), year=2018, value=3000
    )
    record = a_record("submitted", warning_notes="合并社区后会员重新登记")
    client.force_login(accounts["reviewer_county"])
    html = client.get(reverse("reports:record-detail", args=[record.pk])).content.decode()
    row = html[html.index("<td>会员人数</td>") :][:600]
    assert "1200" in row and "3000" in row and "变化较大" in row
    assert 'class="changed warned"' in html
    assert "合并社区后会员重新登记" in html


def _page_table(page) -> list[list[str]]:
    table = lxml.html.fromstring(page.content.decode()).xpath("//table[contains(@class, 'rate')]")[0]
    return [[cell.text_content().strip() for cell in row.xpath("./th|./td")] for row in table.xpath(".//tr")]


def _csv_table(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_rate_page_shows_rate_and_status_apart_as_its_csv_and_workbook_do(client, accounts, wenling_units):
    """One column for a region's rate, one for a unit's status: the page's table, its CSV and its XLSX
    have the same header and the same cells (the unit rows of a county, the county rows of a city)."""
    AnnualRecord.objects.create(unit=wenling_units[1], year=2019, status="approved")
    ReportingDeadline.objects.create(year=2019, due_on=datetime.date(2020, 3, 31))
    url = reverse("reports:reporting-rate")
    client.force_login(accounts["reviewer_city"])
    for params in ({"year": 2019}, {"year": 2019, "region": _county("温岭市").pk}):
        shown = _page_table(client.get(url, params))
        exported = _csv_table(client.get(url, {**params, "format": "csv"}))
        book = load_workbook(io.BytesIO(client.get(url, {**params, "format": "xlsx"}).content))
        in_book = [["" if v is None else str(v) for v in row] for row in book.active.iter_rows(values_only=True)]
        assert shown[0] == exported[0] == in_book[0]
        assert shown[0][-2:] == ["报送率（%）", "状态"]
        assert shown[1:] == exported[1:] == in_book[1:]
    units = {row[0]: row[-2:] for row in shown[1:]}
    assert units[wenling_units[1].name] == ["", "已通过"] and units[wenling_units[2].name] == ["", "未填报"]
    city = _page_table(client.get(url, {"year": 2019}))
    wenling = next(row for row in city if row[0] == "温岭市")
    assert wenling[-1] == "" and wenling[-2].isdigit()
