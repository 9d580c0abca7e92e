"""The job queue: jobs with progress and files, and a job whose worker is killed runs again."""

import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import Job, JobState
from jobs.services import job_enqueue, job_file, jobs_enqueue_due, jobs_requeue_stale
from pilots import selectors
from portal.tasks import backup
from search.models import SearchDocument
from search.tasks import rebuild_search_index

from .slow_task import LINES, slow_export


@pytest.fixture
def jobs_dir(settings, tmp_path):
    settings.JOBS_DIR = tmp_path / "jobs"
    return settings.JOBS_DIR


@pytest.mark.django_db
def test_an_index_rebuild_job_reports_its_progress_and_rebuilds_the_index(jobs_dir):
    published = selectors.public_units().count()
    SearchDocument.objects.all().delete()
    job = job_enqueue(rebuild_search_index, kind="search_rebuild")
    assert (job.state, job.done, job.total, job.attempts) == (JobState.SUCCEEDED, published, published, 1)
    assert job.percent == 100 and job.task_id
    assert SearchDocument.objects.count() == published


@pytest.mark.django_db
def test_a_backup_job_names_its_archive_only_once_written(jobs_dir, monkeypatch):
    """The archive itself is tested by tests/hardening/test_backup.py (in subprocesses: SQLite's
    backup API waits for the test's open transaction); here, what the job makes of it."""
    seen = {}

    def archive(path, *, on_file):
        with tarfile.open(path, "w:gz") as out:
            out.addfile(tarfile.TarInfo("manifest.json"))
        on_file()
        job = Job.objects.get(kind="backup")
        seen.update(state=job.state, served=job_file(job), named=list(Path(jobs_dir).rglob("*.tar.gz")))

    monkeypatch.setattr("portal.tasks.backup_create", archive)
    job = job_enqueue(backup, kind="backup")
    assert seen == {"state": JobState.RUNNING, "served": None, "named": []}
    path = job_file(job)
    assert job.state == JobState.SUCCEEDED and path is not None and path.parent.parent.name == "backup"
    with tarfile.open(path) as archive_file:
        assert archive_file.getnames() == ["manifest.json"]
    assert not list(Path(jobs_dir).rglob("*.partial"))


@pytest.mark.django_db
def test_a_failed_job_says_why_and_serves_no_file(jobs_dir, monkeypatch):
    def broken(path, **kwargs):
        path.write_bytes(b"half")
        raise OSError("磁盘已满")

    monkeypatch.setattr("portal.tasks.backup_create", broken)
    job = job_enqueue(backup, kind="backup")
    assert job.state == JobState.FAILED and "磁盘已满" in job.message
    assert job_file(job) is None
    assert not list(Path(jobs_dir).rglob("*.tar.gz")) and not list(Path(jobs_dir).rglob("*.partial"))


@pytest.fixture
def database_queue(settings):
    """Jobs wait in the database (django-tasks resets its backends when TASKS changes)."""
    settings.JOBS_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_a_job_whose_worker_stopped_beating_is_queued_again_then_given_up(database_queue, settings):
    settings.JOBS_MAX_ATTEMPTS = 2
    job = job_enqueue(slow_export, kind="export")
    first = DBTaskResult.objects.get(pk=job.task_id)
    assert job.state == JobState.QUEUED and first.status == "READY"
    long_ago = timezone.now() - timedelta(seconds=settings.JOBS_STALE_SECONDS + 1)
    DBTaskResult.objects.filter(pk=first.pk).update(status="RUNNING")
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=1, heartbeat_at=long_ago)
    fresh = job_enqueue(slow_export, kind="export")
    Job.objects.filter(pk=fresh.pk).update(state=JobState.RUNNING, attempts=1, heartbeat_at=timezone.now())

    assert jobs_requeue_stale() == [job.pk]
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.task_id != str(first.pk) and "重新排队" in job.message
    assert DBTaskResult.objects.get(pk=first.pk).status == "FAILED"
    assert DBTaskResult.objects.get(pk=job.task_id).status == "READY"
    Job.objects.filter(pk=fresh.pk).update(state=JobState.SUCCEEDED)

    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=2, heartbeat_at=long_ago)
    assert jobs_requeue_stale() == []
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "中断 2 次" in job.message


@pytest.mark.django_db
def test_scheduled_jobs_are_queued_once_a_day_however_many_workers_look(database_queue, settings):
    settings.JOBS_SCHEDULE = [{"kind": "export", "task": "tests.scale.slow_task.slow_export", "at": "08:00"}]
    morning = timezone.make_aware(timezone.datetime(2026, 12, 7, 7, 59))
    assert jobs_enqueue_due(now=morning) == []
    later = morning + timedelta(minutes=5)
    made = jobs_enqueue_due(now=later)
    assert [job.slot for job in made] == ["export:2026-12-07"]
    assert jobs_enqueue_due(now=later + timedelta(hours=3)) == []
    assert DBTaskResult.objects.filter(task_path="tests.scale.slow_task.slow_export").count() == 1


