import pytest
from django.db import IntegrityError, transaction

from editions import services
from editions.comparison import versions_compare
from editions.models import EditionStatus, EditionVersion, Entry, ImmutableVersion
from pilots.models import PublicationStatus
from tests.factories import an_article

pytestmark = [pytest.mark.django_db, pytest.mark.own_data]


def titles(section):
    return [entry.article.headline for entry in section.entries.order_by("position", "id")]


def test_entries_keep_the_order_they_were_added_in_and_move_up_and_down(small_issue):
    section = small_issue["sketches"]
    before = titles(section)
    third = section.entries.order_by("position")[2]
    services.entry_move(entry=third, direction="up")
    after = titles(section)
    assert after == [before[0], before[2], before[1], *before[3:]]
    first = section.entries.order_by("position")[0]
    services.entry_move(entry=first, direction="up")  # already first: nothing changes
    assert titles(section) == after
    last = section.entries.order_by("position").last()
    services.entry_move(entry=last, direction="down")
    assert titles(section) == after


def test_an_article_appears_at_most_once_per_edition(small_issue):
    article = small_issue["articles"][small_issue["units"][0]]
    result = services.entries_add(section=small_issue["features"], articles=[article])
    assert result.added == [] and "已在本期" in result.skipped[0][1]
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(section=small_issue["features"], article=article)


def test_draft_articles_are_not_added(small_issue):
    draft = an_article(small_issue["units"][0], headline="草稿文章", status=PublicationStatus.DRAFT)
    result = services.entries_add(section=small_issue["features"], articles=[draft])
    assert result.added == [] and result.skipped[0][1] == "文章尚未发布"


def test_moving_between_sections_and_removing_renumber_the_section(small_issue):
    section, features = small_issue["sketches"], small_issue["features"]
    entry = section.entries.order_by("position")[1]
    services.entry_move_to(entry=entry, section=features)
    assert list(section.entries.order_by("position").values_list("position", flat=True)) == [1, 2, 3, 4]
    assert titles(features) == [entry.article.headline]
    services.entry_remove(entry=features.entries.get())
    assert features.entries.count() == 0


def test_frozen_versions_are_immutable_and_an_edit_after_freezing_makes_a_new_version(small_issue):
    edition = small_issue["edition"]
    first = services.edition_freeze(edition=edition, accept_warnings=True)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.FROZEN and first.number == 1
    stored = first.content
    first.content = {"tampered": True}
    with pytest.raises(ImmutableVersion):
        first.save()
    # Freezing again without a change makes no new version.
    assert services.edition_freeze(edition=edition, accept_warnings=True).pk == first.pk

    entry = small_issue["sketches"].entries.order_by("position")[0]
    services.entry_move(entry=entry, direction="down")
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT
    second = services.edition_freeze(edition=edition, accept_warnings=True)
    assert second.number == 2 and second.content_hash != first.content_hash
    first = EditionVersion.objects.get(pk=first.pk)
    assert first.content == stored

    comparison = versions_compare(first, second)
    swapped = {entry.article.headline, titles(small_issue["sketches"])[0]}
    assert {e["headline"] for e, _before, _after in comparison.moved} == swapped
    assert not comparison.added and not comparison.removed


def test_comparing_versions_lists_added_removed_and_changed_entries(small_issue):
    edition = small_issue["edition"]
    first = services.edition_freeze(edition=edition, accept_warnings=True)
    section = small_issue["sketches"]
    removed = section.entries.order_by("position")[0]
    services.entry_remove(entry=removed)
    noted = section.entries.order_by("position")[0]
    services.entry_update_note(entry=noted, note="编者的话")
    added = an_article(small_issue["units"][1], headline="新加的一篇", column="feature")
    services.entries_add(section=small_issue["features"], articles=[added])
    second = services.edition_freeze(edition=edition, accept_warnings=True)
    comparison = versions_compare(first, second)
    assert [e["headline"] for e in comparison.added] == ["新加的一篇"]
    assert [e["headline"] for e in comparison.removed] == [removed.article.headline]
    assert [e["headline"] for e in comparison.changed] == [noted.article.headline]
    assert comparison.moved == []


def test_checks_before_freezing_list_wrong_kinds_units_twice_and_empty_sections(small_issue):
    edition = small_issue["edition"]
    an_extra = an_article(small_issue["units"][0], headline="甲街道第二篇", column="feature")
    services.entries_add(section=small_issue["features"], articles=[an_extra])
    services.section_create(volume=small_issue["volume"], title="空栏目")
    codes = sorted(w.code for w in services.edition_checks(edition))
    assert codes == ["empty_section", "unit_kind", "unit_twice"]
    with pytest.raises(services.FreezeBlocked):
        services.edition_freeze(edition=edition)
    version = services.edition_freeze(edition=edition, accept_warnings=True)
    assert len(version.content["accepted_warnings"]) == 3
