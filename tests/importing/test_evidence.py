"""The main union weighed on the evidence the article gives (importing/evidence.py): where each union is named and
how its level stands against the places the title and lead name. Every text here is written for these tests."""

import pytest

from tests.importing.conftest import only_piece

pytestmark = pytest.mark.django_db


def test_a_title_naming_several_counties_of_a_city_is_the_city_federations_digest(gazetteer):
    piece = only_piece(
        [
            "嘉善、平湖、海宁三地工会联动服务职工",
            "",
            "本报讯 近日，嘉兴市总工会组织嘉善县总工会、平湖市总工会、海宁市总工会开展联动服务。"
            "海宁市总工会在园区设立服务点，海宁市总工会负责人介绍了有关情况。",
        ],
        gazetteer,
    )
    assert piece.unit_names[0] == "嘉兴市总工会"


def test_a_title_naming_a_town_but_no_union_points_at_that_towns_federation(gazetteer):
    piece = only_piece(
        [
            "金清镇为外卖骑手送清凉",
            "",
            "本报讯 7月8日，路桥区总工会联合金清镇为辖区外卖骑手送去清凉物资。"
            "路桥区总工会有关负责人表示，将持续关爱新就业形态劳动者。",
        ],
        gazetteer,
    )
    assert piece.unit_names == ["台州市路桥区金清镇总工会", "台州市路桥区总工会"]


def test_a_lead_naming_several_counties_under_a_title_naming_the_city_is_the_city_federations(gazetteer):
    piece = only_piece(
        [
            "湖州三县区工会联动开展送温暖",
            "",
            "本报讯 近日，长兴县总工会、安吉县总工会、德清县总工会分别开展送温暖活动。"
            "湖州市总工会有关负责人参加了长兴县的活动。",
        ],
        gazetteer,
    )
    assert piece.unit_names[0] == "湖州市总工会"


def test_one_county_printed_in_two_names_is_no_digest_of_the_city(gazetteer):
    piece = only_piece(
        [
            "全国新区工会工作研讨会在杭州举行",
            "",
            "本报讯 11月5日，全国新区工会工作研讨会在杭州钱塘新区开幕。",
            "钱塘新区总工会作为承办方介绍了经验。",
        ],
        gazetteer,
    )
    assert piece.unit_names[0] == "杭州市钱塘新区总工会"


def test_a_lead_placing_its_events_in_a_street_whose_federation_it_names_bare_is_about_that_federation(gazetteer):
    piece = only_piece(
        [
            "热乎早饭送给快递员",
            "",
            "本报讯 昨日清晨，在北仑区青石街道便民服务中心门口，街道总工会为快递员送上了热乎的早饭。",
            "青石街道机关工会的志愿者也带着早饭来到快递网点，青石街道机关工会负责人介绍了有关情况。",
            "据悉，青石街道总工会去年起就为新就业形态劳动者建立了工会组织。",
        ],
        gazetteer,
    )
    assert piece.unit_names[:2] == ["宁波市北仑区青石街道总工会", "宁波市北仑区青石街道机关工会"]


def test_a_town_the_title_names_is_placed_by_the_provinces_list_where_the_article_names_two_counties(gazetteer):
    piece = only_piece(
        [
            "天目山镇为环卫工人送清凉",
            "",
            "本报讯 7月10日，临安区总工会和余杭区总工会的志愿者来到天目山镇，为环卫工人送去清凉物资。"
            "临安区总工会有关负责人表示，将持续关爱户外劳动者。",
        ],
        gazetteer,
    )
    assert piece.unit_names[:2] == ["杭州市临安区天目山镇总工会", "杭州市临安区总工会"]


def test_a_title_naming_a_district_the_article_speaks_of_as_a_whole_is_the_districts_though_it_names_its_union(
    gazetteer,
):
    piece = only_piece(
        [
            "南湖区将建30家职工书屋",
            "",
            "本报讯 今年以来，全区建成职工书屋200家，东栅街道总工会已建成书屋3家。",
            "南湖区总工会有关负责人表示，明年还将新建30家。",
        ],
        gazetteer,
    )
    assert piece.unit_names == ["嘉兴市南湖区总工会", "嘉兴市南湖区东栅街道总工会"]


def test_a_title_naming_a_city_over_news_of_its_counties_unions_is_the_city_federations_digest(gazetteer):
    piece = only_piece(
        [
            "湖州工会花式关爱小哥",
            "",
            "本报讯 近日，安吉县总工会为快递小哥送上年货。",
            "南浔区总工会在驿站为外卖骑手准备了热饭。",
            "德清县总工会组织快递员体检。",
        ],
        gazetteer,
    )
    assert piece.unit_names[0] == "湖州市总工会"


# A city's meeting held in one of its counties: the county is the venue, the city's federation leads.
VENUE_PAGE = [
    "衢州推动劳动关系和谐共建",
    "",
    "全市现场交流会在江山召开",
    "",
    "  本报讯 记者王明报道 3月12日,衢州市劳动关系和谐共建现场交流会在江山召开。",
    "",
    "  江山市总工会在会上交流经验。到去年底,全市建立和谐共建企业860家。",
    "",
    "  衢州市总工会部署了今年的重点工作。",
]


def test_a_county_where_a_citys_meeting_was_held_is_its_venue_not_its_ground(gazetteer):
    from tests.importing.conftest import only_piece

    piece = only_piece(VENUE_PAGE, gazetteer)
    assert piece.unit_name == "衢州市总工会" and "江山市总工会" in piece.unit_names


def test_without_a_title_the_street_a_lead_visits_places_no_union_above_the_one_that_acts(gazetteer):
    piece = only_piece(
        [
            "发布时间：2024-05-06",
            "",
            "  近日，乐清市总工会走进柳市镇，与柳市镇总工会一道为电器企业一线工人送去防暑用品。",
            "  乐清市总工会负责人表示，今年还将走访更多企业。",
        ],
        gazetteer,
    )
    assert piece.headline is None
    assert piece.unit_name == "乐清市总工会"


def test_a_federations_service_centre_in_the_title_names_that_federation(gazetteer):
    piece = only_piece(
        [
            "嘉兴市职工服务中心驿站夜间开放",
            "",
            "  近日，嘉兴市职工服务中心的工会驿站开始夜间开放。驿站由南湖区新兴街道新就业形态联合工会协助管理，",
            "南湖区新兴街道新就业形态联合工会还组织骑手志愿者参与值守。嘉兴市总工会相关负责人介绍了驿站的服务。",
        ],
        gazetteer,
    )
    assert piece.unit_name == "嘉兴市总工会"
