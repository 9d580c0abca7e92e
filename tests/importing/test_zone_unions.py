"""A development zone's or new area's union printed after its place's short form, as zones are officially named
("X经济技术开发区", "X高新技术产业园区", "X港区"): proposed under that name, placed in its city or county, and never
read from a place run into a sentence. Every text here is written for these tests."""

import pytest

from importing.naming import units_named
from pilots.models import UnitKind

pytestmark = pytest.mark.django_db


def _units(text: str, gazetteer):
    return [(u.name, u.city, u.county, u.kind) for u in units_named(text, gazetteer)]


def test_a_zones_union_after_its_citys_short_form_is_named_as_printed(gazetteer):
    assert _units("丽水经济技术开发区总工会为园区职工送去清凉。", gazetteer) == [
        ("丽水经济技术开发区总工会", "丽水市", None, UnitKind.PARK_FEDERATION)
    ]
    assert _units("近日，衢州高新技术产业园区总工会举办了职工运动会。", gazetteer) == [
        ("衢州高新技术产业园区总工会", "衢州市", None, UnitKind.PARK_FEDERATION)
    ]


def test_a_zones_union_after_its_countys_short_form_lies_in_that_county(gazetteer):
    assert _units("长兴经济技术开发区总工会开展技能比武。", gazetteer) == [
        ("长兴经济技术开发区总工会", "湖州市", "长兴县", UnitKind.PARK_FEDERATION)
    ]


def test_a_zone_with_a_characteristic_town_in_brackets_keeps_its_name(gazetteer):
    # 小镇 in brackets is the zone's other name, not a township whose federation it would be
    assert _units("德清经济开发区（地信小镇）总工会召开委员会议。", gazetteer) == [
        ("德清经济开发区（地信小镇）总工会", "湖州市", "德清县", UnitKind.PARK_FEDERATION)
    ]


def test_a_bays_new_area_lies_where_the_gazetteer_has_it_and_no_sentence_is_a_zone(gazetteer):
    # 杭州湾新区 is 宁波's, not a zone of 杭州; 台州湾新区 is 台州's, named as printed
    assert [u[:3] for u in _units("杭州湾新区总工会", gazetteer)] == [
        ("宁波市杭州湾新区总工会", "宁波市", "杭州湾新区")
    ]
    assert [u[:2] for u in _units("台州湾新区总工会", gazetteer)] == [("台州湾新区总工会", "台州市")]
    assert _units("湖州推动开发区工会建设", gazetteer) == []
