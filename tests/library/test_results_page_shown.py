"""What the results page shows, read back from its HTML: every facet's values (label, count, order,
the chosen ones, the link that chooses or drops each), the units' labels, and the ranked order of
its pages. The page is written for speed (a template tag writes the facet lists, a page is ranked
no further than it reaches); these say it still shows what the facet counts, the records and the
engine's whole ranking say, in Chinese and in English."""

import html
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from library.facets import FACETS, facet_counts
from library.views import PAGE_SIZE
from pilots.models import PilotUnit
from search.backends import get_engine
from search.query import parse_query
from search.selectors import RANK_LIMIT
from tests.library.test_facets_grouped import filterset, one_query_per_facet

pytestmark = pytest.mark.django_db

CASES = reverse("library-cases")
ASKED = [
    [("q", "帮扶")],
    [("q", "工会"), ("city", "台州市")],
    [("q", "调解"), ("kind", "street_federation"), ("kind", "community_union"), ("page", "2")],
    [("column", "sketch"), ("q", "服务"), ("designated_year", "2018")],
    [("q", '"职工服务"'), ("practice", "shared_positions"), ("area", "rights")],
    [("pilot_level", "provincial"), ("ordering", "name")],
    [],
]
SECTION = re.compile(r'<section class="facet" data-facet="(\w+)"><h3>(.*?)</h3>(.*?)</section>', re.S)
ITEM = re.compile(
    r'\n          <li( class="selected")?><a href="([^"]*)">(.*?)</a> <span class="count">(\d+)</span></li>'
)


