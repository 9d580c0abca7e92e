"""Several words narrow: all of them are asked for. When all of them find nothing, the page says so
and offers the cases holding any of them; facets count what the list shows; snippets are text."""

import re

import pytest

from search.highlight import snippets
from search.query import parse_query

pytestmark = pytest.mark.django_db


def total(page) -> int:
    found = re.search(r"共 (\d+) 家", page)
    return int(found.group(1)) if found else 0


def city_facet_sum(page) -> int:
    section = re.search(r'data-facet="city">(.*?)</section>', page, re.S).group(1)
    return sum(int(n) for n in re.findall(r'<span class="count">(\d+)</span>', section))


def test_two_words_count_what_the_joined_word_counts(client):
    spaced = client.get("/cases/", {"q": "温岭 工会"}).content.decode()
    joined = client.get("/cases/", {"q": "温岭工会"}).content.decode()
    everything = total(client.get("/cases/").content.decode())
    assert 0 < total(spaced) == total(joined) < everything // 4
    # every unit is in one city: the city facet counts the list, not every unit holding 工会
    assert city_facet_sum(spaced) == total(spaced)
    narrower = client.get("/cases/", {"q": "宁波 街道"}).content.decode()
    wider = client.get("/cases/", {"q": "宁波 街道", "words": "any"}).content.decode()
    assert 0 < total(narrower) < total(wider)
    assert "只看包含全部词的案例" in wider
    api = client.get("/api/cases/", {"q": "温岭 工会"}).json()
    assert api["count"] == total(spaced)


def test_when_all_the_words_find_nothing_the_page_offers_any_of_them(client):
    response = client.get("/cases/", {"q": "温岭 杭州"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "没有同时包含“温岭”“杭州”的案例" in page
    offered = re.search(r'<a href="\?([^"]*words=any[^"]*)">查看包含其中任一词的 (\d+) 家案例</a>', page)
    assert offered
    widened = client.get("/cases/?" + offered.group(1).replace("&amp;", "&")).content.decode()
    assert total(widened) == int(offered.group(2)) > 0


def test_an_unknown_words_value_is_named(client):
    response = client.get("/cases/", {"q": "温岭 工会", "words": "some"})
    assert response.status_code == 400
    assert "多个词" in response.content.decode()


def test_snippets_are_text_never_the_label_lines_of_a_document():
    document = "\n".join(
        [
            "衢州市柯城区衢化街道总工会",
            "衢化街道总工会",
            "衢州市 柯城区 衢化街道",
            "街道总工会 省级试点",
            "街道总工会建起职工服务中心，开展帮扶和维权，服务辖区内的企业职工。",
        ]
    )
    for terms in ([], parse_query("衢州 服务").highlight_terms, parse_query("省级").highlight_terms):
        (snippet,) = snippets(document, terms)
        assert "柯城区 衢化街道" not in snippet and "衢化街道总工会 衢化" not in snippet
        assert "职工" in snippet


def test_results_pages_show_no_label_lines(client):
    page = client.get("/cases/", {"q": "工会", "page": 3}).content.decode()
    shown = re.findall(r'<p class="snippet" lang="zh">(.*?)</p>', page, re.S)
    assert shown
    for snippet in shown:
        text = re.sub(r"</?mark>", "", snippet)
        assert not re.search(r"总工会 \S+总工会 \S+市 ", text), text


@pytest.mark.parametrize(
    ("param", "value", "label"), [("city", "99999", "地级市"), ("county", "不存在县", "县（市、区）")]
)
def test_an_unknown_place_is_named_not_listed_as_a_chip(client, param, value, label):
    page = client.get("/cases/", {param: value})
    assert page.status_code == 400
    assert f"没有名为“{value}”的{label}" in page.content.decode()
    api = client.get("/api/cases/", {param: value})
    assert api.status_code == 400 and value in api.content.decode()
    assert client.get("/cases/", {"city": "台州"}).status_code == 200
