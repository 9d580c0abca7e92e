"""Every id, year, count, version and page number typed by someone is read by pilots.validation.

``int()`` reads more than digits: ``"٣"`` (an Arabic-Indic three) is 3 to it and to DRF's and Django's
integer fields, ``"1_000"`` is 1000, ``"3.0"`` is 3. The portal reads numbers one way: ASCII digits
(spaces around them allowed), within the column's range — anything else is refused with a message and
changes nothing, never read as another number (issue 25, "one number parser").
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from curation.services import _figure
from pilots.models import IndicatorDefinition
from reports.forms import PositionForm
from reports.models import AnnualRecord
from reports.values import parse_value

from .conftest import api_client

pytestmark = pytest.mark.django_db

NOT_NUMBERS = ["²", "٣", "1e3", "1_000", "3.0", "1\x00", "99999999999999999999", "", "x"]


@pytest.fixture
def api(accounts, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}
    return api_client(accounts["submitter_own"])


@pytest.mark.parametrize("raw", NOT_NUMBERS)
def test_a_records_year_unit_version_and_count_in_the_api_are_ascii_integers(api, a_record, home_unit, raw):
    record = a_record(status="draft", year=2019)
    answer = api.post("/api/records/", {"unit": home_unit.pk, "year": raw}, format="json")
    assert answer.status_code == 400 and "year" in answer.json(), answer.content
    answer = api.post("/api/records/", {"unit": raw, "year": 2020}, format="json")
    assert answer.status_code == 400 and "unit" in answer.json(), answer.content  # not unit 3's 403
    answer = api.patch(f"/api/records/{record.pk}/", {"version": raw, "highlights": "改"}, format="json")
    assert answer.status_code == 400 and "version" in answer.json(), answer.content  # not version 3's 409
    position = {"tier": "station", "kind": "service_station", "name": "职工服务站", "count": raw}
    body = {"version": record.version, "positions": [position]}
    answer = api.patch(f"/api/records/{record.pk}/", body, format="json")
    assert answer.status_code == 400 and "positions" in answer.json(), answer.content
    assert AnnualRecord.objects.count() == 1
    assert AnnualRecord.objects.get().version == record.version and not AnnualRecord.objects.get().positions.exists()


def test_digits_with_spaces_around_them_are_still_a_number(api, a_record):
    record = a_record(status="draft", year=2019)
    position = {"tier": "station", "kind": "service_station", "name": "职工服务站", "count": " 12 "}
    body = {"version": record.version, "positions": [position]}
    answer = api.patch(f"/api/records/{record.pk}/", body, format="json")
    assert answer.status_code == 200, answer.content
    assert [row.count for row in AnnualRecord.objects.get().positions.all()] == [12]


@pytest.mark.parametrize("raw", ["٢٠٢٠", "2_020", "2020.0"])
def test_the_new_record_form_reads_its_year_and_unit_with_the_one_parser(client, accounts, home_unit, raw):
    client.force_login(accounts["submitter_own"])
    client.post(reverse("reports:record-new"), {"unit": home_unit.pk, "year": raw})
    unit = "".join(str(home_unit.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")))
    client.post(reverse("reports:record-new"), {"unit": unit, "year": 2020})
    assert not AnnualRecord.objects.exists()
    client.post(reverse("reports:record-new"), {"unit": home_unit.pk, "year": " 2020 "})
    assert AnnualRecord.objects.get().year == 2020


@pytest.mark.parametrize("raw", ["٣", "1_000", "3.0", "99999999999999999999"])
def test_the_record_forms_position_count_is_read_by_the_one_parser(raw):
    form = PositionForm(data={"tier": "station", "kind": "service_station", "name": "职工服务站", "count": raw})
    assert not form.is_valid() and "count" in form.errors


@pytest.mark.parametrize("raw", ["٢٠٢٠", "2_020", "2020.0", "²"])
def test_an_imported_figures_year_edited_on_the_review_screen_is_read_by_the_one_parser(raw):
    value = {}
    assert _figure(value, {"f-year": raw}, "f-", {}) == "年份应在 1949–2100 之间。"
    assert "year" not in value
    assert _figure(value, {"f-year": " 2020 "}, "f-", {}) is None and value["year"] == 2020


def test_api_page_and_page_size_are_read_by_the_one_parser(client):
    assert len(client.get("/api/cases/", {"page_size": "3"}).json()["results"]) == 3
    default = len(client.get("/api/cases/").json()["results"])
    assert len(client.get("/api/cases/", {"page_size": "٣"}).json()["results"]) == default  # not 3
    assert client.get("/api/cases/", {"page": "1"}).status_code == 200
    for raw in ("١", "1_0", "²", "99999999999999999999"):
        assert client.get("/api/cases/", {"page": raw}).status_code == 404, raw  # no page, as for "x"


@pytest.mark.parametrize("raw", ["３", "٣", "１２０", "²"])
def test_an_indicator_value_in_other_digits_is_refused_with_a_message_naming_it(raw):
    members = IndicatorDefinition.objects.get(code="members")
    with pytest.raises(ValidationError) as refused:
        parse_value(members, raw)
    assert members.name in refused.value.messages[0] and raw in refused.value.messages[0]
    assert parse_value(members, "120") == 120


def test_twenty_digits_are_too_large_not_no_integer():
    form = PositionForm(data={"tier": "station", "kind": "service_station", "name": "职工服务站", "count": "9" * 20})
    assert not form.is_valid() and form.errors["count"] == ["超出可接受的范围。"]
    form = PositionForm(data={"tier": "station", "kind": "service_station", "name": "职工服务站", "count": "１２"})
    assert form.errors["count"] == ["应为整数。"]


@pytest.mark.parametrize("raw", ["2016", "²", "３", "99999999999999999999", "abc"])
def test_a_refused_year_on_the_records_list_names_the_field(client, accounts, home_unit, raw):
    client.force_login(accounts["submitter_own"])
    answer = client.post(reverse("reports:record-new"), {"unit": home_unit.pk, "year": raw}, follow=True)
    shown = [str(message) for message in answer.context["messages"]]
    assert shown and all(message.startswith("年度：") for message in shown), shown
    assert not AnnualRecord.objects.exists()


@pytest.mark.parametrize("raw", ["１２０", "٣", "1e2", "²"])
def test_a_positions_area_is_read_in_ascii_digits_on_the_form_and_in_the_api(api, a_record, raw):
    form = PositionForm(data={"tier": "station", "kind": "service_station", "name": "职工服务站", "area_m2": raw})
    assert not form.is_valid() and "area_m2" in form.errors
    form = PositionForm(data={"tier": "station", "kind": "service_station", "name": "职工服务站", "area_m2": " 120.5 "})
    assert form.is_valid() and form.cleaned_data["area_m2"] == Decimal("120.5")
    record = a_record(status="draft", year=2019)
    position = {"tier": "station", "kind": "service_station", "name": "职工服务站", "area_m2": raw}
    answer = api.patch(
        f"/api/records/{record.pk}/", {"version": record.version, "positions": [position]}, format="json"
    )
    assert answer.status_code == 400 and "positions" in answer.json(), answer.content
    assert AnnualRecord.objects.get().version == record.version