def page_of(client, asked, language="zh-hans") -> str:
    response = client.get(f"{CASES}?{urlencode(asked)}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def shown_facets(page: str) -> dict[str, dict]:
    """Each facet as the page shows it: its heading, its values (selected, link, label as written,
    count) in order, and how many are listed before "更多"/"More"."""
    facets = {}
    for param, heading, body in SECTION.findall(page):
        first, _, rest = body.partition("<details>")
        items = ITEM.findall(first) + ITEM.findall(rest)
        assert len(items) == body.count("<li"), f"an item of {param} not as expected"
        facets[param] = {"heading": heading, "items": items, "open": len(ITEM.findall(first))}
    return facets


def link(asked, param: str, value: str, *, multiple: bool, selected: bool) -> str:
    """The link of a facet value: the request's parameters but the page, in their order, with the
    value added (or in place of the facet's, for a single choice), or taken out when chosen; the
    facet's parameter where the request has it, else last."""
    params: dict[str, list[str]] = {}
    for key, each in asked:
        if key != "page":
            params.setdefault(key, []).append(each)
    current = params.get(param, [])
    if selected:
        params[param] = [v for v in current if v != value]
    elif multiple:
        params[param] = [*current, value]
    else:
        params[param] = [value]
    return "?" + urlencode([(key, each) for key, values in params.items() for each in values])


def expected_label(param: str, label: str, language: str) -> str:
    if param in ("city", "county") and language == "en":
        return f'<span lang="zh">{html.escape(label)}</span>'  # a place name kept as printed
    return html.escape(label)


@pytest.mark.parametrize("asked", ASKED, ids=lambda asked: "&".join(f"{k}={v}" for k, v in asked) or "all")
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_facets_shown_are_the_facet_counts_with_their_links(client, asked, language):
    data = MultiValueDict()
    for key, value in asked:
        data.appendlist(key, value)
    with translation.override(language):
        counted = facet_counts(filterset({key: data.getlist(key) for key in data}))
    shown = shown_facets(page_of(client, asked, language))
    facets = {facet.param: facet for facet in FACETS}
    assert list(shown) == [facet["param"] for facet in counted if facet["values"]]
    for facet in counted:
        if not facet["values"]:
            continue
        param, values = facet["param"], facet["values"]
        section = shown[param]
        assert section["heading"] == html.escape(facet["label"])
        assert section["open"] == min(12, len(values))  # the rest under "更多"
        expected = [
            (
                ' class="selected"' if value["selected"] else "",
                html.escape(
                    link(asked, param, value["value"], multiple=facets[param].multiple, selected=value["selected"])
                ),
                expected_label(param, value["label"], language),
                str(value["count"]),
            )
            for value in values
        ]
        assert section["items"] == expected, param


@pytest.mark.parametrize("asked", ASKED[:5], ids=lambda asked: "&".join(f"{k}={v}" for k, v in asked))
def test_the_chinese_facets_shown_are_what_a_query_per_facet_counts(client, asked):
    # Independently of the facet table: the counts a plain ORM query per facet gives.
    data: dict[str, list[str]] = {}
    for key, value in asked:
        data.setdefault(key, []).append(value)
    with translation.override("zh-hans"):
        reference = one_query_per_facet(filterset(data))
    shown = shown_facets(page_of(client, asked))
    for facet in reference:
        items = shown.get(facet["param"], {"items": []})["items"]
        assert [(label, int(count)) for _s, _url, label, count in items] == [
            (html.escape(value["label"]), value["count"]) for value in facet["values"]
        ], facet["param"]
        assert [bool(selected) for selected, *_ in items] == [value["selected"] for value in facet["values"]]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_unit_shows_its_places_kind_level_and_year_as_the_records_say(client, language):
    page = page_of(client, [("q", "工会"), ("ordering", "name")], language)
    rows = re.findall(r'<h2><a href="/cases/(\d+)/[^"]*">.*?</a></h2>\n\s*<p class="meta">(.*?)</p>', page)
    assert len(rows) == PAGE_SIZE
    units = PilotUnit.objects.select_related("region__city", "region__county").in_bulk([int(pk) for pk, _ in rows])
    with translation.override(language):
        for pk, meta in rows:
            unit = units[int(pk)]
            places = [
                expected_label("city", name, language) for name in (unit.region.city.name, unit.region.county.name)
            ]
            labels = [html.escape(str(label)) for label in (unit.get_kind_display(), unit.get_pilot_level_display())]
            expected = f"{places[0]} {places[1]} · {labels[0]} · {labels[1]}"
            if unit.designated_year:
                expected += f" · {unit.designated_year}"
            assert meta == expected


def listed(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="case">\s*<h2><a href="/cases/(\d+)/', page)]


@pytest.mark.parametrize("text", ["工会", "帮扶 服务", "职工", "杭州 宁波"])
@pytest.mark.parametrize("candidates", [False, True])
def test_a_page_lists_the_engines_whole_ranking_in_order(client, monkeypatch, text, candidates):
    # A page is ranked no further than it reaches: its units are still those of the engine's whole
    # ranking (RANK_LIMIT) at the same places, also when only the first candidates are ranked, and
    # when named places (杭州, 宁波: any of the two words) put their units first among all the ranked.
    engine = get_engine()
    if candidates:
        monkeypatch.setattr(type(engine), "RANK_ALL", 10)
        monkeypatch.setattr(type(engine), "RANK_CANDIDATES", 45)
    places = {"杭州": "杭州市", "宁波": "宁波市"}
    asked = [("q", text), *([("words", "any")] if text in ("杭州 宁波",) else [])]
    query = parse_query(text).any_words() if len(asked) > 1 else parse_query(text)
    hits, total = engine.top(query, RANK_LIMIT)
    ranked = [hit.unit_id for hit in hits]
    named = [city for word, city in places.items() if word in text.split()]
    if named:
        located = set(PilotUnit.objects.filter(region__city__name__in=named).values_list("pk", flat=True))
        ranked = sorted(ranked, key=lambda pk: pk not in located)
        # The engine alone ranks some of them past the first page: the page must have read them all.
        assert set(ranked[:PAGE_SIZE]) != {hit.unit_id for hit in hits[:PAGE_SIZE]}
    assert total > PAGE_SIZE
    for number in (1, 2):
        shown = listed(page_of(client, [*asked, ("page", str(number))]))
        expected = ranked[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        if len(expected) == PAGE_SIZE:
            assert shown == expected
        else:  # past the ranked ones: the rest by name, none of them again
            assert shown[: len(expected)] == expected and not set(shown[len(expected) :]) & set(ranked)
