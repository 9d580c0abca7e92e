"""One rule decides what is public: a draft never shows, not as a name, an id or a count."""

import pytest
from django.urls import reverse

from pilots.models import PublicationStatus
from tests.factories import a_street, a_unit, an_article

from .conftest import api_client

DRAFT = PublicationStatus.DRAFT
SECRET = "温岭市机密草稿街道总工会"

pytestmark = pytest.mark.own_data


@pytest.fixture
def draft_parent(db):
    return a_unit(SECRET, status=DRAFT, region=a_street("机密街道", "温岭市"))


@pytest.fixture
def child(draft_parent):
    return a_unit("温岭市公开子工会", parent=draft_parent, region=a_street("公开街道", "温岭市"))


def test_a_published_units_draft_parent_is_not_revealed(client, child, draft_parent):
    for url in (reverse("unit-detail", args=[child.pk]), reverse("unit-list") + "?county=温岭市&page_size=500"):
        body = client.get(url).content.decode()
        assert SECRET not in body
    detail = client.get(reverse("unit-detail", args=[child.pk])).json()
    assert detail["parent"] is None
    listed = [u for u in client.get(reverse("case-list"), {"page_size": 500}).json()["results"] if u["id"] == child.pk]
    assert listed and listed[0]["parent"] is None
    page = client.get(reverse("library-case", args=[child.pk])).content.decode()
    assert SECRET not in page


def test_a_published_parent_is_shown(client, child, draft_parent):
    draft_parent.status = PublicationStatus.PUBLISHED
    draft_parent.save()
    assert client.get(reverse("unit-detail", args=[child.pk])).json()["parent"] == draft_parent.pk
    assert SECRET in client.get(reverse("library-case", args=[child.pk])).content.decode()


def test_an_articles_title_falls_back_only_to_published_units(client, child, draft_parent):
    article = an_article(child, draft_parent, headline="")
    assert article.title == child.name
    for url in (reverse("article-detail", args=[article.pk]), reverse("library-article", args=[article.pk])):
        assert SECRET not in client.get(url).content.decode()
    lonely = an_article(draft_parent, headline="")
    assert SECRET not in lonely.title


def test_an_articles_units_list_only_published_ones(client, child, draft_parent):
    article = an_article(child, draft_parent)
    assert client.get(reverse("article-detail", args=[article.pk])).json()["units"] == [child.pk]
    listed = client.get(reverse("article-list"), {"page_size": 500}).json()["results"]
    assert [a["units"] for a in listed if a["id"] == article.pk] == [[child.pk]]


def test_a_draft_article_makes_no_column_count(client, child, django_capture_on_commit_callbacks):
    an_article(child, status=DRAFT, column="sketch")
    facets = {f["param"]: f for f in client.get(reverse("case-facets"), {"county": "温岭市"}).json()}
    sketch = {v["value"]: v["count"] for v in facets["column"]["values"]}.get("sketch", 0)
    listed = client.get(reverse("case-list"), {"county": "温岭市", "column": "sketch", "page_size": 500}).json()
    assert child.pk not in [u["id"] for u in listed["results"]]
    assert sketch == listed["count"]
    # Published as a real request would: on commit the index follows and the remembered facets with it.
    with django_capture_on_commit_callbacks(execute=True):
        an_article(child, column="sketch")
    facets = {f["param"]: f for f in client.get(reverse("case-facets"), {"county": "温岭市"}).json()}
    assert {v["value"]: v["count"] for v in facets["column"]["values"]}["sketch"] == sketch + 1


def test_creating_a_record_for_a_draft_unit_answers_like_a_missing_one(accounts, draft_parent):
    client = api_client(accounts["submitter_own"])
    draft = client.post(reverse("record-list"), {"unit": draft_parent.pk, "year": 2019}, format="json")
    missing = client.post(reverse("record-list"), {"unit": 99_999_999, "year": 2019}, format="json")
    assert draft.status_code == missing.status_code == 400
    assert draft.json()["unit"][0].replace(str(draft_parent.pk), "ID") == missing.json()["unit"][0].replace(
        "99999999", "ID"
    )


def test_a_published_foreign_unit_is_still_forbidden(accounts, foreign_unit):
    response = api_client(accounts["submitter_own"]).post(
        reverse("record-list"), {"unit": foreign_unit.pk, "year": 2019}, format="json"
    )
    assert response.status_code == 403


def test_a_sheet_for_a_draft_unit_reads_as_a_missing_unit(client, accounts, draft_parent):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.sheets import COLUMNS

    def upload(unit_id):
        row = [unit_id, "", 2019, "members", "", "", "", 100, ""]
        data = ("\ufeff" + ",".join(COLUMNS) + "\n" + ",".join(map(str, row)) + "\n").encode()
        client.force_login(accounts["submitter_own"])
        return client.post(reverse("reports:sheet-upload"), {"file": SimpleUploadedFile("x.csv", data)})

    draft, missing = upload(draft_parent.pk), upload(99_999_999)
    assert draft.status_code == missing.status_code == 400
    assert "不存在" in draft.content.decode()
