"""Attachments are accepted by content (PDF, JPEG, PNG, DOCX), size-limited, and served in scope only."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _zip_without_word() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def _post(client, record, name, data):
    return client.post(
        reverse("reports:attachment-upload", args=[record.pk]), {"file": SimpleUploadedFile(name, data)}, follow=True
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("报告.pdf", PDF, "application/pdf"),
        ("照片.jpg", JPEG, "image/jpeg"),
        ("现场.png", PNG, "image/png"),
        ("总结.docx", _docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("misnamed.txt", PNG, "image/png"),
    ],
)
def test_allowed_files_are_accepted_by_their_content(client, accounts, a_record, name, data, content_type):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    _post(client, record, name, data)
    attachment = record.attachments.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (name, content_type, len(data))
    download = client.get(reverse("reports:attachment", args=[record.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == data
    download.close()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("伪装.pdf", b"MZ\x90\x00 this is an executable"),
        ("script.png", b"<script>alert(1)</script>"),
        ("表格.docx", _zip_without_word()),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_other_files_are_refused_whatever_their_name(client, accounts, a_record, name, data):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    response = _post(client, record, name, data)
    assert "按文件内容判断" in response.content.decode()
    assert not record.attachments.exists()


def test_files_over_the_size_limit_are_refused(client, accounts, a_record, settings):
    settings.RECORD_ATTACHMENT_MAX_BYTES = 1024
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    response = _post(client, record, "big.png", PNG + b"\x00" * 2048)
    assert "不能超过" in response.content.decode()
    assert not record.attachments.exists()


def test_attachments_are_locked_with_the_record_and_hidden_outside_scope(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    _post(client, record, "a.png", PNG)
    attachment = record.attachments.get()
    record.status = "submitted"
    record.save()
    response = _post(client, record, "b.png", PNG)
    assert "不能上传附件" in response.content.decode()
    assert record.attachments.count() == 1
    client.force_login(accounts["submitter_foreign"])
    assert client.get(reverse("reports:attachment", args=[record.pk, attachment.pk])).status_code == 404
    client.force_login(accounts["reviewer_county"])
    response = client.get(reverse("reports:attachment", args=[record.pk, attachment.pk]))
    assert response.status_code == 200
    response.close()
