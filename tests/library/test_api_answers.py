"""``/api/cases/?q=`` answers exactly what a straightforward reference computes.

The reference is the earlier way, written out: the engine's count, its best ``RANK_LIMIT`` ranked at
once, the units in a named place moved first, every other match after them by name, the page cut
from that list, each unit serialised as the unit list does and its snippets taken from its whole
document. Whatever the API does to answer faster (ranking only as far as the page asked, one query
fewer), its JSON must stay this: the same count, ids, order, scores, snippets and fields.
"""

from urllib.parse import urlencode

import pytest
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse

from library.api.serializers import UnitListSerializer
from library.results import CaseSearch
from pilots.models import PilotUnit
from search import selectors
from search.backends import get_engine
from search.highlight import snippets
from search.management.commands.bench_search import QUERIES as BENCH_QUERIES
from search.models import SearchDocument
from search.places import named_places
from search.selectors import within

pytestmark = pytest.mark.django_db

CASES = reverse("case-list")

# The benchmark's queries (one word rare to common, two and three words), then a place, phrases of
# two, three and four characters, an exclusion, a word found nowhere.
QUERIES = [
    *BENCH_QUERIES,
    "杭州",
    "台州 帮扶",
    '"职工服务"',
    '"工服务"',
    '"职工" 帮扶',
    "工会 -调解",
    "没有这个词组合",
]
PARAMS = [
    *({"q": q} for q in QUERIES),
    {"q": "困难职工 妈咪小屋", "words": "any"},
    {"q": "帮扶", "city": "台州"},
    {"q": "工会", "kind": "street_federation"},
]
# (page_size, page): the benchmark's first page, a later one, one page holding every match.
PAGES = [(20, 1), (7, 3), (500, 1)]


def reference(params: dict, page_size: int, page: int) -> dict:
    search = CaseSearch(QueryDict(urlencode(params)))
    assert not search.errors
    query, engine = search.query, get_engine()
    queryset = search.filterset.qs_without_query
    scope = within(queryset) if search.filterset.has_filters else None
    hits, count = engine.top(query, selectors.RANK_LIMIT, within=scope)
    places = named_places(query)
    if places:
        located = set(
            PilotUnit.objects.filter(pk__in=[hit.unit_id for hit in hits])
            .filter(Q(region__in=places) | Q(region__city__in=places) | Q(region__county__in=places))
            .values_list("pk", flat=True)
        )
        hits = sorted(hits, key=lambda hit: hit.unit_id not in located)
    ranked = {hit.unit_id for hit in hits}
    matching = set(queryset.filter(pk__in=engine.matching_ids(query, within=scope)).values_list("pk", flat=True))
    assert len(matching) == count
    rest = sorted(PilotUnit.objects.filter(pk__in=matching - ranked), key=lambda unit: (unit.sort_name, unit.name))
    listed = [(hit.unit_id, round(hit.score, 6)) for hit in hits] + [(unit.pk, 0.0) for unit in rest]
    units = queryset.in_bulk([pk for pk, _ in listed])
    texts = dict(SearchDocument.objects.values_list("unit_id", "text"))
    results = []
    for pk, score in listed[(page - 1) * page_size : page * page_size]:
        data = dict(UnitListSerializer(units[pk]).data)
        data["score"] = score
        data["snippets"] = [str(s) for s in snippets(texts[pk], query.highlight_terms)]
        results.append(data)
    return {"count": count, "results": results}


def answered(client, params: dict, page_size: int, page: int) -> dict:
    response = client.get(CASES, {**params, "page_size": page_size, "page": page})
    assert response.status_code == 200, response.content
    body = response.json()
    return {"count": body["count"], "results": body["results"]}


@pytest.mark.parametrize(
    "limits",
    [
        {},
        # Fewer ranked than listed: the matches beyond RANK_LIMIT follow by name.
        {"RANK_LIMIT": 7},
        # A common word: only the first candidates found are ranked.
        {"RANK_ALL": 10, "RANK_CANDIDATES": 15},
    ],
    ids=["as-configured", "rank-limit-7", "candidates"],
)
def test_the_api_answers_what_the_reference_computes(client, monkeypatch, limits):
    engine = type(get_engine())
    for name, value in limits.items():
        monkeypatch.setattr(selectors if name == "RANK_LIMIT" else engine, name, value)
    compared = 0
    for params in PARAMS:
        for page_size, page in PAGES:
            expected = reference(params, page_size, page)
            if page > 1 and not expected["results"]:
                continue  # past the last page: a 404, as any list
            assert answered(client, params, page_size, page) == expected, (params, page_size, page)
            compared += len(expected["results"])
    assert compared > 500


def test_each_filterset_has_its_own_filters():
    # The class's filters are copied shallowly for each instance (library.filters.FilterCopies):
    # what one request sets on its filters (the filterset, the form field and its queryset) is its own.
    from django.http import QueryDict

    from library.filters import PilotUnitFilter

    first, second = PilotUnitFilter(QueryDict("q=工会&region=1")), PilotUnitFilter(QueryDict("q=帮扶"))
    assert first.filters["region"] is not second.filters["region"]
    assert first.filters["region"].parent is first and second.filters["region"].parent is second
    assert first.is_valid() and second.is_valid()
    assert first.filters["region"].field is not second.filters["region"].field
    assert first.filters["region"].extra is not second.filters["region"].extra
    assert not hasattr(PilotUnitFilter.base_filters["region"], "parent")
    # A filter with a method calls it on its own filterset.
    assert first.filters["city"].filter.f is first.filters["city"]
