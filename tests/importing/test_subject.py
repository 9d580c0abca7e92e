"""Which union an article is about, its main unit first, and how the names it proposes are bounded: general rules
written from the kinds of miss met once each on blind sets of real pages (kept outside the repository). Every text
here is written for these tests."""

import pytest

from importing.pipeline import parse_source

pytestmark = pytest.mark.django_db


def _pieces(text: str, gazetteer):
    return parse_source(text.encode("utf-8"), name="page.txt", gazetteer=gazetteer).pieces


def test_the_street_a_title_names_leads_the_city_federation_that_hosted_its_event(gazetteer):
    text = "\n".join(
        [
            "职工运动会在湖滨街道开幕",
            "",
            "本报讯 10月12日，由杭州市总工会主办、湖滨街道总工会承办的社区职工运动会在湖滨街道开幕。",
            "湖滨街道总工会相关负责人介绍，今年街道共举办各类活动30场。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市湖滨街道总工会", "杭州市总工会"]


def test_without_a_street_in_the_title_the_host_of_the_event_still_leads(gazetteer):
    text = "\n".join(
        [
            "社区职工运动会开幕",
            "",
            "本报讯 10月12日，由杭州市总工会主办、湖滨街道总工会承办的社区职工运动会开幕。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市总工会", "杭州市湖滨街道总工会"]
