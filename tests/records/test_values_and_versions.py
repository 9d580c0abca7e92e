"""Validation of every value type through the API and the form, and the stale-version conflict."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import AnnualRecord, RecordValue

from .conftest import api_client

# (indicator, value type, typed value, stored value) accepted
VALID = [
    ("enterprise_unions", "count", 12, Decimal(12)),
    ("enterprise_unions", "count", "1.2万", Decimal(12000)),
    ("membership_rate", "percent", "95.5%", Decimal("95.5")),
    ("membership_rate", "percent", 100, Decimal(100)),
    ("funds_invested", "money", "60万元", Decimal(60)),
    ("funds_invested", "money", 12.75, Decimal("12.75")),
    ("position_area", "area", "1,200平方米", Decimal(1200)),
    ("members", "persons", "16.65万", Decimal(166500)),
    ("members", "persons", "3,200人", Decimal(3200)),
]
# (indicator, value type, typed value, words the Chinese message must contain)
INVALID = [
    ("enterprise_unions", "count", 1.5, "整数"),
    ("enterprise_unions", "count", -3, "负数"),
    ("membership_rate", "percent", 101, "0–100"),
    ("membership_rate", "percent", "-1", "0–100"),
    ("funds_invested", "money", -0.5, "负数"),
    ("funds_invested", "money", "六十万", "应为数字"),
    ("position_area", "area", "大约一千", "应为数字"),
    ("position_area", "area", -10, "负数"),
    ("members", "persons", "1.23456万", "整数"),
    ("members", "persons", 12.5, "整数"),
    ("members", "persons", True, "应为数字"),
]


@pytest.fixture
def submitter_api(accounts):
    return api_client(accounts["submitter_own"])


@pytest.mark.parametrize(("code", "value_type", "typed", "stored"), VALID)
def test_api_accepts_valid_values_of_every_type(submitter_api, home_unit, code, value_type, typed, stored):
    response = submitter_api.post(
        reverse("record-list"),
        {"unit": home_unit.pk, "year": 2019, "values": [{"indicator": code, "value": typed, "qualifier": "以上"}]},
        format="json",
    )
    assert response.status_code == 201, response.content
    value = RecordValue.objects.get(record_id=response.json()["id"], definition__code=code)
    assert value.definition.value_type == value_type
    assert (value.value, value.qualifier) == (stored, "at_least")


@pytest.mark.parametrize(("code", "value_type", "typed", "words"), INVALID)
def test_api_rejects_invalid_values_naming_the_indicator_in_chinese(
    submitter_api, home_unit, code, value_type, typed, words
):
    response = submitter_api.post(
        reverse("record-list"),
        {"unit": home_unit.pk, "year": 2019, "values": [{"indicator": code, "value": typed}]},
        format="json",
    )
    assert response.status_code == 400
    messages = response.json()["values"][code]
    assert any(words in message for message in messages), messages
    assert not AnnualRecord.objects.filter(unit=home_unit).exists()


@pytest.mark.parametrize(
    ("row", "key", "words"),
    [
        ({"indicator": "no_such_indicator", "value": 1}, "no_such_indicator", "未知的指标代码"),
        ({"indicator": "members", "value": 1, "qualifier": "大概"}, "members", "限定词"),
    ],
)
def test_api_rejects_unknown_indicators_and_qualifiers(submitter_api, home_unit, row, key, words):
    response = submitter_api.post(
        reverse("record-list"), {"unit": home_unit.pk, "year": 2019, "values": [row]}, format="json"
    )
    assert response.status_code == 400
    assert words in response.json()["values"][key][0]


def test_api_rejects_a_second_record_of_the_same_year(submitter_api, a_record, home_unit):
    a_record("draft", year=2019)
    response = submitter_api.post(reverse("record-list"), {"unit": home_unit.pk, "year": 2019}, format="json")
    assert response.status_code == 400
    assert "已存在" in response.json()["year"][0]


def test_api_rejects_bad_measures_and_positions_naming_the_field(submitter_api, a_record):
    record = a_record("draft")
    response = submitter_api.patch(
        reverse("record-detail", args=[record.pk]),
        {
            "version": record.version,
            "measures": [{"title": "网格化", "practices": ["no_such_practice"]}],
            "positions": [{"tier": "station", "kind": "service_station", "name": "一站", "count": 0}],
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "measures" in body and "positions" in body
    assert not record.measures.exists()


def test_patch_with_a_stale_version_answers_409_and_changes_nothing(accounts, a_record):
    record = a_record("draft")
    first, second = api_client(accounts["submitter_own"]), api_client(accounts["admin"])
    url = reverse("record-detail", args=[record.pk])
    response = first.patch(url, {"version": 1, "values": [{"indicator": "members", "value": 1300}]}, format="json")
    assert response.status_code == 200
    assert response.json()["version"] == 2
    stale = second.patch(
        url, {"version": 1, "highlights": "覆盖", "values": [{"indicator": "members", "value": 9}]}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["version"] == 2
    record.refresh_from_db()
    assert (record.version, record.highlights) == (2, "")
    assert record.values.get().value == Decimal(1300)


def test_patch_without_version_is_refused(accounts, a_record):
    record = a_record("draft")
    response = api_client(accounts["submitter_own"]).patch(
        reverse("record-detail", args=[record.pk]), {"highlights": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()


def test_patch_merges_values_and_a_null_removes_one(accounts, a_record):
    record = a_record("draft")
    client = api_client(accounts["submitter_own"])
    url = reverse("record-detail", args=[record.pk])
    client.patch(url, {"version": 1, "values": [{"indicator": "volunteers", "value": 40}]}, format="json")
    assert set(record.values.values_list("definition__code", flat=True)) == {"members", "volunteers"}
    client.patch(url, {"version": 2, "values": [{"indicator": "members", "value": None}]}, format="json")
    assert set(record.values.values_list("definition__code", flat=True)) == {"volunteers"}


def test_sending_the_same_data_twice_does_not_bump_the_version(accounts, a_record):
    record = a_record("draft")
    client = api_client(accounts["submitter_own"])
    url = reverse("record-detail", args=[record.pk])
    body = {"version": 1, "plans": "明年计划", "values": [{"indicator": "members", "value": 1200}]}
    assert client.patch(url, body, format="json").json()["version"] == 2
    body["version"] = 2
    assert client.patch(url, body, format="json").json()["version"] == 2


def test_record_form_shows_the_chinese_error_next_to_the_field_and_saves_nothing(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    url = reverse("reports:record-edit", args=[record.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "version": record.version,
        "value_members": "1.5",
        "qualifier_members": "exact",
        "value_membership_rate": "120",
        "highlights": "改了",
        "measures-TOTAL_FORMS": "0",
        "measures-INITIAL_FORMS": "0",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    members_block = html[html.index('for="id_value_members"') :][:1500]
    assert "会员人数应为整数" in members_block
    assert "入会率是百分比" in html
    record.refresh_from_db()
    assert record.highlights == ""
    assert record.values.get().value == Decimal(1200)


def test_the_list_api_reads_a_fixed_number_of_queries_however_many_records(accounts, a_record, home_unit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_client(accounts["staff"])

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("record-list")).status_code == 200
        return len(captured)

    a_record("draft", year=2019)
    few = queries_for_list()
    for year in range(2020, 2026):
        a_record("submitted", year=year)
    assert queries_for_list() == few


@pytest.mark.parametrize("raw", ["12a", "-5", "1.5"])
def test_a_value_refused_in_english_names_the_indicator_in_english(client, accounts, a_record, raw):
    """The form's label was the indicator's English name and its message the Chinese one (建会率 should
    be a number …): the message names the field as the label does, in the page's language."""
    record = a_record("draft")
    before = sorted(record.values.values_list("definition__code", "value"))
    client.force_login(accounts["submitter_own"])
    client.cookies["django_language"] = "en"
    data = {"version": record.version, "value_union_founding_rate": raw, "value_members": raw}
    data.update({"measures-TOTAL_FORMS": 0, "measures-INITIAL_FORMS": 0})
    data.update({"positions-TOTAL_FORMS": 0, "positions-INITIAL_FORMS": 0})
    page = client.post(reverse("reports:record-edit", args=[record.pk]), data).content.decode()
    assert "Union founding rate" in page or "Members" in page
    messages = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', page, re.S)
    assert messages and not any(re.search(r"[\u4e00-\u9fff]{2}", message) for message in messages), messages
    record.refresh_from_db()
    assert record.version == 1 and sorted(record.values.values_list("definition__code", "value")) == before
