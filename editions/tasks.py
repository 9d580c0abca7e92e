"""Background jobs of the editions app (django-tasks, run as jobs of the ``jobs`` app)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from jobs.services import job_enqueue, job_running

from . import stored
from .models import EditionExport, EditionVersion, ExportState


@task()
def build_version_exports(job_id: int) -> dict[str, str]:
    """Build and store the PDF, DOCX and HTML of a frozen version (each once; stored files are kept).

    ``job_id``: a :class:`jobs.models.Job` whose params name the version (:func:`exports_queue`).
    """
    with job_running(job_id) as job:
        return stored.build_all(job)


def exports_queue(version: EditionVersion, formats: tuple[str, ...] = stored.FORMAT_ORDER) -> list[EditionExport]:
    """Queue the files of ``version`` not built yet, as one job that starts when the transaction commits.

    A file already stored, or on its way with a live job, is left as it is: asking twice queues once.
    """
    rows = []
    pending = []
    for fmt in formats:
        export, created = EditionExport.objects.select_related("job").get_or_create(version=version, fmt=fmt)
        rows.append(export)
        if created or stored.needs_build(export):
            pending.append(export)
    if pending:
        job = job_enqueue(
            build_version_exports,
            kind=stored.EXPORT_JOB,
            params={"version": version.pk, "formats": [row.fmt for row in pending]},
            on_commit=True,
        )
        EditionExport.objects.filter(pk__in=[row.pk for row in pending]).update(
            state=ExportState.QUEUED, done_steps=0, error="", queued_at=timezone.now(), job=job
        )
        for row in pending:
            row.state, row.done_steps, row.error, row.job = ExportState.QUEUED, 0, "", job
    return rows
