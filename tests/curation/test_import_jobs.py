"""Imports of large files as jobs: uploaded on the import list, run by a worker (here the immediate
backend), their state and progress on the list; a job run again (its worker killed) writes once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from importing.store import _FileWriter
from importing.tasks import IMPORT_JOB
from jobs.models import Job, JobState
from jobs.services import jobs_requeue_stale
from pilots.models import Article, ImportRecord, ImportRun
from tests.conftest import seed_path

pytestmark = pytest.mark.django_db

SOURCE = "008_newspaper_page.txt"  # a real newspaper page of several pieces


@pytest.fixture(autouse=True)
def jobs_dir(settings, tmp_path):
    settings.JOBS_DIR = tmp_path / "jobs"


class WorkerKilled(BaseException):
    """What the test makes of a kill -9 in the middle of the file (the job's process stops there)."""


def upload(client, name=SOURCE, data=None, **fields):
    data = seed_path(SOURCE).read_bytes() if data is None else data
    return client.post(
        reverse("curation:import-upload"),
        {"file": SimpleUploadedFile(name, data, content_type="text/plain"), "format": "auto", **fields},
    )


def written() -> tuple[int, int, int]:
    return ImportRun.objects.count(), ImportRecord.objects.count(), Article.objects.filter(source_file=SOURCE).count()


def test_an_upload_is_imported_by_a_job_whose_state_and_progress_show_on_the_import_list(
    client, accounts, django_capture_on_commit_callbacks
):
    client.force_login(accounts["editor"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        answer = upload(client, date="2024-03-01")
    assert answer.status_code == 302 and answer["Location"] == reverse("curation:import-list")
    job = Job.objects.get(kind=IMPORT_JOB)
    assert job.state == JobState.QUEUED and job.requested_by == accounts["editor"]
    assert job.params["name"] == SOURCE and job.params["date"] == "2024-03-01"
    assert written() == (0, 0, 0)  # nothing imported in the request
    page = client.get(reverse("curation:import-list")).content.decode()
    assert f"#{job.pk}" in page and "排队中" in page and SOURCE in page

    for callback in callbacks:
        callback()  # the commit: the job runs (immediate backend)
    job.refresh_from_db()
    runs, records, _articles = written()
    assert (job.state, job.attempts) == (JobState.SUCCEEDED, 1) and runs == 1 and records >= 2
    assert job.total == records + 1 and job.done == job.total and job.percent == 100
    assert f"{records} 篇" in job.message
    run = ImportRun.objects.get(source_file=SOURCE)
    page = client.get(reverse("curation:import-list")).content.decode()
    assert "已完成" in page and 'value="100"' in page
    assert reverse("curation:import-detail", args=[run.pk]) in page


def test_an_import_job_run_again_after_its_worker_died_writes_each_piece_once(
    client, accounts, django_capture_on_commit_callbacks, settings
):
    client.force_login(accounts["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        upload(client)
    job = Job.objects.get(kind=IMPORT_JOB)
    first = written()
    assert job.state == JobState.SUCCEEDED and first[1] >= 2

    # The worker died after the file's transaction committed, before the job was marked done:
    # run_jobs queues it again, and the second run finds the same run and articles.
    long_ago = timezone.now() - timedelta(seconds=settings.JOBS_STALE_SECONDS + 5)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, done=1, heartbeat_at=long_ago)
    assert jobs_requeue_stale() == [job.pk]
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.SUCCEEDED, 2)
    assert written() == first
    page = client.get(reverse("curation:import-list")).content.decode()
    assert "第 2 次运行" in page


def test_a_worker_killed_in_the_middle_of_a_file_leaves_nothing_of_it_and_the_job_runs_again(
    client, accounts, django_capture_on_commit_callbacks, settings
):
    client.force_login(accounts["editor"])
    calls = []
    real_write = _FileWriter.write

    def dies(writer, piece):
        calls.append(piece)
        if len(calls) == 2:  # one piece written, then the worker is gone
            raise WorkerKilled
        return real_write(writer, piece)

    with (
        mock.patch("importing.store._FileWriter.write", autospec=True, side_effect=dies),
        django_capture_on_commit_callbacks(execute=True),
    ):
        upload(client)
    assert len(calls) == 2
    assert written() == (0, 0, 0)  # the file's transaction rolled back: nothing half-imported
    job = Job.objects.get(kind=IMPORT_JOB)
    # What a killed worker leaves: the job running, its heartbeat stopping.
    long_ago = timezone.now() - timedelta(seconds=settings.JOBS_STALE_SECONDS + 5)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, finished_at=None, heartbeat_at=long_ago)
    assert jobs_requeue_stale() == [job.pk]
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.SUCCEEDED, 2)
    assert written()[0] == 1 and written()[1] >= 2


def test_a_file_that_cannot_be_read_fails_its_job_with_a_message_on_the_list(
    client, accounts, django_capture_on_commit_callbacks
):
    client.force_login(accounts["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, name="binary.txt", data=b"\x00\x01\x02\xff" * 400)
    job = Job.objects.get(kind=IMPORT_JOB)
    assert job.state == JobState.FAILED and job.message
    page = client.get(reverse("curation:import-list")).content.decode()
    assert "失败" in page and "binary.txt" in page
    assert written() == (0, 0, 0)


@pytest.mark.parametrize(
    ("fields", "data", "said"),
    [
        ({}, b"", "文本文件"),
        ({"date": "2024-13-45"}, None, "发表日期应为 YYYY-MM-DD 格式"),
        ({"format": "pdf"}, None, "类型"),
    ],
)
def test_bad_uploads_say_which_field_and_queue_nothing(client, accounts, fields, data, said):
    client.force_login(accounts["editor"])
    answer = upload(client, data=data, **fields)
    assert answer.status_code == 302
    page = client.get(reverse("curation:import-list")).content.decode()
    assert said in page and not Job.objects.exists()


def test_an_upload_too_large_is_refused(client, accounts, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 1000
    client.force_login(accounts["editor"])
    upload(client)
    page = client.get(reverse("curation:import-list")).content.decode()
    assert "文件过大" in page and not Job.objects.exists()


@pytest.mark.parametrize("role", ["submitter", "reviewer", "staff", "no_role"])
def test_only_editors_and_admins_upload(client, accounts, role):
    client.force_login(accounts[role])
    assert upload(client).status_code == 403 and not Job.objects.exists()


def test_the_upload_address_opened_leads_to_the_form_on_the_import_list(client, accounts):
    """A bookmark or a reload of the upload address shows the form, not a bare 405; others stay out."""
    client.force_login(accounts["editor"])
    answer = client.get(reverse("curation:import-upload"))
    assert answer.status_code == 302 and answer["Location"] == reverse("curation:import-list") + "#upload-form"
    assert 'id="upload-form"' in client.get(answer["Location"]).content.decode()
    client.force_login(accounts["submitter"])
    assert client.get(reverse("curation:import-upload")).status_code == 403
    assert written() == (0, 0, 0)
