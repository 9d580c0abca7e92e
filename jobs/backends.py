"""The embedded default's queue (``JOBS_BACKEND=thread``, what `make run` uses): a job runs in a thread
of the server process, so the request that asks for it answers at once and `make run` still needs
nothing but itself.

It is django-tasks' immediate backend with the run moved to a daemon thread, started once the asking
transaction commits (the thread sees the rows the request wrote). The thread holds its own database
connection and closes it at the end. A job whose process stopped (the development server restarting)
stops beating and is queued again like a worker's (``jobs.services.jobs_requeue_stale``).
"""

from __future__ import annotations

import logging
import threading

from django.db import connection, transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

logger = logging.getLogger(__name__)


class ThreadBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(lambda: self._start(result))
        return result

    def _start(self, result: TaskResult) -> None:
        threading.Thread(target=self._run, args=[result], name=f"job-{result.id}", daemon=True).start()

    def _run(self, result: TaskResult) -> None:
        try:
            self._execute_task(result)
        except Exception:  # the job's own row records its failure; this is the thread's last word
            logger.exception("job thread %s failed", result.id)
        finally:
            connection.close()
