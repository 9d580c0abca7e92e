"""Drafts stay out of editions: a draft article or unit blocks the freeze (no tick overrides it),
the overview's figures count published units only, and no version shows a draft unit's name."""

import io

import pytest
from django.urls import reverse
from docx import Document

from editions import selectors, services
from editions.exporters import export
from editions.models import Entry
from pilots.models import PilotUnit, PublicationStatus
from tests.factories import a_street, a_unit, an_article

pytestmark = pytest.mark.django_db

DRAFT_NAME = "温岭市草稿街道总工会"


def _to_draft(article):
    type(article).objects.filter(pk=article.pk).update(status=PublicationStatus.DRAFT)


@pytest.fixture
def draft_unit_piece(small_issue):
    """A published piece on a published pilot and a draft one (the probe's case: /cases/<draft>/ is 404)."""
    draft = a_unit(DRAFT_NAME, region=a_street("草稿街道", "温岭市"), status=PublicationStatus.DRAFT)
    shown = small_issue["units"][0]
    article = an_article(shown, draft, headline="两家工会的联合做法", column="sketch", body="联合建站。")
    services.entries_add(section=small_issue["features"], articles=[article])
    return article


def test_a_draft_article_blocks_the_freeze_even_when_ticked(small_issue, people):
    edition = small_issue["edition"]
    _to_draft(small_issue["articles"][small_issue["units"][1]])
    with pytest.raises(services.FreezeBlocked) as blocked:
        services.edition_freeze(edition=edition, accept_warnings=True)
    assert "尚未发布（草稿），不能定稿" in str(blocked.value)
    assert not edition.versions.exists()


def test_a_draft_unit_blocks_the_freeze_even_when_ticked(small_issue, draft_unit_piece):
    edition = small_issue["edition"]
    warnings = services.edition_checks(edition)
    assert [w.code for w in warnings if w.blocking] == ["draft_unit"]
    with pytest.raises(services.FreezeBlocked):
        services.edition_freeze(edition=edition, accept_warnings=True)
    assert not edition.versions.exists()


def test_the_freeze_screen_says_a_tick_does_not_help(client, people, small_issue, draft_unit_piece):
    client.force_login(people["editor"])
    url = reverse("editions:freeze", args=[small_issue["edition"].pk])
    page = client.get(url).content.decode()
    assert "勾选确认也不行" in page and DRAFT_NAME in page
    response = client.post(url, {"accept": "on"})
    assert response.status_code == 409
    assert not small_issue["edition"].versions.exists()


def test_the_overview_counts_published_units_only(small_issue, draft_unit_piece):
    volume = small_issue["volume"]
    a, b, c, d, _e = small_issue["units"]
    assert set(selectors.volume_units(volume)) == {a, b, c, d}
    PilotUnit.objects.filter(pk=b.pk).update(status=PublicationStatus.DRAFT)
    assert set(selectors.volume_units(volume)) == {a, c, d}
    assert selectors.volume_adoption(volume).total == 3


def test_no_version_shows_a_draft_units_name(small_issue, draft_unit_piece, people):
    edition = small_issue["edition"]
    # The editor's live preview leaves it out already.
    assert DRAFT_NAME not in services.edition_content(edition).__repr__()
    # Once the piece is out of the issue, the issue freezes; its HTML and DOCX never name the draft.
    services.entry_remove(entry=Entry.objects.get(article=draft_unit_piece))
    article = an_article(small_issue["units"][0], headline="只写已发布单位", column="sketch", body="正文。")
    services.entries_add(section=small_issue["features"], articles=[article])
    article.units.add(PilotUnit.objects.get(name=DRAFT_NAME))  # a draft unit joined later: blocks again
    with pytest.raises(services.FreezeBlocked):
        services.edition_freeze(edition=edition, accept_warnings=True)
    article.units.remove(PilotUnit.objects.get(name=DRAFT_NAME))
    version = services.edition_freeze(edition=edition, accept_warnings=True)
    html = export(version.content, "html", version=version.number)
    html = html.decode() if isinstance(html, bytes) else html
    document = Document(io.BytesIO(export(version.content, "docx", version=version.number)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "温岭市甲街道总工会" in html and "温岭市甲街道总工会" in text
    assert DRAFT_NAME not in html and DRAFT_NAME not in text


def test_the_snapshot_leaves_out_a_draft_unit_of_a_piece(small_issue, draft_unit_piece):
    content = services.edition_content(small_issue["edition"])
    piece = next(
        e for s in content["volumes"][0]["sections"] for e in s["entries"] if e["headline"] == "两家工会的联合做法"
    )
    assert [unit["name"] for unit in piece["units"]] == ["温岭市甲街道总工会"]
    assert DRAFT_NAME not in piece["unit_line"]
