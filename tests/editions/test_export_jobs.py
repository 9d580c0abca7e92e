"""A frozen version's files are built by one job of the ``jobs`` app: its state, progress, heartbeat
and attempts; a job whose worker died is run again and builds only what is not stored yet; under
`make run` (the thread backend) freezing answers before the files are built."""

import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from editions import services, stored
from editions.models import EditionExport, ExportState
from jobs.models import Job, JobState

pytestmark = pytest.mark.django_db


def test_freezing_queues_one_job_whose_state_and_progress_show_on_the_versions_page(
    editor_client, small_issue, django_capture_on_commit_callbacks
):
    edition = small_issue["edition"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = services.edition_freeze(edition=edition, accept_warnings=True)
    job = Job.objects.get(kind=stored.EXPORT_JOB)
    assert job.state == JobState.QUEUED and job.params == {"version": version.pk, "formats": ["pdf", "docx", "html"]}
    assert set(version.exports.values_list("job", flat=True)) == {job.pk}
    page = editor_client.get(reverse("editions:versions", args=[edition.pk])).content.decode()
    assert f"生成任务 #{job.pk}：排队中" in page
    # Asking again (a download) while the job is queued queues nothing more.
    with django_capture_on_commit_callbacks(execute=False) as again:
        assert editor_client.get(reverse("editions:download", args=[edition.pk, 1, "pdf"])).status_code == 202
    assert not again and Job.objects.filter(kind=stored.EXPORT_JOB).count() == 1

    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, done=30, total=120, heartbeat_at=timezone.now())
    status = editor_client.get(reverse("editions:export-status", args=[edition.pk])).json()
    assert {(item["job"]["id"], item["job"]["percent"]) for item in status["exports"]} == {(job.pk, 25)}
    page = editor_client.get(reverse("editions:versions", args=[edition.pk])).content.decode()
    assert f"生成任务 #{job.pk}：进行中" in page and "25%" in page

    Job.objects.filter(pk=job.pk).update(state=JobState.QUEUED, done=0, total=None)
    callbacks[0]()  # the commit comes: the job runs (immediate backend)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.SUCCEEDED, 1)
    assert job.total > 0 and job.done == job.total and job.percent == 100
    assert set(version.exports.values_list("state", flat=True)) == {ExportState.DONE}
    page = editor_client.get(reverse("editions:versions", args=[edition.pk])).content.decode()
    assert "生成任务" not in page and page.count('class="download button"') == 3


def test_a_job_whose_worker_died_runs_again_and_builds_only_what_is_not_stored(
    editor_client, small_issue, django_capture_on_commit_callbacks, settings
):
    """The worker built the PDF, then died in the middle of the DOCX (its heartbeat stopped)."""
    edition = small_issue["edition"]
    with django_capture_on_commit_callbacks(execute=False):
        version = services.edition_freeze(edition=edition, accept_warnings=True)
    job = Job.objects.get(kind=stored.EXPORT_JOB)
    stored.build(version, "pdf")
    pdf = version.exports.get(fmt="pdf")
    EditionExport.objects.filter(version=version, fmt="docx").update(state=ExportState.RUNNING, done_steps=3)
    half = stored.absolute_path(stored.relative_path(version, "docx")).with_name(".half.docx.part")
    half.write_bytes(b"PK half")
    long_ago = timezone.now() - timedelta(seconds=settings.JOBS_STALE_SECONDS + 5)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=1, done=40, heartbeat_at=long_ago)

    built = []
    real_build = stored.build

    def counting(version, fmt, **kwargs):
        built.append(fmt)
        return real_build(version, fmt, **kwargs)

    # The next download finds the job silent: nothing half-written is served, the job is queued again
    # (run_jobs does the same), and its second run builds what the first left unfinished.
    with mock.patch("editions.stored.build", side_effect=counting):
        assert editor_client.get(reverse("editions:download", args=[edition.pk, 1, "docx"])).status_code == 202
    assert built == ["docx", "html"]
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.SUCCEEDED, 2) and job.done == job.total
    assert Job.objects.filter(kind=stored.EXPORT_JOB).count() == 1
    assert set(version.exports.values_list("fmt", "state")) == {(f, ExportState.DONE) for f in ("pdf", "docx", "html")}
    assert version.exports.get(fmt="pdf").finished_at == pdf.finished_at  # the stored PDF was not built again
    docx = stored.absolute_path(version.exports.get(fmt="docx").path)
    assert docx.read_bytes().startswith(b"PK") and docx.stat().st_size > 1000
    with mock.patch("editions.stored.build", side_effect=counting):
        response = editor_client.get(reverse("editions:download", args=[edition.pk, 1, "docx"]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == docx.read_bytes()
    assert built == ["docx", "html"]  # the download built nothing


def test_a_job_that_keeps_losing_its_worker_is_given_up_and_a_later_download_queues_a_new_one(
    editor_client, small_issue, django_capture_on_commit_callbacks, settings
):
    edition = small_issue["edition"]
    with django_capture_on_commit_callbacks(execute=False):
        services.edition_freeze(edition=edition, accept_warnings=True)
    job = Job.objects.get(kind=stored.EXPORT_JOB)
    long_ago = timezone.now() - timedelta(seconds=settings.JOBS_STALE_SECONDS + 5)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, attempts=settings.JOBS_MAX_ATTEMPTS, heartbeat_at=long_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.get(reverse("editions:download", args=[edition.pk, 1, "html"])).status_code == 202
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "中断" in job.message
    fresh = Job.objects.filter(kind=stored.EXPORT_JOB).exclude(pk=job.pk).get()
    assert fresh.state == JobState.SUCCEEDED and fresh.attempts == 1
    response = editor_client.get(reverse("editions:download", args=[edition.pk, 1, "html"]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"<!doctype html>")


@pytest.mark.django_db(transaction=True)
def test_under_make_run_freezing_answers_before_the_files_are_built(editor_client, small_issue, settings):
    """The thread backend (JOBS_BACKEND=thread, what `make run` uses): the freeze request returns while
    the job, in a thread of the server, is still building; the files come after."""
    settings.JOBS_BACKEND = "thread"
    settings.TASKS = {"default": {"BACKEND": "jobs.backends.ThreadBackend"}}
    settings.JOBS_HEARTBEAT_SECONDS = 0.1
    edition = small_issue["edition"]
    release = threading.Event()
    started = threading.Event()
    real_build = stored.build

    def held(version, fmt, **kwargs):
        started.set()
        assert release.wait(30), "the test never let the build go"
        return real_build(version, fmt, **kwargs)

    with mock.patch("editions.stored.build", side_effect=held):
        response = editor_client.post(
            reverse("editions:freeze", args=[edition.pk]), {"accept": "on", "comment": "线程"}
        )
        assert response.status_code == 302
        assert started.wait(30)  # the build has begun, in another thread, after the request answered
        job = Job.objects.get(kind=stored.EXPORT_JOB)
        assert job.state == JobState.RUNNING
        assert EditionExport.objects.filter(state=ExportState.DONE).count() == 0
        release.set()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.finished:
                break
            time.sleep(0.1)
    assert job.state == JobState.SUCCEEDED and job.attempts == 1
    assert set(EditionExport.objects.values_list("state", flat=True)) == {ExportState.DONE}
