"""Unions a page names without their place (fresh pages of 2026-12-07, kept outside the repository):
placed from the article's context where it gives one, proposed as printed (新单位 without a place)
where nothing does, never a name cut from a sentence. Every text here is written for these tests."""

import pytest

from importing.naming import units_named
from importing.subject import outlet_counties
from pilots.models import UnitKind
from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db


# A union site's item: the site's column and the closing credit name the township's federation, no
# city or county is printed anywhere on the page, and three counties of the province have a 百丈.
UNION_SITE_ITEM = "\n".join(
    [
        "您的位置: 百丈镇总工会",
        "",
        "百丈镇工会为环卫工人送清凉",
        "",
        "发布时间:2022-07-15",
        "",
        "    7月14日,百丈镇总工会组织工会志愿者来到镇区主干道,为环卫工人送上绿豆汤和防暑用品。",
        "(百丈镇总工会)",
        "浏览次数:120",
    ]
)


def test_a_townships_union_that_nothing_places_is_proposed_as_printed_without_a_place(gazetteer):
    (piece,) = _pieces(UNION_SITE_ITEM, gazetteer)
    assert piece.unit_name == "百丈镇总工会"
    assert (piece.city, piece.county, piece.street) == (None, None, "百丈镇")
    assert piece.unit_kind == UnitKind.TOWNSHIP_FEDERATION


