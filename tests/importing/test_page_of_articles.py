"""A page holding several articles (a union site's list of items, a digest): what one article prints places and
credits its own unions, not the next one's. Every text here is written for these tests."""

import pytest

from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db

PAGE = [
    "嵊州市总工会举办职工篮球赛",
    "来源：嵊州市总工会   作者：三界镇总工会王小明   发布时间：2024-05-06 10:20",
    "  5月5日，嵊州市总工会在市体育馆举办职工篮球赛，二十支队伍参加。",
    "  比赛为期三天，三界镇代表队获得冠军。",
    "",
    "天目山镇总工会开展户外劳动者关爱活动",
    "发布时间：2024-05-08",
    "  5月7日，天目山镇总工会在镇工会驿站为环卫工人送去防暑用品。",
    "  天目山镇总工会今年已为户外劳动者办实事十件。",
]


def test_a_township_named_once_in_the_province_is_placed_by_the_list_not_by_another_articles_city(gazetteer):
    first, second = _pieces(PAGE, gazetteer)
    assert first.unit_name == "嵊州市总工会"
    # 天目山镇 is 临安区's; the page names 嵊州 (绍兴) for the article above it
    assert (second.unit_name, second.city, second.county) == ("杭州市临安区天目山镇总工会", "杭州市", "临安区")


def test_an_author_field_credits_its_own_article_only(gazetteer):
    first, second = _pieces(PAGE, gazetteer)
    assert "嵊州市三界镇总工会" in first.unit_names and "嵊州市三界镇总工会" not in second.unit_names


def test_a_name_several_counties_share_is_not_placed_by_the_county_of_the_article_above(gazetteer):
    page = [
        "莲都区总工会举办职工书法比赛",
        "发布时间：2024-04-10",
        "  4月9日，丽水市莲都区总工会举办职工书法比赛，八十名职工参加。",
        "",
        "白云街道总工会开展夏季送清凉",
        "发布时间：2024-07-02",
        "  近日，白云街道总工会走访辖区建筑工地，为一线职工送去防暑用品。",
    ]
    first, second = _pieces(page, gazetteer)
    assert first.unit_name == "丽水市莲都区总工会"
    # 白云街道 is the name of streets in several counties: the article beside it does not say which
    assert (second.unit_name, second.city, second.county) == ("白云街道总工会", None, None)


def test_a_features_subheading_over_a_paragraph_opening_on_a_leads_time_word_stays_inside_it(gazetteer):
    # a feature's part under its subheading opens on "日前，由某某市总工会主办的…" as a news item would
    (piece,) = _pieces(
        [
            "文化惠工 职工家门口的精神家园",
            "  近年来，温州市总工会持续推进职工文化阵地建设，职工文化活动越来越丰富。",
            "拓展职工文化服务圈",
            "  日前，由温州市总工会主办的职工辩论赛决赛举行，二十支队伍参赛。",
        ],
        gazetteer,
    )
    assert piece.headline == "文化惠工 职工家门口的精神家园"
    assert "职工辩论赛决赛举行" in piece.body
