"""The index follows a transaction's writes once per unit, whatever the savepoints did."""

import pytest
from django.db import transaction

import search.indexing
from pilots.models import ReformMeasure
from search.models import SearchDocument
from tests.factories import a_unit

pytestmark = [pytest.mark.django_db, pytest.mark.own_data]


@pytest.fixture
def indexed(monkeypatch):
    """The unit ids of every indexing run."""
    runs: list[set[int]] = []
    original = search.indexing.search_index_units

    def recording(*, unit_ids):
        runs.append(set(unit_ids))
        return original(unit_ids=unit_ids)

    monkeypatch.setattr(search.indexing, "search_index_units", recording)
    return runs


def test_a_unit_saved_with_its_measures_is_indexed_once(django_capture_on_commit_callbacks, indexed):
    with django_capture_on_commit_callbacks(execute=True):
        unit = a_unit("温岭市一次索引街道总工会", profile="队列测试")
        for number in range(3):
            ReformMeasure.objects.create(unit=unit, title=f"举措{number}")
        unit.save()
    # One run; it may also hold units a rolled-back transaction left pending (indexing reads their
    # current state, so that is harmless).
    assert len(indexed) == 1 and unit.pk in indexed[0]
    assert SearchDocument.objects.filter(unit=unit).exists()


def test_a_rolled_back_savepoint_does_not_lose_earlier_writes(django_capture_on_commit_callbacks, indexed):
    with django_capture_on_commit_callbacks(execute=True):
        kept = a_unit("温岭市保留街道总工会", profile="保留")
        try:
            with transaction.atomic():
                a_unit("温岭市回滚街道总工会", profile="回滚")
                kept.save()  # scheduled again inside the savepoint that is rolled back
                raise RuntimeError
        except RuntimeError:
            pass
    assert any(kept.pk in run for run in indexed)
    assert SearchDocument.objects.filter(unit=kept).exists()
