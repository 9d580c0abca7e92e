"""The bulk rebuild (``bulk_build``: no FTS5 merges on the way, one at the end) gives the index that
indexing unit by unit gives: the same documents, the same matches for the benchmark's queries."""

import pytest

from search.backends import get_engine
from search.indexing import search_index_rebuild, search_index_units
from search.management.commands.bench_search import QUERIES, SHAPES
from search.models import SearchDocument
from search.query import parse_query

FIELDS = ["unit_id", "text", "tokens", "chars", "pairs", "pairs_complete", "quads"]
ASKED = [*QUERIES, *(shape["q"] for shape in SHAPES.values()), '"线下服务"', "职", '"1+14+N"', "工会 -调解"]


def snapshot() -> tuple[list[tuple], dict[str, list[int]]]:
    engine = get_engine()
    documents = list(SearchDocument.objects.order_by("unit_id").values_list(*FIELDS))
    matches = {query: sorted(engine.matching_ids(parse_query(query))) for query in ASKED}
    return documents, matches


@pytest.mark.django_db
def test_a_bulk_rebuild_gives_the_index_that_indexing_unit_by_unit_gives():
    unit_ids = list(SearchDocument.objects.values_list("unit_id", flat=True))
    SearchDocument.objects.all().delete()
    search_index_units(unit_ids=unit_ids)
    one_by_one = snapshot()
    assert len(one_by_one[0]) == len(unit_ids) > 50
    assert sum(1 for found in one_by_one[1].values() if found) >= len(ASKED) // 2

    rebuilt = search_index_rebuild()
    assert rebuilt == len(unit_ids)
    assert snapshot() == one_by_one
    # and the index keeps following single writes afterwards (automerge restored)
    search_index_units(unit_ids=unit_ids[:5])
    assert snapshot() == one_by_one
