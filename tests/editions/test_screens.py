"""The editors' screens through Django's client: bad input gets a Chinese message and changes nothing."""

import pytest
from django.urls import reverse

from editions.models import Edition, Entry
from pilots.models import Article, PilotUnit

pytestmark = pytest.mark.django_db


def test_an_editor_creates_an_issue_with_a_volume_and_sections(editor_client):
    response = editor_client.post(reverse("editions:list"), {"title": "新一期专刊", "magazine": "浙江工运"})
    edition = Edition.objects.get(title="新一期专刊")
    assert response.status_code == 302
    editor_client.post(reverse("editions:volume-add", args=[edition.pk]), {"name": "乡镇振兴篇", "kind": "townships"})
    volume = edition.volumes.get()
    editor_client.post(reverse("editions:section-add", args=[edition.pk, volume.pk]), {"title": "速写"})
    page = editor_client.get(reverse("editions:detail", args=[edition.pk])).content.decode()
    assert "乡镇振兴篇" in page and "速写" in page


def test_an_issue_without_a_title_is_refused_with_a_message(editor_client):
    response = editor_client.post(reverse("editions:list"), {"title": ""})
    assert response.status_code == 400 and "该字段是必填项" in response.content.decode()
    assert not Edition.objects.exists()


def test_adding_one_library_result_adds_its_published_pieces(editor_client, small_issue):
    unit = PilotUnit.objects.get(name="宁波市北仑区小港街道总工会")
    section = small_issue["features"]
    response = editor_client.post(reverse("editions:add-results"), {"unit": unit.pk, "section": section.pk})
    assert response.status_code == 302
    assert list(section.entries.values_list("article__units__name", flat=True)) == [unit.name]


def test_adding_all_results_of_a_filtered_list(editor_client, small_issue):
    section = small_issue["features"]
    query = "city=台州市&kind=street_federation"
    listed = PilotUnit.objects.published().filter(region__city__name="台州市", kind="street_federation")
    with_pieces = listed.filter(articles__status="published").exclude(articles__column="overview").distinct()
    already = {unit.pk for unit in small_issue["units"]}  # their pieces are in the sketches already
    editor_client.post(reverse("editions:add-results"), {"query": query, "section": section.pk})
    units = set(section.entries.values_list("article__units", flat=True))
    assert {unit.pk for unit in with_pieces} - already <= units
    for entry in section.entries.all():  # every piece added is about a unit of the list
        assert set(entry.article.units.values_list("pk", flat=True)) & {unit.pk for unit in listed}
    assert len(units) > 3


def test_adding_results_with_a_bad_query_or_section_changes_nothing(editor_client, small_issue):
    section = small_issue["features"]
    before = Entry.objects.count()
    response = editor_client.post(
        reverse("editions:add-results"), {"query": "designated_year=abc", "section": section.pk}
    )
    assert response.status_code == 302
    response = editor_client.post(reverse("editions:add-results"), {"unit": "1", "section": "x"})
    assert response.status_code == 302
    assert Entry.objects.count() == before


def test_unknown_actions_and_foreign_sections_change_nothing(editor_client, small_issue, people):
    edition = small_issue["edition"]
    entry = small_issue["sketches"].entries.order_by("position")[0]
    url = reverse("editions:entry", args=[edition.pk, entry.pk])
    editor_client.post(url, {"action": "explode"})
    other = Edition.objects.create(title="另一期")
    other_section = other.volumes.create(name="卷").sections.create(title="栏")
    assert editor_client.post(url, {"action": "move", "section": other_section.pk}).status_code == 404
    assert editor_client.post(url, {"action": "move", "section": "abc"}).status_code == 404
    entry.refresh_from_db()
    assert (entry.section, entry.position) == (small_issue["sketches"], 1)


def test_the_overview_page_renders_placeholders_and_links_each_figure_to_its_evidence(editor_client, small_issue):
    edition, volume = small_issue["edition"], small_issue["volume"]
    url = reverse("editions:overview", args=[edition.pk, volume.pk])
    editor_client.post(url, {"overview_text": "近八成（{share:zjg_team}）的街道有专兼挂队伍，{share:oops}。"})
    page = editor_client.get(url).content.decode()
    assert '<span class="computed" title="专兼挂（轮）队伍：3 / 4">75%</span>' in page
    assert "未知的做法“oops”" in page
    assert reverse("editions:evidence", args=[edition.pk, volume.pk, "zjg_team"]) in page
    evidence = editor_client.get(
        reverse("editions:evidence", args=[edition.pk, volume.pk, "zjg_team"])
    ).content.decode()
    assert "温岭市甲街道总工会" in evidence and "专兼挂队伍" in evidence and "温岭市戊社区工会" not in evidence


def test_freezing_asks_to_accept_warnings_then_downloads_every_format(
    editor_client, small_issue, django_capture_on_commit_callbacks
):
    edition = small_issue["edition"]
    url = reverse("editions:freeze", args=[edition.pk])
    page = editor_client.get(url).content.decode()
    assert "温岭市戊社区工会" in page  # not a street pilot
    assert editor_client.post(url, {}).status_code == 409
    assert not edition.versions.exists()
    with django_capture_on_commit_callbacks(execute=True):  # the job queued on commit runs (immediate backend)
        assert editor_client.post(url, {"accept": "on", "comment": "第一次定稿"}).status_code == 302
    for fmt, start in (("html", b"<!doctype html>"), ("docx", b"PK"), ("pdf", b"%PDF")):
        response = editor_client.get(reverse("editions:download", args=[edition.pk, 1, fmt]))
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(start), fmt
    assert editor_client.get(reverse("editions:download", args=[edition.pk, 1, "exe"])).status_code == 404
    assert editor_client.get(reverse("editions:download", args=[edition.pk, 9, "pdf"])).status_code == 404


def test_data_reaches_the_pages_escaped(editor_client, small_issue):
    article = next(iter(small_issue["articles"].values()))
    Article.objects.filter(pk=article.pk).update(headline="<script>alert(1)</script>")
    edition = small_issue["edition"]
    for url in (reverse("editions:detail", args=[edition.pk]), reverse("editions:preview", args=[edition.pk])):
        page = editor_client.get(url).content.decode()
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
