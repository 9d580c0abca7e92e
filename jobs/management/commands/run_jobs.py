"""The worker: django-tasks' database worker, plus what keeps jobs going when a worker dies.

Between jobs, every ``JOBS_MAINTAIN_SECONDS``, a thread of the worker queues again the jobs whose
worker stopped beating and queues the scheduled jobs that are due (``jobs.services.jobs_maintain``).
Run one or more per machine: ``manage.py run_jobs`` (options as ``db_worker``'s).
"""

import logging
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from jobs.services import jobs_maintain

logger = logging.getLogger(__name__)


class Maintenance(threading.Thread):
    def __init__(self):
        super().__init__(name="jobs-maintenance", daemon=True)

    def run(self) -> None:
        while True:
            try:
                jobs_maintain()
            except DatabaseError:  # a busy SQLite, a restarting server: next round
                logger.warning("job maintenance skipped a round", exc_info=True)
            finally:
                connection.close()
            threading.Event().wait(settings.JOBS_MAINTAIN_SECONDS)


class Command(DatabaseWorker):
    help = "运行后台任务（django-tasks 数据库队列），并重新排队中断的任务、按计划排入定时任务。"

    def handle(self, *args, **options):
        options["reload"] = False  # a reloaded worker would stop its job half-way
        Maintenance().start()
        super().handle(*args, **options)
