"""The portal's backup on the job queue: daily (settings.JOBS_SCHEDULE) or asked for."""

from django.utils import timezone
from django_tasks import task

from jobs.services import job_running

from .backup import backup_create, media_files


@task()
def backup(job_id: int) -> str:
    with job_running(job_id) as job:
        job.total = len(media_files())
        name = f"portal-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        with job.output(name) as path:
            backup_create(path, on_file=job.advance)
        return job.result_file
