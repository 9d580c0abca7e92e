"""Long work on the queue: asking for a job, running it with progress, and running it again when
its worker died.

The queue is django-tasks' (``settings.TASKS``): its database backend and ``manage.py run_jobs``
in production, its immediate backend under ``make run`` and in tests (the job runs inside the
request that asked for it). A task takes the id of its :class:`Job` and runs inside
:func:`job_running`::

    @task()
    def rebuild_search_index(job_id: int) -> int:
        with job_running(job_id) as job:
            job.total = ...
            ...
            job.advance()

A running job's worker writes a heartbeat every ``JOBS_HEARTBEAT_SECONDS`` from a thread of its
own (on its own connection: the job's progress shows while its work is still one uncommitted
transaction). A worker killed in mid-job (``kill -9``, a lost machine) stops beating; after
``JOBS_STALE_SECONDS`` any worker puts the job back in the queue (:func:`jobs_requeue_stale`),
up to ``JOBS_MAX_ATTEMPTS`` runs. A job's file is written beside its final name and renamed when
complete (:meth:`RunningJob.output`), and it is named on the job only when the job succeeds, so a
half-written file is never served.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, OperationalError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from .models import Job, JobState

logger = logging.getLogger(__name__)


def jobs_dir() -> Path:
    return Path(settings.JOBS_DIR)


def job_enqueue(
    task,
    *,
    kind: str,
    params: dict | None = None,
    user=None,
    slot: str | None = None,
    on_commit: bool = False,
) -> Job:
    """A new job for ``task`` (a django-tasks ``@task`` taking the job's id), put in the queue.

    ``slot``: a scheduled run's name; a second job for the same slot is refused (IntegrityError).
    ``on_commit``: the job is made inside the caller's transaction and queued once it commits (a
    job asked for with other writes runs after them, and not at all if they roll back); the row
    returned is then the queued one, not yet run.
    """
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            task_path=task.module_path,
            params=params or {},
            requested_by=user if user is not None and user.is_authenticated else None,
            slot=slot,
        )
    if on_commit:
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(Job.objects.get(pk=job_id)))
        return job
    _enqueue(job)
    job.refresh_from_db()
    return job


def job_is_stale(job: Job, *, now=None) -> bool:
    """A running job whose heartbeat stopped: its worker (or the process of its thread) died."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.JOBS_STALE_SECONDS)
    return job.state == JobState.RUNNING and (job.heartbeat_at is None or job.heartbeat_at < cutoff)


def _enqueue(job: Job) -> None:
    task = import_string(job.task_path)
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))


def job_file(job: Job) -> Path | None:
    """The file a job produced, only once the job has succeeded (never a half-written one)."""
    if job.state != JobState.SUCCEEDED or not job.result_file:
        return None
    path = jobs_dir() / job.result_file
    return path if path.is_file() else None


class JobInterrupted(Exception):
    """The job was taken away from this worker (put back in the queue as stale)."""


class RunningJob:
    """What a task sees of its job: progress to report, a file to write."""

    def __init__(self, job: Job):
        self.job = job
        self.done = 0
        self.total: int | None = job.total
        self.message = ""
        self.result_file = ""

    @property
    def params(self) -> dict:
        return self.job.params

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not _beats_in_thread():
            self._write_progress()

    def _write_progress(self) -> None:
        Job.objects.filter(pk=self.job.pk).update(
            done=self.done, total=self.total, message=self.message[:500], heartbeat_at=timezone.now()
        )

    @contextmanager
    def output(self, name: str) -> Iterator[Path]:
        """A path to write the job's file to; renamed to ``name`` (under the job's directory) once
        the block ends without error, and named on the job when it succeeds."""
        relative = Path(self.job.kind) / str(self.job.pk) / name
        final = jobs_dir() / relative
        final.parent.mkdir(parents=True, exist_ok=True)
        partial = final.with_name(f".{final.name}.partial")
        try:
            yield partial
            with partial.open("rb") as written:
                os.fsync(written.fileno())
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)
        self.result_file = str(relative)


def _beats_in_thread() -> bool:
    """A worker or a thread of the server runs the job (not the request that asked): it beats."""
    return settings.JOBS_BACKEND != "immediate"


