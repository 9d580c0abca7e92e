"""A job that writes its file slowly, line by line, for the test that kills its worker."""

import time

from django_tasks import task

from jobs.services import job_running

LINES = 12


@task()
def slow_export(job_id: int) -> str:
    with job_running(job_id) as job:
        job.total = LINES
        with job.output("export.txt") as path, path.open("w", encoding="utf-8") as out:
            for number in range(LINES):
                out.write(f"第 {number + 1} 行\n")
                out.flush()
                job.advance()
                time.sleep(job.params.get("pause", 0.4))
        return job.result_file
