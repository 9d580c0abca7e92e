"""Proofing before freezing: every kind of residue planted in a real piece is found, blocks freezing
(errors) or needs a tick (warnings), and is fixed in place; the rebuilt 街道活力篇 shows today's residue."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from editions import services
from editions.models import Edition
from editions.proofing import edition_findings
from pilots.models import Article
from tests.conftest import COMPILATION, seed_lines, seed_path

pytestmark = pytest.mark.django_db


def real_sentence() -> str:
    """A sentence of the compilation, read at test time (the sources' prose stays in the seeds)."""
    for line in seed_lines(COMPILATION):
        line = line.strip()
        if (
            len(line) >= 30
            and "■" not in line
            and " " not in line
            and re.fullmatch(r"[\u4e00-\u9fff，、。“”0-9]+", line)
        ):
            return line
    pytest.fail("no plain line of prose in the compilation")


def plant(article: Article, body: str) -> None:
    Article.objects.filter(pk=article.pk).update(body=body)


@pytest.fixture
def planted(small_issue):
    """The five pieces of the small issue, each with residue of one kind planted in real text."""
    sentence = real_sentence()
    a, b, c, d, _e = (small_issue["articles"][u] for u in small_issue["units"])
    Article.objects.filter(pk=a.pk).update(reporters="洪菡婷")
    plant(a, f"{sentence[:10]}■特约记者 洪菡婷{sentence[10:]}")  # a running byline inside a sentence
    plant(b, f"{sentence[:8]}2018年第5-6期{sentence[8:]}")  # the issue label glued inside
    plant(c, "覆 盖 企 业 1110 家，" + sentence)  # a spaced-out run
    plant(d, f"{sentence[:6]} {sentence[6:]}")  # a stray space between two characters
    services.volume_update(
        volume=small_issue["volume"],
        overview_text="专兼挂占｛占比：专兼挂队伍｝。\n共 {单位数：不存在的做法} 家。",
    )
    return small_issue, sentence


def test_every_kind_of_residue_is_found_where_it_is(planted):
    issue, _sentence = planted
    findings = edition_findings(issue["edition"])
    found = {(f.code, f.severity) for f in findings}
    assert {
        ("furniture", "error"),
        ("spaced_run", "error"),
        ("stray_space", "warning"),
        ("placeholder", "error"),
        ("full_width_placeholder", "warning"),
        ("empty_section", "warning"),  # the features column has no piece
        ("unit_kind", "warning"),  # a community union in a volume of street pilots
    } <= found
    furniture = [f for f in findings if f.code == "furniture"]
    assert sorted(f.message for f in furniture) == sorted(
        ["页面杂项混入正文：“■特约记者 洪菡婷”", "页面杂项混入正文：“2018年第5-6期”"]
    )
    assert all(f.url and f.where.startswith("《") for f in furniture)
    byline = next(f for f in furniture if "洪菡婷" in f.message)
    assert byline.fix["new"] == byline.fix["old"].replace("■特约记者 洪菡婷", "")


def test_errors_block_freezing_even_when_warnings_are_accepted_and_fixes_apply_in_place(editor_client, planted):
    issue, sentence = planted
    edition = issue["edition"]
    url = reverse("editions:freeze", args=[edition.pk])
    page = editor_client.get(url).content.decode()
    assert "处错误" in page and "就地修正为" in page and "disabled" in page
    with pytest.raises(services.FreezeBlocked, match="错误"):
        services.edition_freeze(edition=edition, accept_warnings=True)
    assert editor_client.post(url, {"accept": "on"}).status_code == 409
    assert not edition.versions.exists()

    for finding in [f for f in edition_findings(edition) if f.fix]:  # every in-place fix, as the buttons post it
        response = editor_client.post(reverse("editions:proofing-fix", args=[edition.pk]), finding.fix)
        assert response.status_code == 302
    services.volume_update(volume=issue["volume"], overview_text="专兼挂占｛占比：专兼挂队伍｝。")
    left = edition_findings(edition)
    assert not [f for f in left if f.is_error]
    a = issue["articles"][issue["units"][0]]
    a.refresh_from_db()
    assert a.body == sentence  # the byline cut out, the sentence whole again
    services.edition_freeze(edition=edition, accept_warnings=True)
    assert edition.versions.count() == 1


def test_a_fix_for_text_that_changed_since_the_check_changes_nothing(editor_client, planted):
    issue, _sentence = planted
    edition = issue["edition"]
    a = issue["articles"][issue["units"][0]]
    response = editor_client.post(
        reverse("editions:proofing-fix", args=[edition.pk]), {"article": a.pk, "old": "不在正文里的字", "new": ""}
    )
    assert response.status_code == 302
    follow = editor_client.get(response.url).content.decode()
    assert "原文已经改变" in follow
    other = Article.objects.exclude(edition_entries__edition=edition).first()
    editor_client.post(
        reverse("editions:proofing-fix", args=[edition.pk]), {"article": other.pk, "old": "的", "new": ""}
    )
    assert Article.objects.get(pk=other.pk).body == other.body  # not a piece of this issue: untouched


def test_the_rebuilt_volume_shows_every_residue_left_in_its_text():
    out = io.StringIO()
    call_command("edition_from_import", str(seed_path(COMPILATION)), stdout=out)
    edition = Edition.objects.get(pk=int(out.getvalue().strip().splitlines()[-1]))
    findings = edition_findings(edition)
    texts = [e.article.body for e in edition.entries.select_related("article")]
    marks = sum(text.count("■") for text in texts)
    furniture = [f for f in findings if f.code == "furniture"]
    assert sum(f.message.count("■") for f in furniture) == marks  # every ■ left is reported
    spaced = sum(len(re.findall(r"(?:[\u4e00-\u9fff][ \u3000]){3,}[\u4e00-\u9fff]", text)) for text in texts)
    assert len([f for f in findings if f.code == "spaced_run"]) == spaced
    if marks or spaced:  # today's text: the rebuild keeps what was printed, a new freeze is refused
        with pytest.raises(services.FreezeBlocked):
            services.edition_freeze(edition=edition, accept_warnings=True)
