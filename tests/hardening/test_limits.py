"""Every list, string, upload and spreadsheet has a limit, checked before the work, answered in Chinese."""

import io
import json
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from reports import limits
from reports.models import RecordMeasure
from reports.sheets import COLUMNS, MAX_CELL_CHARS, MAX_COLUMNS

from .conftest import api_client


def _patch(accounts, record, body):
    return api_client(accounts["submitter_own"]).patch(
        reverse("record-detail", args=[record.pk]), {"version": record.version, **body}, format="json"
    )


def test_too_many_measures_are_refused_before_any_is_read(accounts, a_record):
    record = a_record("draft")
    # Items that would each be invalid: the length alone must decide, before any item is looked at.
    measures = [{"title": "", "practices": ["nope"]}] * (limits.MAX_MEASURES + 1)
    response = _patch(accounts, record, {"measures": measures})
    assert response.status_code == 400
    assert str(limits.MAX_MEASURES) in json.dumps(response.json(), ensure_ascii=False)
    assert len(response.json()["measures"]) == 1  # one message, not one per item


def test_too_many_positions_and_values_are_refused(accounts, a_record):
    record = a_record("draft")
    position = {"tier": "station", "kind": "service_station", "name": "x"}
    response = _patch(accounts, record, {"positions": [position] * (limits.MAX_POSITIONS + 1)})
    assert response.status_code == 400 and "positions" in response.json()
    response = _patch(accounts, record, {"values": [{"indicator": "members"}] * (limits.MAX_VALUES + 1)})
    assert response.status_code == 400 and str(limits.MAX_VALUES) in json.dumps(response.json(), ensure_ascii=False)


def test_the_limit_holds_for_every_client_of_the_service(accounts, a_record):
    from reports.services.records import MeasureInput, RecordChanges, record_update

    record = a_record("draft")
    changes = RecordChanges(measures=[MeasureInput(f"举措{n}") for n in range(limits.MAX_MEASURES + 1)])
    with pytest.raises(Exception, match=str(limits.MAX_MEASURES)):
        record_update(actor=accounts["submitter_own"], record=record, version=record.version, changes=changes)
    assert not RecordMeasure.objects.filter(record=record).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"highlights": "字" * (limits.MAX_TEXT_CHARS + 1)}, "highlights"),
        ({"measures": [{"title": "x", "summary": "字" * (limits.MAX_SUMMARY_CHARS + 1)}]}, "measures"),
        ({"measures": [{"title": "x" * 101}]}, "measures"),
    ],
)
def test_overlong_strings_are_refused_naming_the_field(accounts, a_record, body, field):
    record = a_record("draft")
    response = _patch(accounts, record, body)
    assert response.status_code == 400 and field in response.json()


def test_an_overlong_return_comment_is_refused(accounts, a_record):
    record = a_record("submitted")
    client = api_client(accounts["reviewer_county"])
    url = reverse("record-return", args=[record.pk])
    response = client.post(url, {"comment": "字" * (limits.MAX_COMMENT_CHARS + 1)}, format="json")
    assert response.status_code == 400 and "comment" in response.json()
    pinned = {f"value:x{n}": "y" for n in range(limits.MAX_FIELD_COMMENTS + 1)}
    response = client.post(url, {"comment": "ok", "field_comments": pinned}, format="json")
    assert response.status_code == 400 and "field_comments" in response.json()
    record.refresh_from_db()
    assert record.status == "submitted"


def test_a_body_larger_than_the_limit_answers_413_unread(accounts, settings):
    body = json.dumps({"highlights": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = api_client(accounts["submitter_own"]).post(reverse("record-list"), body, content_type="application/json")
    assert response.status_code == 413
    assert "上限" in response.json()["detail"]


def test_an_oversized_form_post_gets_the_chinese_413_page(client, accounts, settings):
    client.force_login(accounts["submitter_own"])
    response = client.post(
        reverse("reports:record-list"), "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10), content_type="text/plain"
    )
    assert response.status_code == 413 and "请求内容过大" in response.content.decode()


def _upload(client, accounts, data: bytes, name: str = "x.xlsx"):
    client.force_login(accounts["submitter_own"])
    return client.post(reverse("reports:sheet-upload"), {"file": SimpleUploadedFile(name, data)})


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_that_unpacks_too_large_is_refused_before_reading(client, accounts):
    # One 8 MB inline string compresses to a few KB: the archive's declared sizes decide.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            '<worksheet><c t="inlineStr"><is><t>' + "x" * 8_000_000 + "</t></is></c></worksheet>",
        )
    data = out.getvalue()
    assert len(data) < 100_000
    started = time.perf_counter()
    response = _upload(client, accounts, data)
    assert response.status_code == 400 and "MB" in response.content.decode()
    assert time.perf_counter() - started < 30  # generous: the point is that nothing was unpacked


def test_wide_sheets_are_read_only_as_far_as_the_template_goes(client, accounts, home_unit):
    row = [home_unit.pk, "x", 2019, "members", "会员", "人", "", 100, ""]
    data = _xlsx([[*COLUMNS, *range(300)], [*row, *([1] * 300)]])
    response = _upload(client, accounts, data)
    assert response.status_code in (200, 302)
    from reports.sheets import _read_rows

    assert all(len(cells) <= MAX_COLUMNS for cells in _read_rows(data))


def test_an_overlong_cell_is_a_cell_error(client, accounts, home_unit):
    row = [home_unit.pk, "x" * (MAX_CELL_CHARS + 1), 2019, "members", "会员", "人", "", 100, ""]
    response = _upload(client, accounts, _xlsx([COLUMNS, row]))
    assert response.status_code == 400 and str(MAX_CELL_CHARS) in response.content.decode()


def test_a_csv_with_a_huge_field_is_refused_with_a_message(client, accounts):
    data = ("单位ID,年度\n1," + "9" * 200_000 + "\n").encode()
    response = _upload(client, accounts, data, "x.csv")
    assert response.status_code == 400