def test_a_title_naming_a_street_without_its_union_is_about_that_streets_federation(gazetteer):
    text = "\n".join(  # three counties of the province have a 横溪
        [
            "您的位置: 横溪街道总工会",
            "",
            "横溪街道各级工会开展重阳节活动",
            "",
            "发布时间:2023-10-20",
            "",
            "    重阳节前夕,横溪街道机关工会在社区活动室举办了敬老茶话会。",
            "    东坡社区联合工会、南湖里社区联合工会也组织职工看望了辖区的老人。",
            "(横溪街道总工会)",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "横溪街道总工会"
    assert piece.unit_names[1:] == ["横溪街道机关工会", "东坡社区联合工会", "南湖里社区联合工会"]


def test_words_of_the_sentence_are_never_read_as_a_bare_name(gazetteer):
    for sentence in (
        "该镇总工会组织职工参加培训。",
        "辖区社区工会积极响应。",
        "相关社区工会和企业工会参加了活动。",
        "各街道工会负责人参加会议。",
        "全镇工会干部参加学习。",
        "镇总工会主席走访了企业。",
        "职工所在街道工会负责登记。",
        "下属社区工会开展了活动。",
        "年内,实现街道工会全覆盖。",
        "东城街道现有工会38家。",
        "要进一步配\n强街道总工会的力量。",  # a line broken at a column's end: 强街道 is no name
    ):
        assert units_named(sentence, gazetteer, unplaced=True) == [], sentence


def test_a_three_character_name_after_a_preposition_is_read_whole(gazetteer):
    text = "本次活动由集士港镇总工会联合新桥社区承办,海曙区总工会派员指导。"
    names = [unit.name for unit in units_named(text, gazetteer)]
    assert names[0] == "宁波市海曙区集士港镇总工会"


def test_the_county_an_outlet_is_named_after_places_a_streets_union(gazetteer):
    assert outlet_counties("江北人民政府网", "", gazetteer) == "江北区"
    assert outlet_counties(None, "海曙客户端 | 冬至的共享食堂\n发布时间:2024-12-20", gazetteer) == "海曙区"
    assert outlet_counties(None, "来源:某某日报", gazetteer) == ""
    text = "\n".join(
        [
            "您现在的位置:首页 > 新闻 > 宁波",
            "爱心水站陪户外劳动者过夏天",
            "发布时间:2023-07-14  来源:江北人民政府网",
            "",
            "  今天,洪塘街道总工会在辖区广场的户外劳动者驿站举办“爱心水站”活动,为环卫工人和快递员送上清凉。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert (piece.unit_name, piece.county) == ("宁波市江北区洪塘街道总工会", "江北区")


def test_a_federation_named_in_the_title_leads_a_more_specific_union_of_the_lead(gazetteer):
    text = "\n".join(
        [
            "渔船上的娘家人",
            "宁海县总工会为渔民办实事",
            "",
            "本报讯 宁海县长街镇渔业联合工会成立以来,为出海渔民调解纠纷12起。",
            "县总工会还在渔港设立了职工书屋。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "宁海县总工会"
    assert piece.unit_names[1:] == ["宁海县长街镇渔业联合工会"]


def test_the_new_area_of_qiantang_is_a_county_level_area_printed_with_its_city(gazetteer):
    unit = gazetteer.parse_unit("杭州钱塘新区总工会")
    assert (unit.city, unit.county, unit.kind) == ("杭州市", "钱塘新区", UnitKind.COUNTY_FEDERATION)
    assert gazetteer.canonical(unit).name == "杭州市钱塘新区总工会"
    street = units_named("近日,钱塘新区下沙街道总工会开展慰问。", gazetteer)[0]
    assert (street.name, street.county, street.street) == ("杭州市钱塘新区下沙街道总工会", "钱塘新区", "下沙街道")


def test_the_author_of_a_document_the_article_follows_is_not_one_of_its_unions(gazetteer):
    text = "此次调研旨在落实宁波市总工会关于基层工会片区化建设的指导意见,南门街道总工会主席一行走访了企业。"
    assert "宁波市总工会" not in [unit.name for unit in units_named(text, gazetteer)]
    assert "宁波市总工会" not in [unit.name for unit in units_named("按照宁波市总工会《工作要点》,", gazetteer)]
    assert [unit.name for unit in units_named("宁波市总工会走访了企业。", gazetteer)] == ["宁波市总工会"]


def test_a_communitys_union_is_placed_in_the_county_the_outlet_is_named_after(gazetteer):
    text = "\n".join(
        [
            "海曙客户端 | 冬至的共享食堂",
            "",
            "发布时间:2024-12-20",
            "",
            "      12月19日,一场公益活动在横街镇的共享厨房里展开。活动由横街镇总工会联合晨光社区承办。",
            "",
            "      晨光社区联合工会还在小区门口打造了户外劳动者驿站。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["宁波市海曙区横街镇总工会", "宁波市海曙区晨光社区联合工会"]


def test_a_title_naming_a_union_without_its_place_leads_the_unions_of_the_body(gazetteer):
    text = "\n".join(
        [
            "市总工会领导走访新建职工驿站",
            "",
            "2025-01-06 09:30 来源:某某客户端",
            "",
            "1月5日,市总工会领导一行来到浒山街道北门社区工会服务站,察看新建的户外劳动者驿站。",
            "",
            "版权所有:慈溪新闻网",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "慈溪市总工会"


def test_a_county_printed_short_places_a_bare_street_only_where_the_page_names_its_city(gazetteer):
    body = [  # 鹿山街道: 富阳区's and 嵊州市's
        "鹿山街道总工会开展防汛慰问",
        "",
        "发布时间:2021年06月20日",
        "",
        "  连日来,富阳普降暴雨。鹿山街道总工会组织志愿者走访辖区企业,为一线职工送去雨具。",
    ]
    (piece,) = _pieces("\n".join([*body, "主办单位:杭州市总工会"]), gazetteer)
    assert (piece.unit_name, piece.county) == ("杭州市富阳区鹿山街道总工会", "富阳区")
    (piece,) = _pieces("\n".join(body), gazetteer)
    assert (piece.unit_name, piece.county) == ("鹿山街道总工会", None)  # no city named: 富阳 alone does not place it


def test_the_site_a_breadcrumb_starts_with_is_an_outlet_that_places_a_bare_street(gazetteer):
    assert outlet_counties(None, "您当前的位置: 临平新闻网 > 工会 > 正文", gazetteer) == "临平区"


def test_a_level_that_ends_a_place_or_a_word_is_no_bare_federation(gazetteer):
    from importing.subject import bare_units

    page = "版权所有:宁波新闻网"
    assert bare_units("安徽省滁州市总工会一行来访", page, gazetteer) == []
    assert bare_units("全市总工会系统开展培训", page, gazetteer) == []
    assert [u.name for u in bare_units("近日,市总工会领导来访", page, gazetteer)] == ["宁波市总工会"]
    assert units_named("职工纷纷为街道工会点赞。", gazetteer, context="萧山区") == []


def test_new_areas_printed_like_counties_are_read_whole_with_their_city(gazetteer):
    unit = gazetteer.canonical(gazetteer.parse_unit(gazetteer.expand_places("杭州湾新区庵东镇总工会")))
    assert (unit.name, unit.city, unit.county) == ("宁波市杭州湾新区庵东镇总工会", "宁波市", "杭州湾新区")
    unit = gazetteer.canonical(gazetteer.parse_unit("湖州南太湖新区总工会"))
    assert (unit.name, unit.kind) == ("湖州市南太湖新区总工会", UnitKind.COUNTY_FEDERATION)


@pytest.mark.parametrize(
    "sentence",
    [
        "获奖职工将获得街道总工会颁发的荣誉证书。",
        "比赛优胜者可获得镇总工会的奖励。",
        "表现突出的职工还将受到街道工会表彰。",
    ],
)
def test_a_verb_after_an_auxiliary_is_no_streets_name(gazetteer, sentence):
    # 将 before a name is a preposition ("将青石镇……"), before a verb an auxiliary: "获得街道" is no street.
    assert units_named(sentence, gazetteer, context="温岭市", unplaced=True) == []


def test_a_street_named_by_a_verb_is_still_a_street(gazetteer):
    # Streets are named 前进 or 解放: only a verb after an auxiliary is refused.
    (unit,) = units_named("前进街道总工会为职工送清凉。", gazetteer, context="温岭市", unplaced=True)
    assert unit.street == "前进街道"
