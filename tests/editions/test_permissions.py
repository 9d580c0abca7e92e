"""Every role against every edition screen: editors and admins write, staff read, others 404 on drafts."""

import pytest
from django.urls import reverse

from editions import services
from editions.permissions import EditionAction, can_edition, check_edition  # noqa: F401

pytestmark = pytest.mark.django_db

WRITERS = ("editor", "admin")
READERS = ("staff",)
OTHERS = ("submitter", "no_role", "anonymous")


def client_for(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])
    return client


@pytest.mark.parametrize("who", WRITERS + READERS + OTHERS)
def test_the_permission_decisions_for_every_role(people, small_issue, who):
    user = people.get(who)
    edition = small_issue["edition"]
    expected_view = who in WRITERS + READERS
    assert can_edition(user, EditionAction.VIEW, edition) is expected_view
    assert can_edition(user, EditionAction.EDIT, edition) is (who in WRITERS)
    assert can_edition(user, EditionAction.VIEW_PUBLISHED, edition) is expected_view
    version = services.edition_freeze(edition=edition, accept_warnings=True)
    services.edition_publish(edition=edition, version=version)
    edition.refresh_from_db()
    assert can_edition(user, EditionAction.VIEW_PUBLISHED, edition) is True
    assert can_edition(user, EditionAction.EDIT, edition) is (who in WRITERS)


@pytest.mark.parametrize("who", WRITERS + READERS + OTHERS)
def test_the_issue_page_answers_by_role(client, people, small_issue, who):
    edition = small_issue["edition"]
    response = client_for(client, people, who).get(reverse("editions:detail", args=[edition.pk]))
    assert response.status_code == (200 if who in WRITERS + READERS else 404)
    if who in READERS:
        assert "上移" not in response.content.decode()
    if who in WRITERS:
        assert "上移" in response.content.decode()


@pytest.mark.parametrize("who", WRITERS + READERS + OTHERS)
def test_moving_a_piece_is_for_editors_and_admins_only(client, people, small_issue, who):
    edition, section = small_issue["edition"], small_issue["sketches"]
    entry = section.entries.order_by("position")[1]
    url = reverse("editions:entry", args=[edition.pk, entry.pk])
    response = client_for(client, people, who).post(url, {"action": "up"})
    entry.refresh_from_db()
    expected = {"editor": 302, "admin": 302, "staff": 403}.get(who, 404)
    assert response.status_code == expected
    assert entry.position == (1 if who in WRITERS else 2)


@pytest.mark.parametrize("who", WRITERS + READERS + OTHERS)
def test_overview_statistics_and_downloads_of_a_draft_are_hidden_from_others(client, people, small_issue, who):
    edition, volume = small_issue["edition"], small_issue["volume"]
    services.edition_freeze(edition=edition, accept_warnings=True)
    client = client_for(client, people, who)
    for url in (
        reverse("editions:overview", args=[edition.pk, volume.pk]),
        reverse("editions:evidence", args=[edition.pk, volume.pk, "zjg_team"]),
        reverse("editions:versions", args=[edition.pk]),
        reverse("editions:version", args=[edition.pk, 1]),
        reverse("editions:download", args=[edition.pk, 1, "html"]),
        reverse("editions:preview", args=[edition.pk]),
    ):
        # A download answers 202 while its file is queued (built off the request): allowed all the same.
        assert client.get(url).status_code in ((200, 202) if who in WRITERS + READERS else (404,)), url


@pytest.mark.parametrize("who", OTHERS)
def test_a_published_version_is_readable_by_everyone_but_not_the_working_issue(client, people, small_issue, who):
    edition = small_issue["edition"]
    first = services.edition_freeze(edition=edition, accept_warnings=True)
    services.edition_publish(edition=edition, version=first)
    services.entry_move(entry=small_issue["sketches"].entries.order_by("position")[1], direction="up")
    services.edition_freeze(edition=edition, accept_warnings=True)  # version 2, not published
    client = client_for(client, people, who)
    response = client.get(reverse("editions:detail", args=[edition.pk]))
    assert response.status_code == 302 and response.url == reverse("editions:version", args=[edition.pk, 1])
    assert client.get(reverse("editions:version", args=[edition.pk, 1])).status_code == 200
    assert client.get(reverse("editions:download", args=[edition.pk, 1, "html"])).status_code == 202  # queued
    assert client.get(reverse("editions:download", args=[edition.pk, 2, "html"])).status_code == 404
    assert client.get(reverse("editions:version", args=[edition.pk, 2])).status_code == 404
    overview = client.get(reverse("editions:overview", args=[edition.pk, small_issue["volume"].pk]))
    versions = client.get(reverse("editions:versions", args=[edition.pk]))
    # Refused for what it is: seeing the working issue, not editing it.
    for refused in (overview, versions):
        assert refused.status_code == 403
        page = refused.content.decode()
        assert "可以查看专刊的编辑稿和各个版本" in page and "编辑专刊。" not in page
    assert edition.title in client.get(reverse("editions:list")).content.decode()


@pytest.mark.parametrize("who", READERS + OTHERS)
def test_only_editors_create_issues(client, people, who):
    response = client_for(client, people, who).post(reverse("editions:list"), {"title": "不该出现的专刊"})
    assert response.status_code == (403 if who in READERS else 404)


def test_the_library_offers_adding_to_an_issue_to_editors_only(client, people, small_issue):
    url = reverse("library-cases")
    assert "加入专刊" not in client.get(url).content.decode()
    client.force_login(people["staff"])
    assert "加入专刊" not in client.get(url).content.decode()
    client.force_login(people["editor"])
    page = client.get(url).content.decode()
    assert page.count("加入专刊") >= 20 and small_issue["sketches"].title in page
