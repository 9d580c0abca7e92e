"""The library's exports read back as a person's program reads them (csv, openpyxl, json): practices a
list that cannot be misread, figures as numbers beside their printed form, JSON in readable UTF-8, and
a file name that says what the list was narrowed to."""

import csv
import io
import json
from urllib.parse import quote, unquote

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pilots.models import IndicatorValue, PilotUnit, Region
from pilots.selectors import public_indicator_values
from pilots.spreadsheets import LIST_SEPARATOR

pytestmark = pytest.mark.django_db

CASES = reverse("case-list")


def _export(client, export_format, **params):
    response = client.get(CASES, {"format": export_format, **params})
    assert response.status_code == 200, response.content[:300]
    return response


def _csv(client, **params) -> list[dict]:
    text = _export(client, "csv", **params).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _xlsx(client, **params) -> list[dict]:
    sheet = load_workbook(io.BytesIO(_export(client, "xlsx", **params).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _json(client, **params) -> list[dict]:
    return json.loads(_export(client, "json", **params).content.decode("utf-8"))


def _practices(unit: PilotUnit) -> list[str]:
    return list(dict.fromkeys(p.name for m in unit.measures.all() for p in m.practices.all()))


def _unit_with_a_practice_named_with_commas() -> PilotUnit:
    # "行业、楼宇、商圈、市场工会" is one practice: joined with "、" it read as four.
    unit = (
        PilotUnit.objects.published().filter(measures__practices__name__contains="、").distinct().order_by("pk").first()
    )
    assert unit is not None and len(_practices(unit)) > 1
    return unit


def _latest(code: str, **conditions) -> IndicatorValue:
    """The latest public figure of ``code`` of a published unit that has one (what the export shows)."""
    figures = public_indicator_values().filter(definition__code=code, unit__status="published", **conditions)
    figure = figures.order_by("-value").first()
    assert figure is not None, code
    return figures.filter(unit=figure.unit).order_by("-year", "-pk").first()


def test_practices_are_a_list_that_cannot_be_misread_in_every_format(client):
    unit = _unit_with_a_practice_named_with_commas()
    expected = _practices(unit)
    assert any("、" in name for name in expected)
    assert not any(
        LIST_SEPARATOR in name for name in PilotUnit.objects.values_list("measures__practices__name", flat=True) if name
    )
    params = {"region": unit.region_id}
    csv_row = next(row for row in _csv(client, **params) if row["编号"] == str(unit.pk))
    assert csv_row["改革做法"].split(LIST_SEPARATOR) == expected
    xlsx_row = next(row for row in _xlsx(client, **params) if row["编号"] == unit.pk)
    assert xlsx_row["改革做法"].split(LIST_SEPARATOR) == expected
    json_row = next(row for row in _json(client, **params) if row["id"] == unit.pk)
    assert json_row["practices"] == expected  # an array in JSON


def test_figures_are_numbers_beside_their_printed_form(client):
    latest = _latest("members")
    number, printed = int(latest.value), latest.display_value
    assert printed != str(number)  # "7826人": the printed form carries the measure word
    params = {"region": latest.unit.region_id}

    csv_row = next(row for row in _csv(client, **params) if row["编号"] == str(latest.unit_id))
    assert csv_row["会员人数（人）"] == str(number)  # 7826, not 7826.0000
    assert csv_row["会员人数（原文）"] == printed

    xlsx_row = next(row for row in _xlsx(client, **params) if row["编号"] == latest.unit_id)
    assert xlsx_row["会员人数（人）"] == number and isinstance(xlsx_row["会员人数（人）"], int)  # a numeric cell
    assert xlsx_row["会员人数（原文）"] == printed

    json_row = next(row for row in _json(client, **params) if row["id"] == latest.unit_id)
    assert json_row["members"] == number and json_row["members_printed"] == printed


def test_a_rate_printed_with_a_qualifier_is_its_number_and_its_words(client):
    latest = _latest("union_founding_rate", qualifier="at_least")
    assert "以上" in latest.display_value  # "95%以上"
    xlsx_row = next(row for row in _xlsx(client, region=latest.unit.region_id) if row["编号"] == latest.unit_id)
    assert xlsx_row["建会率（%）"] == float(latest.value)
    assert xlsx_row["建会率（原文）"] == latest.display_value


def test_json_is_readable_utf8_not_escapes(client):
    unit = _unit_with_a_practice_named_with_commas()
    raw = _export(client, "json", region=unit.region_id).content
    assert unit.name.encode("utf-8") in raw
    assert b"\\u" not in raw
    assert b'\n  {\n    "id": ' in raw  # one field a line
    # The API's own answers too, and its error answers.
    listed = client.get(CASES, {"region": unit.region_id}).content
    assert unit.name.encode("utf-8") in listed and b"\\u" not in listed
    missing = client.get("/api/no-such-thing/")
    assert missing.status_code == 404
    assert "没有找到".encode() in missing.content and b"\\u" not in missing.content


@pytest.mark.parametrize("export_format", ["csv", "xlsx", "json"])
def test_the_file_name_carries_the_filter(client, export_format):
    today = f"{timezone.localdate():%Y-%m-%d}"
    response = _export(client, export_format, city="杭州市", kind="street_federation")
    disposition = response["Content-Disposition"]
    assert f"filename*=UTF-8''{quote(f'试点案例-杭州市-街道总工会-{today}.{export_format}')}" in disposition
    # a city given short or by its code is named in full
    code = Region.objects.get(name="杭州市").code
    for city in ("杭州", code):
        short = _export(client, export_format, city=city, kind="street_federation")["Content-Disposition"]
        assert f"filename*=UTF-8''{quote(f'试点案例-杭州市-街道总工会-{today}.{export_format}')}" in short
    searched = _export(client, export_format, q="帮扶", designated_year="2018")["Content-Disposition"]
    assert unquote(searched.split("''", 1)[1]) == f"试点案例-帮扶-2018年-{today}.{export_format}"


def test_a_long_or_strange_filter_makes_a_safe_short_name(client):
    response = _export(client, "csv", q='a/b\\c:"d"*<e>|f ' + "帮扶" * 40)
    name = unquote(response["Content-Disposition"].split("''", 1)[1])
    assert not set('/\\:"*<>| ') & set(name)
    assert len(name.encode("utf-8")) < 255 and name.endswith(f"-{timezone.localdate():%Y-%m-%d}.csv")


@pytest.mark.parametrize("export_format", ["xlsx", "json"])
def test_relevance_is_out_of_every_format_unless_asked(client, export_format):
    read = _xlsx if export_format == "xlsx" else _json
    key = "相关度" if export_format == "xlsx" else "score"
    assert key not in read(client, q="帮扶")[0]
    assert key in read(client, q="帮扶", relevance="1")[0]
