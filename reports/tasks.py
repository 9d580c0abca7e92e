"""The reporting reminders on the job queue: queued daily by the workers (settings.JOBS_SCHEDULE);
the command decides itself whether today is a reminder day."""

import io

from django.core.management import call_command
from django_tasks import task

from jobs.services import job_running


@task()
def send_reminders(job_id: int) -> str:
    with job_running(job_id) as job:
        output = io.StringIO()
        call_command("send_reporting_reminders", stdout=output, stderr=io.StringIO())
        job.message = output.getvalue().strip().splitlines()[-1] if output.getvalue().strip() else ""
        return job.message
