"""Background jobs of the editions app (django-tasks, run as jobs of the ``jobs`` app)."""

from __future__ import annotations

from django_tasks import task

from jobs.services import job_running


@task()
def build_version_exports(job_id: int) -> dict[str, str]:
    """Build and store the PDF, DOCX and HTML of a frozen version (each once; stored files are kept).

    ``job_id``: a :class:`jobs.models.Job` whose params name the version (``editions.stored.exports_queue``).
    """
    from . import stored

    with job_running(job_id) as job:
        return stored.build_all(job)