class _Heartbeat(threading.Thread):
    """Writes the job's progress and heartbeat every JOBS_HEARTBEAT_SECONDS, on its own connection."""

    def __init__(self, running: RunningJob):
        super().__init__(name=f"job-{running.job.pk}-heartbeat", daemon=True)
        self.running = running
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.JOBS_HEARTBEAT_SECONDS):
                try:
                    self.running._write_progress()
                except OperationalError:  # SQLite busy with the job's own write: next beat
                    logger.debug("heartbeat of job %s skipped", self.running.job.pk)
        finally:
            connection.close()


@contextmanager
def job_running(job_id: int) -> Iterator[RunningJob]:
    """Run the block as job ``job_id``: state, attempts, heartbeat and progress, its file, its outcome."""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.finished:
            raise JobInterrupted(f"job {job_id} is already {job.state}")
        job.state, job.started_at, job.heartbeat_at, job.done = JobState.RUNNING, now, now, 0
        job.attempts += 1
        job.save(update_fields=["state", "started_at", "heartbeat_at", "done", "attempts"])
    running = RunningJob(job)
    heartbeat = _Heartbeat(running) if _beats_in_thread() else None
    if heartbeat:
        heartbeat.start()
    try:
        yield running
    except BaseException as error:
        _stop(heartbeat)
        Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
            state=JobState.FAILED, message=str(error)[:500] or type(error).__name__, finished_at=timezone.now()
        )
        raise
    _stop(heartbeat)
    Job.objects.filter(pk=job_id).update(
        state=JobState.SUCCEEDED,
        done=running.total if running.total is not None else running.done,
        total=running.total,
        message=running.message[:500],
        result_file=running.result_file,
        heartbeat_at=timezone.now(),
        finished_at=timezone.now(),
    )


def _stop(heartbeat: _Heartbeat | None) -> None:
    if heartbeat:
        heartbeat.stopped.set()
        heartbeat.join()


def jobs_requeue_stale(*, now=None) -> list[int]:
    """Put back in the queue every running job whose heartbeat stopped (its worker died).

    A job that has run ``JOBS_MAX_ATTEMPTS`` times fails instead. Safe with many workers: each
    stale job is taken by one of them (rows locked, others skipped).
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.JOBS_STALE_SECONDS)
    requeued = []
    with transaction.atomic():
        stale = Job.objects.select_for_update(skip_locked=True).filter(state=JobState.RUNNING, heartbeat_at__lt=cutoff)
        for job in stale:
            if job.task_id and settings.JOBS_BACKEND == "database":  # other backends keep no result rows
                DBTaskResult.objects.filter(pk=job.task_id, status="RUNNING").update(
                    status="FAILED",
                    finished_at=now,
                    exception_class_path="jobs.services.WorkerLost",
                    traceback="the worker stopped beating (killed or lost); the job was queued again",
                )
            if job.attempts >= settings.JOBS_MAX_ATTEMPTS:
                job.state, job.finished_at = JobState.FAILED, now
                job.message = _("工作进程中断 %(count)s 次，任务已停止。") % {"count": job.attempts}
                job.save(update_fields=["state", "finished_at", "message"])
                continue
            job.state, job.task_id, job.done = JobState.QUEUED, "", 0
            job.message = _("上次运行中断，已重新排队（第 %(count)s 次）。") % {"count": job.attempts + 1}
            job.save(update_fields=["state", "task_id", "done", "message"])
            requeued.append(job.pk)
        for pk in requeued:
            _enqueue(Job.objects.get(pk=pk))
    return requeued


def jobs_enqueue_due(*, now=None) -> list[Job]:
    """Queue the scheduled jobs (``settings.JOBS_SCHEDULE``) whose time of day has come today.

    Each run has a slot (``kind:date``) that only one job may hold: several workers checking the
    schedule at once queue it once.
    """
    now = timezone.localtime(now or timezone.now())
    made = []
    for entry in settings.JOBS_SCHEDULE:
        hour, minute = (int(part) for part in entry["at"].split(":"))
        if (now.hour, now.minute) < (hour, minute):
            continue
        slot = f"{entry['kind']}:{now:%Y-%m-%d}"
        if Job.objects.filter(slot=slot).exists():
            continue
        try:
            made.append(job_enqueue(import_string(entry["task"]), kind=entry["kind"], slot=slot))
        except IntegrityError:
            continue  # another worker queued it first
    return made


def jobs_maintain() -> None:
    """What every worker does between jobs: stale jobs back in the queue, scheduled jobs queued."""
    close_old_connections()
    jobs_requeue_stale()
    jobs_enqueue_due()