def _job_row(database: Path, job_id: int) -> dict:
    with sqlite3.connect(database, timeout=10) as db:
        db.row_factory = sqlite3.Row
        return dict(db.execute("SELECT * FROM jobs_job WHERE id = ?", [job_id]).fetchone())


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"waited {seconds} s for {what}")


def _queue_statuses(database: Path):
    """The queue's own results, once none is still running (it records its result just after the job's
    row says succeeded: a busy machine showed the moment in between)."""
    with sqlite3.connect(database, timeout=10) as db:
        found = sorted(status for (status,) in db.execute("SELECT status FROM django_tasks_database_dbtaskresult"))
    return found if "RUNNING" not in found and "READY" not in found else None


def test_a_worker_killed_in_mid_job_serves_no_half_file_and_the_job_runs_again(tmp_path):
    """A real worker process (manage.py run_jobs) over its own database, killed with SIGKILL."""
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "CACHE_URL")}
    env.update(
        PORTAL_VAR_DIR=str(tmp_path / "var"),
        JOBS_BACKEND="database",
        JOBS_HEARTBEAT_SECONDS="0.2",
        JOBS_STALE_SECONDS="2",
        JOBS_MAINTAIN_SECONDS="0.3",
        REMINDERS_AT="",
        BACKUP_AT="",
        DEBUG="true",
    )
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    run = {"env": env, "cwd": settings.BASE_DIR, "check": True, "capture_output": True, "text": True}
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], **run)
    asked = subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from jobs.services import job_enqueue; from tests.scale.slow_task import "
            "slow_export; print(job_enqueue(slow_export, kind='export', params={'pause': 0.4}).pk)",
        ],
        **run,
    )
    job_id = int(asked.stdout.split()[-1])
    database = tmp_path / "var" / "portal.sqlite3"
    final = tmp_path / "var" / "jobs" / "export" / str(job_id) / "export.txt"
    worker_command = [*manage, "run_jobs", "--interval", "0.2", "--no-startup-delay", "-v", "0"]

    worker = subprocess.Popen(worker_command, env=env, cwd=settings.BASE_DIR)
    try:
        _wait(lambda: _job_row(database, job_id)["done"] >= 3, 60, "three lines written")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        row = _job_row(database, job_id)
        assert row["state"] == "running" and row["result_file"] == "" and 3 <= row["done"] < LINES
        assert not final.exists()  # only the partial file, never named
        assert list(final.parent.glob("*.partial"))

        worker = subprocess.Popen(worker_command, env=env, cwd=settings.BASE_DIR)
        row = _wait(
            lambda: (r := _job_row(database, job_id))["state"] in ("succeeded", "failed") and r, 90, "the job rerun"
        )
        statuses = _wait(lambda: _queue_statuses(database), 30, "the queue's results")
    finally:
        worker.kill()
        worker.wait()
    assert row["state"] == "succeeded" and row["attempts"] == 2 and row["done"] == LINES
    assert row["result_file"] == f"export/{job_id}/export.txt"
    assert final.read_text(encoding="utf-8").splitlines() == [f"第 {n} 行" for n in range(1, LINES + 1)]
    assert not list(final.parent.glob("*.partial"))
    assert statuses == ["FAILED", "SUCCESSFUL"]


@pytest.mark.django_db
def test_a_superuser_asks_for_a_job_in_the_admin_and_downloads_its_file(client, jobs_dir, monkeypatch):
    from django.contrib.auth import get_user_model

    def archive(path, *, on_file):
        path.write_bytes(b"archive")

    monkeypatch.setattr("portal.tasks.backup_create", archive)
    staff = get_user_model().objects.create_user("staff-only", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/jobs/job/").status_code == 403
    assert client.post("/admin/jobs/job/ask/backup/").status_code == 403
    root = get_user_model().objects.create_superuser("root-jobs", password="x")
    client.force_login(root)
    listing = client.get("/admin/jobs/job/").content.decode()
    assert "备份数据库与附件" in listing and "重建检索索引" in listing
    assert client.get("/admin/jobs/job/ask/backup/").status_code == 405
    asked = client.post("/admin/jobs/job/ask/backup/")
    job = Job.objects.get(kind="backup")
    assert asked.status_code == 302 and job.state == JobState.SUCCEEDED and job.requested_by == root
    download = client.get(f"/admin/jobs/job/{job.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"archive"
    assert client.post("/admin/jobs/job/ask/nothing/").status_code == 404
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    assert client.get(f"/admin/jobs/job/{job.pk}/file/").status_code == 404
