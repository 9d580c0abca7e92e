"""The one results builder behind /cases/ and /api/cases/: one parse, one ordering rule, typed results."""

import pytest
from django.urls import reverse

import search.forms
from library.results import ORDERING_VALUES, CaseSearch
from search.selectors import UnitMatch

pytestmark = pytest.mark.django_db

URLS = [reverse("library-cases"), reverse("case-list"), reverse("case-facets")]


@pytest.fixture
def parses(monkeypatch):
    """Every parse of a search box's text (each one segments every word with jieba)."""
    calls = []
    parse = search.forms.parse_query

    def counting(text):
        calls.append(text)
        return parse(text)

    monkeypatch.setattr(search.forms, "parse_query", counting)
    return calls


@pytest.mark.parametrize("url", URLS)
def test_a_results_page_with_its_facets_parses_the_query_once(client, parses, url):
    response = client.get(url, {"q": "帮扶 阵地", "city": "台州市", "kind": "street_federation"})
    assert response.status_code == 200
    assert parses == ["帮扶 阵地"]


@pytest.mark.parametrize("url", URLS[:2])
def test_page_and_api_refuse_an_unknown_ordering_alike(client, url):
    response = client.get(url, {"q": "帮扶", "ordering": "bogus"})
    assert response.status_code == 400
    text = response.content.decode()
    assert all(value in text for value in ORDERING_VALUES)
    if url == URLS[0]:
        assert "排序：没有“bogus”这种排序方式，可选：相关度（relevance）" in text  # the field, in words


@pytest.mark.parametrize("params", [{"q": "帮扶"}, {"q": "帮扶", "ordering": "name"}, {"city": "台州市"}])
def test_results_are_unit_matches_in_every_ordering(rf, params):
    found = CaseSearch(rf.get("/", params).GET)
    assert not found.errors
    page = found.results[:5]
    assert page and all(isinstance(match, UnitMatch) for match in page)
    if "q" in params:
        assert all(match.snippets for match in page)
    else:
        assert all(match.score is None and not match.snippets for match in page)
    if found.ordering == "relevance":
        assert [match.score for match in page] == sorted((match.score for match in page), reverse=True)


def test_facets_are_the_filtersets_filters(rf):
    from library.facets import FACETS
    from library.filters import PilotUnitFilter

    for facet in FACETS:
        assert facet.label == PilotUnitFilter.base_filters[facet.param].label
    found = CaseSearch(rf.get("/", {"q": "帮扶", "practice": "shared_positions"}).GET)
    facets = {facet["param"]: facet for facet in found.facets()}
    practice = {value["value"]: value for value in facets["practice"]["values"]}
    assert practice["shared_positions"]["selected"] and facets["practice"]["multiple"]
