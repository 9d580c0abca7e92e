"""The editor's flow without a reload per click: place a piece at a position (drag-and-drop, 移到第 N 位,
another column), remove with undo, add from the library's results; the answers the page's script reads."""

import pytest
from django.urls import reverse

from editions import services
from editions.models import Entry

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def order(section):
    return [e.article.headline for e in section.entries.order_by("position", "id").select_related("article")]


def test_a_piece_goes_to_the_position_asked_for_in_its_column_or_another(small_issue):
    sketches, features = small_issue["sketches"], small_issue["features"]
    before = order(sketches)
    last = sketches.entries.order_by("position").last()
    services.entry_place(entry=last, section=sketches, position=1)
    assert order(sketches) == [before[-1], *before[:-1]]
    second = sketches.entries.order_by("position")[1]
    services.entry_place(entry=second, section=features, position=1)
    third = sketches.entries.order_by("position")[1]
    services.entry_place(entry=third, section=features, position=1)  # before the one moved first
    assert order(features) == [before[1], before[0]]
    assert list(sketches.entries.order_by("position").values_list("position", flat=True)) == [1, 2, 3]
    services.entry_place(entry=features.entries.get(position=1), section=features, position=99)  # past the end: last
    assert order(features) == [before[0], before[1]]


def test_the_page_script_moves_a_piece_and_gets_every_column_in_order(editor_client, small_issue):
    edition, sketches = small_issue["edition"], small_issue["sketches"]
    entries = list(sketches.entries.order_by("position"))
    url = reverse("editions:entry", args=[edition.pk, entries[3].pk])
    response = editor_client.post(url, {"action": "place", "section": sketches.pk, "position": "2"}, **JSON)
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] and body["sections"][str(sketches.pk)][1] == entries[3].pk
    bad = editor_client.post(url, {"action": "place", "section": sketches.pk, "position": "二"}, **JSON)
    assert bad.status_code == 400 and "位置" in bad.json()["error"]
    # Without JavaScript the same form answers with a redirect back to the piece.
    plain = editor_client.post(url, {"action": "place", "section": sketches.pk, "position": "1"})
    assert plain.status_code == 302 and plain.url.endswith(f"#entry-{entries[3].pk}")
    assert sketches.entries.order_by("position").first().pk == entries[3].pk


def test_a_removal_can_be_undone_in_place_with_its_note(editor_client, small_issue):
    edition, sketches = small_issue["edition"], small_issue["sketches"]
    entry = sketches.entries.order_by("position")[2]
    services.entry_update_note(entry=entry, note="编者按保留")
    headline = entry.article.headline
    response = editor_client.post(reverse("editions:entry", args=[edition.pk, entry.pk]), {"action": "remove"}, **JSON)
    assert response.json()["undo"]["title"] == entry.article.title
    assert headline not in order(sketches)
    page = editor_client.get(reverse("editions:detail", args=[edition.pk])).content.decode()
    assert "撤销" in page and entry.article.title in page
    undone = editor_client.post(reverse("editions:entry-undo", args=[edition.pk]), **JSON)
    assert undone.json()["ok"]
    restored = Entry.objects.get(edition=edition, article=entry.article)
    assert order(sketches)[2] == headline and restored.note == "编者按保留"
    again = editor_client.post(reverse("editions:entry-undo", args=[edition.pk]), **JSON)
    assert again.status_code == 400  # nothing left to undo


def test_adding_from_the_library_answers_the_script_and_stays_on_the_results(editor_client, small_issue):
    from tests.factories import an_article

    unit = small_issue["units"][0]
    an_article(unit, headline="另一篇报道", column="news", body="正文")
    response = editor_client.post(
        reverse("editions:add-results"), {"section": small_issue["features"].pk, "unit": unit.pk}, **JSON
    )
    body = response.json()
    assert response.status_code == 200 and body["added"] == 1 and "重点报道" in body["section"]
    assert body["skipped"] and "已在本期" in body["skipped"][0]["why"]


def test_editors_land_on_the_issues_after_login_others_on_their_records(client, people):
    from django.contrib.auth import get_user_model

    for who, landing in (("editor", "/editions/"), ("staff", reverse("reports:record-list"))):
        user = people[who]
        user.set_password("Landing-Pass-9")
        user.save()
        response = client.post(
            reverse("accounts:login"), {"username": user.get_username(), "password": "Landing-Pass-9"}, follow=True
        )
        assert response.redirect_chain[-1][0] == landing, who
        client.logout()
    assert get_user_model().objects.count()


def test_versions_compare_the_overview_and_notes_as_text_and_record_who_froze_them(editor_client, people, small_issue):
    edition, volume = small_issue["edition"], small_issue["volume"]
    services.volume_update(volume=volume, overview_text="第一段。\n第二段。")
    services.edition_freeze(edition=edition, user=people["editor"], accept_warnings=True, comment="初稿")
    services.volume_update(volume=volume, overview_text="第一段。\n第二段改过了。")
    entry = small_issue["sketches"].entries.order_by("position").first()
    services.entry_update_note(entry=entry, note="新加的编者按")
    services.edition_freeze(edition=edition, user=people["editor"], accept_warnings=True, comment="改综述")
    page = editor_client.get(reverse("editions:versions", args=[edition.pk]), {"a": 1, "b": 2}).content.decode()
    assert "<del>第二段。</del>" in page and "<ins>第二段改过了。</ins>" in page
    assert "<ins>新加的编者按</ins>" in page and "编者按：《" in page
    assert "初稿" in page and "改综述" in page and people["editor"].get_username() in page
