"""Attachments of annual records, accepted by what the file is, not by what it is called."""

import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..models import AnnualRecord, RecordAttachment
from ..permissions import Action, check

ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def sniff_type(upload: UploadedFile) -> str | None:
    """The MIME type of an allowed file judged by its bytes, or None."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.extension in {"docx", "zip"}:
        # A DOCX is a zip holding word/document.xml; any other zip (or a renamed XLSX) is refused.
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        return ALLOWED_TYPES["docx"] if {"[Content_Types].xml", "word/document.xml"} <= names else None
    return ALLOWED_TYPES.get(kind.extension)


def attachment_add(*, actor, record: AnnualRecord, upload: UploadedFile) -> RecordAttachment:
    check(actor, Action.ATTACH, record)
    limit = settings.RECORD_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("附件不能超过 %(limit)s，“%(name)s”有 %(size)s。")
                % {"limit": filesizeformat(limit), "name": upload.name, "size": filesizeformat(upload.size)}
            }
        )
    content_type = sniff_type(upload)
    if content_type is None:
        raise ValidationError(
            {"file": _("“%(name)s”不是 PDF、JPEG、PNG 或 DOCX 文件（按文件内容判断）。") % {"name": upload.name}}
        )
    with transaction.atomic():
        attachment = RecordAttachment(
            record=record,
            original_name=upload.name[-200:],
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.full_clean()
        attachment.save()
    return attachment


def attachment_remove(*, actor, attachment: RecordAttachment) -> None:
    check(actor, Action.ATTACH, attachment.record)
    with transaction.atomic():
        attachment.file.delete(save=False)
        attachment.delete()
