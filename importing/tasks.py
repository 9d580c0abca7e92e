"""Imports of large files as jobs (the ``jobs`` app): uploaded on the import list, read and written by
a worker, with their state and progress on that list.

The uploaded file is stored under ``JOBS_DIR/imports/`` (named by its SHA-256) before the job is
queued; the job reads it, splits it and writes every piece in one transaction (``import_store``).
A worker killed in the middle leaves nothing of the file written (the transaction rolls back) and
``run_jobs`` runs the job again; a job run again after the file was written writes nothing new,
because importing the same file again updates the same run and the same articles.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.utils.translation import gettext as _
from django_tasks import task

from jobs.models import Job
from jobs.services import job_enqueue, job_running, jobs_dir

from .decode import ImportInputError
from .gazetteer import Gazetteer
from .pipeline import FORMATS, parse_source, read_source
from .store import ImportSummary, import_store

IMPORT_JOB = "import"
UPLOADS = "imports"


def import_job_ask(*, name: str, data: bytes, fmt: str = "auto", outlet: str = "", date: str = "", user=None) -> Job:
    """Store an uploaded file and queue its import as a job (started once the transaction commits).

    The same bytes are stored once (named by their hash); each ask is a job of its own.
    """
    if fmt not in FORMATS:
        raise ValueError(fmt)
    name = Path(name).name[:200] or "upload.txt"
    digest = hashlib.sha256(data).hexdigest()
    relative = Path(UPLOADS) / f"{digest}.txt"
    path = jobs_dir() / relative
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(data)
        partial.replace(path)
    params = {"file": str(relative), "name": name, "format": fmt, "outlet": outlet[:100], "date": date}
    return job_enqueue(import_file, kind=IMPORT_JOB, params=params, user=user, on_commit=True)


@task()
def import_file(job_id: int) -> dict:
    """Read one uploaded file and write its pieces as drafts for review (as ``import_cases`` does)."""
    with job_running(job_id) as job:
        params = job.params
        job.total = 1
        job.message = _("正在拆分篇目……")
        try:
            parsed = parse_source(
                read_source(jobs_dir() / params["file"]),
                name=params["name"],
                fmt=params.get("format", "auto"),
                gazetteer=Gazetteer.from_db(),
            )
        except ImportInputError as exc:
            raise ImportFailed(str(exc)) from exc
        for piece in parsed.pieces:  # what the page states wins; the options fill what it does not
            piece.outlet = piece.outlet or params.get("outlet") or None
            piece.date = piece.date or params.get("date") or None
        job.total = len(parsed.pieces) + 1
        job.message = _("正在写入 %(count)s 篇……") % {"count": len(parsed.pieces)}
        job.advance()
        summary = ImportSummary()
        run = import_store(parsed=parsed, summary=summary, user=job.job.requested_by, on_piece=job.advance)
        job.message = _("%(pieces)s 篇：新建文章 %(created)s 篇，更新 %(updated)s 篇，待审内容 %(proposals)s 条。") % {
            "pieces": summary.pieces,
            "created": summary.articles_created,
            "updated": summary.articles_updated,
            "proposals": summary.proposals,
        }
        return {"run": run.pk if run else None, "pieces": summary.pieces, "warnings": len(parsed.warnings)}


class ImportFailed(Exception):
    """The file could not be read (the message, in Chinese, says where)."""
