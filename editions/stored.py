"""The stored files of frozen versions: built once by a background job, then served as files.

Freezing a version (or the first download of one frozen before files were stored) creates one
:class:`~editions.models.EditionExport` row per format, queued, and enqueues
:func:`editions.tasks.build_version_exports` once the transaction commits. The job writes each
file to a temporary name beside its final one and renames it into place (``os.replace`` is
atomic on one file system): a reader finds the whole file or none. A row left "running" by a
worker that died is taken up again by the next download or freeze after ``STALE_AFTER``.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import EditionExport, EditionVersion, ExportState

FORMAT_ORDER = ("pdf", "docx", "html")
STALE_AFTER = timedelta(minutes=15)
# At most this many progress writes per file (a 92-piece issue does not write 92 times).
PROGRESS_WRITES = 20


def export_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "editions"


def relative_path(version: EditionVersion, fmt: str) -> str:
    return f"editions/{version.edition_id}/v{version.number}-{version.content_hash[:16]}.{fmt}"


def absolute_path(relative: str) -> Path:
    return Path(settings.MEDIA_ROOT) / relative


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` at ``path``, never half-written: a temporary file in the same directory, renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _needs_build(export: EditionExport) -> bool:
    if export.state == ExportState.DONE:
        return not export.path or not absolute_path(export.path).is_file()
    if export.state == ExportState.RUNNING:
        return export.queued_at < timezone.now() - STALE_AFTER
    return export.state == ExportState.FAILED


def exports_queue(version: EditionVersion, formats: tuple[str, ...] = FORMAT_ORDER) -> list[EditionExport]:
    """Queue the files of ``version`` not built yet; the job starts when the transaction commits."""
    rows = []
    pending = False
    for fmt in formats:
        export, created = EditionExport.objects.get_or_create(version=version, fmt=fmt)
        if not created and _needs_build(export):
            EditionExport.objects.filter(pk=export.pk).update(
                state=ExportState.QUEUED, done_steps=0, error="", queued_at=timezone.now()
            )
            export.state = ExportState.QUEUED
            created = True
        pending = pending or created
        rows.append(export)
    if pending:
        version_id = version.pk
        transaction.on_commit(lambda: _enqueue(version_id))
    return rows


def _enqueue(version_id: int) -> None:
    from .tasks import build_version_exports

    build_version_exports.enqueue(version_id)


def build(version: EditionVersion, fmt: str) -> EditionExport:
    """Build one file of ``version`` now, store it and mark its row done (the job's work)."""
    from .exporters import export as export_bytes
    from .exporters import export_steps

    row, _created = EditionExport.objects.get_or_create(version=version, fmt=fmt)
    total = export_steps(version.content, fmt)
    EditionExport.objects.filter(pk=row.pk).update(
        state=ExportState.RUNNING, done_steps=0, total_steps=total, error="", queued_at=timezone.now()
    )
    done = 0
    every = max(1, total // PROGRESS_WRITES)

    def progress(steps: int) -> None:
        nonlocal done
        before, done = done, done + steps
        if done // every != before // every:
            EditionExport.objects.filter(pk=row.pk).update(done_steps=min(done, total))

    started = time.perf_counter()
    try:
        data = export_bytes(version.content, fmt, version=version.number, progress=progress, meta=version_meta(version))
        relative = relative_path(version, fmt)
        write_atomically(absolute_path(relative), data)
    except Exception as exc:
        EditionExport.objects.filter(pk=row.pk).update(
            state=ExportState.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        raise
    EditionExport.objects.filter(pk=row.pk).update(
        state=ExportState.DONE,
        done_steps=total,
        path=relative,
        filename=download_name(version.content, version.number, fmt),
        size=len(data),
        seconds=round(time.perf_counter() - started, 2),
        finished_at=timezone.now(),
    )
    row.refresh_from_db()
    return row


def version_meta(version: EditionVersion) -> dict:
    """What a file says about its version outside the printed pages (PDF metadata, DOCX properties)."""
    return {
        "number": version.number,
        "content_hash": version.content_hash,
        "frozen_at": version.created_at.isoformat() if version.created_at else "",
    }


def download_name(content: dict, number: int, fmt: str) -> str:
    """浙江工运-2018年第5-6期-街道活力篇-第2版.pdf: magazine, issue, the title's last part, version."""
    edition = content.get("edition", {})
    title = edition.get("title", "")
    short = title.replace("·", "·").split("·")[-1].strip() or title
    parts = [edition.get("magazine", ""), edition.get("issue_label", ""), short, f"第{number}版"]
    name = "-".join(part.strip() for part in parts if part and part.strip())
    for bad in '/\\:*?"<>|\r\n\t':
        name = name.replace(bad, "_")
    return f"{name[:150]}.{fmt}"
