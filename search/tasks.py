"""The search index rebuilt on the job queue (``jobs``), with its progress."""

from django_tasks import task

from jobs.services import job_running
from pilots import selectors

from .indexing import search_index_rebuild


@task()
def rebuild_search_index(job_id: int) -> int:
    with job_running(job_id) as job:
        job.total = selectors.public_units().count()
        indexed = search_index_rebuild(on_progress=job.advance)
        job.total = indexed
        job.message = f"{indexed}"
        return indexed
