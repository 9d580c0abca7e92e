"""The stored files of frozen versions: built once by a background job, then served as files.

Freezing a version (or the first download of one frozen before files were stored) creates one
:class:`~editions.models.EditionExport` row per format, queued, and one job of the ``jobs`` app
(:func:`editions.tasks.build_version_exports`, queued by :func:`editions.tasks.exports_queue`), queued
once the transaction commits: its state, progress, heartbeat and attempts show on the versions page.
The job writes each file to a temporary name beside its final one and renames it into place
(``os.replace`` is atomic on one file system): a reader finds the whole file or none. A job whose
worker died stops beating and is queued again by ``run_jobs`` (or by the next download or freeze);
its next run builds what is not stored yet. The task imports this module, never the other way round.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from jobs.models import Job, JobState
from jobs.services import RunningJob, job_is_stale, jobs_requeue_stale

from .exporters import export as export_bytes
from .exporters import export_steps
from .models import EditionExport, EditionVersion, ExportState

FORMAT_ORDER = ("pdf", "docx", "html")
# The kind of the jobs (jobs app) that build a version's files.
EXPORT_JOB = "edition_export"
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


def needs_build(export: EditionExport) -> bool:
    """Whether a file is neither stored nor on its way (its job gone, failed or stopped beating).

    A job whose worker died is queued again here, as any worker would, so a download never waits
    on a dead one (under the immediate backend it runs again at once; the row is read again).
    """
    if export.state in (ExportState.QUEUED, ExportState.RUNNING) and export.job and job_is_stale(export.job):
        jobs_requeue_stale()
        export.refresh_from_db()
        export.job = Job.objects.filter(pk=export.job_id).first()
    if export.state == ExportState.DONE:
        return not export.path or not absolute_path(export.path).is_file()
    if export.state == ExportState.FAILED:
        return True
    return export.job is None or export.job.state not in (JobState.QUEUED, JobState.RUNNING)


def build_all(job: RunningJob) -> dict[str, str]:
    """The job's work: every file of its version that is its to build and not stored yet.

    A run after a worker died builds again what that worker left unfinished (a file is stored whole
    or not at all); a file that fails is recorded on its row, the others are still built, and the job
    then fails naming it.
    """
    version = EditionVersion.objects.filter(pk=job.params.get("version")).first()
    if version is None:
        job.message = "定稿版本已不存在。"
        return {}
    rows = [
        row
        for row in EditionExport.objects.filter(version=version, job_id=job.job.pk).order_by("pk")
        if row.state != ExportState.DONE or needs_build(row)
    ]
    rows.sort(key=lambda row: FORMAT_ORDER.index(row.fmt) if row.fmt in FORMAT_ORDER else len(FORMAT_ORDER))

    job.total = sum(export_steps(version.content, row.fmt) for row in rows)
    states, failed = {}, []
    for row in rows:
        job.message = f"{row.fmt.upper()}"
        try:
            states[row.fmt] = build(version, row.fmt, on_progress=job.advance).state
        except Exception as exc:  # recorded on the row (state failed, with the error); the next format still runs
            states[row.fmt] = ExportState.FAILED
            failed.append(f"{row.fmt.upper()}：{type(exc).__name__}: {exc}")
    if failed:
        raise ExportFailed("；".join(failed))
    job.message = ""
    return states


class ExportFailed(Exception):
    """One or more files of a version could not be built (each row says why)."""


def build(version: EditionVersion, fmt: str, *, on_progress=None) -> EditionExport:
    """Build one file of ``version`` now, store it and mark its row done (the job's work)."""
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
        if on_progress is not None:
            on_progress(steps)
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
