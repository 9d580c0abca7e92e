"""Exports are built once per frozen version by a background job, stored, and served as files."""

from pathlib import Path
from unittest import mock
from urllib.parse import quote

import pytest
from django.urls import reverse

from editions import services, stored
from editions.models import EditionExport, ExportState

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    # Read to the end, the test client closes the file (without closing the test's database
    # connection, which response.close() would on PostgreSQL).
    return b"".join(response.streaming_content)


def status(client, url, **extra) -> int:
    """The status of a GET, its file (if any) closed."""
    response = client.get(url, **extra)
    if response.streaming:
        body(response)
    return response.status_code


@pytest.fixture
def built(small_issue, django_capture_on_commit_callbacks):
    """Version 1 frozen, published, and its job run (the immediate backend runs it on commit)."""
    edition = small_issue["edition"]
    with django_capture_on_commit_callbacks(execute=True):
        version = services.edition_freeze(edition=edition, accept_warnings=True, comment="首次定稿")
    services.edition_publish(edition=edition, version=version)
    return version


def test_freezing_queues_the_build_and_the_job_stores_every_file_whole(small_issue, django_capture_on_commit_callbacks):
    edition = small_issue["edition"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = services.edition_freeze(edition=edition, accept_warnings=True)
    # Queued, nothing built yet: the build waits for the commit, then runs as a job.
    assert set(version.exports.values_list("fmt", "state")) == {
        (f, ExportState.QUEUED) for f in ("pdf", "docx", "html")
    }
    assert len(callbacks) == 1
    callbacks[0]()
    rows = {row.fmt: row for row in version.exports.all()}
    for fmt, start in (("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!doctype html>")):
        row = rows[fmt]
        assert row.state == ExportState.DONE and row.done_steps == row.total_steps > 0
        path = stored.absolute_path(row.path)
        assert path.read_bytes().startswith(start) and path.stat().st_size == row.size
        assert row.filename == f"浙江工运-2026年第1期-街道活力篇-第1版.{fmt}"
    assert not list(stored.absolute_path(rows["pdf"].path).parent.glob("*.part"))  # no temporary file left


def test_a_download_of_a_frozen_version_builds_nothing_and_answers_in_one_query(
    client, built, django_assert_max_num_queries
):
    edition = built.edition
    url = reverse("editions:download", args=[edition.pk, 1, "pdf"])
    build = mock.Mock(side_effect=AssertionError("built in a request"))
    with (
        mock.patch.dict("editions.exporters.FORMATS", {"pdf": ("application/pdf", build)}),
        mock.patch("editions.stored.build", side_effect=AssertionError("built in a request")) as job,
        django_assert_max_num_queries(2),
    ):
        response = client.get(url)  # anonymous: the published version
    assert response.status_code == 200 and body(response).startswith(b"%PDF")
    build.assert_not_called()
    job.assert_not_called()
    name = "浙江工运-2026年第1期-街道活力篇-第1版.pdf"
    assert f"filename*=utf-8''{quote(name)}" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_a_file_not_built_yet_is_queued_not_built_in_the_request(
    editor_client, small_issue, django_capture_on_commit_callbacks
):
    edition = small_issue["edition"]
    version = services.edition_freeze(edition=edition, accept_warnings=True)  # its commit never comes: not built
    EditionExport.objects.filter(version=version).delete()  # as for a version frozen before files were stored
    build = mock.Mock()
    with (
        mock.patch.dict("editions.exporters.FORMATS", {"pdf": ("application/pdf", build)}),
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        response = editor_client.get(reverse("editions:download", args=[edition.pk, 1, "pdf"]))
    build.assert_not_called()
    assert response.status_code == 202 and "正在后台生成" in response.content.decode()
    assert version.exports.filter(state=ExportState.QUEUED).count() == 3 and len(callbacks) == 1
    page = editor_client.get(reverse("editions:versions", args=[edition.pk])).content.decode()
    assert "排队中" in page and "<progress" in page
    status = editor_client.get(reverse("editions:export-status", args=[edition.pk])).json()
    assert {item["state"] for item in status["exports"]} == {"queued"}


def test_the_versions_page_shows_who_froze_each_version_with_its_comment_and_the_stored_files(editor_client, built):
    page = editor_client.get(reverse("editions:versions", args=[built.edition.pk])).content.decode()
    assert "首次定稿" in page and page.count('class="download button"') == 3
    assert "内容哈希" not in page


def test_a_failed_write_leaves_no_file_and_no_temporary(tmp_path):
    target = tmp_path / "editions" / "x.pdf"
    with mock.patch("os.replace", side_effect=OSError("disk full")), pytest.raises(OSError):
        stored.write_atomically(target, b"%PDF-1.7 whole")
    assert not target.exists() and not list(target.parent.iterdir())
    stored.write_atomically(target, b"%PDF-1.7 whole")
    assert target.read_bytes() == b"%PDF-1.7 whole"


def test_a_failed_build_is_recorded_and_queued_again_by_the_next_download(
    editor_client, small_issue, django_capture_on_commit_callbacks
):
    edition = small_issue["edition"]
    failing = mock.Mock(side_effect=RuntimeError("pango"))
    with (
        mock.patch.dict("editions.exporters.FORMATS", {"pdf": ("application/pdf", failing)}),
        django_capture_on_commit_callbacks(execute=True),
    ):
        version = services.edition_freeze(edition=edition, accept_warnings=True)
    pdf = version.exports.get(fmt="pdf")
    assert pdf.state == ExportState.FAILED and "pango" in pdf.error
    assert version.exports.get(fmt="docx").state == ExportState.DONE
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.get(reverse("editions:download", args=[edition.pk, 1, "pdf"])).status_code == 202
    assert version.exports.get(fmt="pdf").state == ExportState.DONE
    assert status(editor_client, reverse("editions:download", args=[edition.pk, 1, "pdf"])) == 200


def test_anonymous_downloads_are_throttled_per_client(client, built, settings):
    settings.EDITION_ANONYMOUS_DOWNLOADS = "2/minute"
    url = reverse("editions:download", args=[built.edition.pk, 1, "html"])
    assert [status(client, url, REMOTE_ADDR="10.2.0.1") for _ in range(3)] == [200, 200, 429]
    assert status(client, url, REMOTE_ADDR="10.2.0.2") == 200


def test_the_html_export_is_self_contained(built):
    html = Path(stored.absolute_path(built.exports.get(fmt="html").path)).read_text(encoding="utf-8")
    assert "<style>" in html and "@page" in html and "/static/" not in html
    assert 'lang="zh-CN"' in html


@pytest.mark.parametrize("missing", ["no row", "file gone"])
def test_an_anonymous_download_of_a_file_not_stored_yet_queues_it_and_renders_nothing(
    client, built, missing, django_capture_on_commit_callbacks
):
    """The published version's PDF not built yet (its job has not run) or lost from the disk: an
    anonymous request is told in Chinese that it is being prepared (202) and the build is queued."""
    edition = built.edition
    pdf = built.exports.get(fmt="pdf")
    if missing == "no row":
        built.exports.all().delete()  # as for a version frozen before files were stored
    else:
        stored.absolute_path(pdf.path).unlink()
    render = mock.Mock(side_effect=AssertionError("a PDF rendered in the request"))
    url = reverse("editions:download", args=[edition.pk, 1, "pdf"])
    with (
        mock.patch.dict("editions.exporters.FORMATS", {"pdf": ("application/pdf", render)}),
        mock.patch("editions.stored.build", side_effect=AssertionError("built in the request")),
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        first = client.get(url)
        again = client.get(url)  # asking twice queues once
    render.assert_not_called()
    for response in (first, again):
        page = response.content.decode()
        assert response.status_code == 202 and response["Retry-After"] == "5"
        assert "文件生成中" in page and "正在后台生成" in page and "稍后刷新本页下载" in page
        assert "定稿版本" not in page  # no link to the editors' page for a visitor
    assert built.exports.get(fmt="pdf").state == ExportState.QUEUED
    assert len(callbacks) == 1  # one job, started once the request's transaction commits
