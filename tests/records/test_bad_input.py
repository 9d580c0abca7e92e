"""Bad input of any shape gets a 4xx answer with a message, never a server error."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import AnnualRecord, RecordValue

from .conftest import api_client

BAD_BODIES = [
    {"values": "abc"},
    {"values": [1, None, "x"]},
    {"values": [{"indicator": "members", "value": {"nested": 1}}]},
    {"values": [{"indicator": "members", "value": "1e400"}]},
    {"values": [{"indicator": "members", "value": "NaN"}]},
    {"values": [{"indicator": "members", "value": 1, "qualifier": ["x"]}]},
    {"measures": None},
    {"measures": [{"title": "x" * 300}]},
    {"positions": [{"tier": "nowhere", "kind": "x", "name": ""}]},
    {"positions": [{"tier": "station", "kind": "service_station", "name": "a", "area_m2": "-5"}]},
    {"highlights": None},
    {"unit": 1},
]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_a_malformed_patch_answers_400(accounts, a_record, body):
    record = a_record("draft")
    response = api_client(accounts["submitter_own"]).patch(
        reverse("record-detail", args=[record.pk]), {"version": record.version, **body}, format="json"
    )
    assert response.status_code == 400, response.content
    record.refresh_from_db()
    assert record.version == 1


@pytest.mark.parametrize(
    "body",
    [{}, {"unit": "abc", "year": 2019}, {"unit": 99999999, "year": 2019}, {"year": "x"}, {"unit": None, "year": 1900}],
)
def test_a_malformed_create_answers_400(accounts, body):
    response = api_client(accounts["submitter_own"]).post(reverse("record-list"), body, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("reports:sheet-template", {"unit": "abc", "year": "2019"}),
        ("reports:sheet-template", {"unit": "1", "year": "1e9"}),
        ("reports:sheet-template", {}),
        ("reports:reporting-rate", {"year": "abc"}),
        ("reports:reporting-rate", {"region": "abc"}),
        ("reports:reporting-rate", {"region": "99999999"}),
        ("reports:review-queue", {"year": "abc", "region": "x", "status": "nonsense"}),
    ],
)
def test_bad_query_parameters_never_cause_a_server_error(client, accounts, name, params):
    client.force_login(accounts["admin"])
    assert client.get(reverse(name), params).status_code in (200, 400, 404)


@pytest.mark.parametrize(
    ("unit", "year"), [("", "2019"), ("abc", "2019"), ("1", "2016"), ("1", "２０１９"), ("1", "9" * 20)]
)
def test_a_template_asked_for_with_a_bad_unit_or_year_says_which_on_the_upload_page(client, accounts, unit, year):
    client.force_login(accounts["submitter_own"])
    answer = client.get(reverse("reports:sheet-template"), {"unit": unit, "year": year})
    assert answer.status_code == 400
    shown = [str(message) for message in answer.context["messages"]]
    assert shown and all(message.startswith(("单位：", "年度：")) for message in shown), shown
    assert "用表格填写指标" in answer.content.decode()


def _error_text(html: str) -> str:
    """The text of the page's error lists and error table (not the page's static help)."""
    parts = re.findall(r'<ul class="errorlist[^"]*"[^>]*>.*?</ul>|<table class="list errors">.*?</table>', html, re.S)
    return re.sub(r"<[^>]+>", " ", " ".join(parts))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "空文件"),
        (b"\xff\xfe\x00garbage", "无法识别文件编码"),
        (b"PK\x03\x04broken", "无法读取该 XLSX 文件"),
        ("单位ID,年度\n1,2019\n".encode(), "第1行缺少列：指标代码、数值、限定词"),
        ("单位,年度\n凯旋街道总工会,2019\n".encode(), "第1行缺少列：指标名称、数值、限定词"),
        (b"a,b\n" * 10, "第1行缺少列：单位、年度、指标名称"),
    ],
)
def test_bad_spreadsheets_are_refused_with_a_message(client, accounts, data, message):
    client.force_login(accounts["submitter_own"])
    records, values = AnnualRecord.objects.count(), RecordValue.objects.count()
    response = client.post(reverse("reports:sheet-upload"), {"file": SimpleUploadedFile("x.csv", data)})
    assert response.status_code == 400
    assert message in _error_text(response.content.decode())
    assert (AnnualRecord.objects.count(), RecordValue.objects.count()) == (records, values)
