"""The province's streets, towns and townships (NBS codes, importing/data/townships.csv): a street's union is proposed
only under a name the province has, and placed in its county where the page does not say. Every text here is
written for these tests."""

import pytest
import yaml

from importing.naming import units_named
from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db


def test_the_list_holds_every_county_of_the_province_and_only_streets_towns_and_townships(gazetteer):
    places = {place for found in gazetteer.townships.values() for place in found}
    assert len({city for city, _ in places}) == 11
    assert {county for _, county in places} <= set(gazetteer.counties)
    # the county-level divisions of 2023 but 龙港市, which runs its communities with no street between
    assert len({county for _, county in places}) == 89
    assert sum(len(found) for found in gazetteer.townships.values()) == 1364
    assert "萧山经济技术开发区" not in gazetteer.townships  # a zone listed at that level is no township


def test_a_town_made_a_street_is_known_by_either_level(gazetteer):
    assert gazetteer.is_township("天目山镇") and gazetteer.is_township("天目山街道")
    assert not gazetteer.is_township("下半年镇")


def test_a_name_several_counties_share_is_placed_by_the_county_or_city_the_page_names(gazetteer):
    assert gazetteer.street_county("横街镇") is None  # 海曙区's and 路桥区's
    assert gazetteer.street_county("横街镇", "来源:海曙区新闻网") == "海曙区"
    assert gazetteer.street_county("横街镇", "台州日报") == "路桥区"
    assert gazetteer.street_county("天目山镇") == "临安区"
    assert gazetteer.street_county("天目山镇", "主办单位:宁波市总工会") is None  # the page is another city's


def test_words_before_a_townships_own_union_are_never_a_townships_name(gazetteer):
    text = (
        "会议回顾总结了前一阶段镇总工会工作,并对下半年镇工会工作作出部署。"
        "就做好下一步镇工会工作提出三点要求。天目山镇总工会主席作了讲话。"
    )
    names = [unit.name for unit in units_named(text, gazetteer, context="主办单位:杭州市总工会", article=text)]
    assert names == ["杭州市临安区天目山镇总工会"]
    assert units_named("并对下半年镇工会工作作出部署。", gazetteer, unplaced=True) == []


# A union site's item about a township: the page names its city (the sponsor line) but never its county.
TOWNSHIP_ITEM = "\n".join(
    [
        "今天是:",
        "",
        "天目山镇总工会召开全委会议",
        "",
        "发布时间:2022-06-14",
        "",
        "  近日,天目山镇总工会召开全委(扩大)会议,镇总工会全体委员参加。",
        "(天目山镇总工会)",
        "主办单位:杭州市总工会",
    ]
)


def test_a_township_the_page_names_without_its_county_is_placed_by_the_provinces_list(gazetteer):
    (piece,) = _pieces(TOWNSHIP_ITEM, gazetteer)
    assert (piece.unit_name, piece.city, piece.county, piece.street) == (
        "杭州市临安区天目山镇总工会",
        "杭州市",
        "临安区",
        "天目山镇",
    )


def test_evaluate_import_counts_the_unlabelled_federations_of_real_places_apart(tmp_path):
    """Unit-name precision counts the names the labels list; the line under the table adds the unlabelled names
    that are federations of places that exist (临安区总工会), and only those."""
    from io import StringIO

    from django.core.management import call_command

    page = TOWNSHIP_ITEM.replace("镇总工会全体委员参加。", "临安区总工会和下半年镇工会有关负责人出席。")
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    labels = {
        "source_dir": "labels",
        "source": "page.txt",
        "pieces": [
            {
                **{"unit": "杭州市临安区天目山镇总工会", "units": ["杭州市临安区天目山镇总工会"]},
                **{"city": "杭州市", "county": "临安区", "street": "天目山镇", "column": "news"},
                **{"headline": "天目山镇总工会召开全委会议", "reporters": [], "start_line": 3, "end_line": 8},
            }
        ],
    }
    (tmp_path / "page.yaml").write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
    out = StringIO()
    call_command("evaluate_import", "--expected", str(tmp_path / "page.yaml"), stdout=out)
    assert (
        "单位名：标注里有的 1/2；标注外另有 1 个是实有地方的总工会（市、县、街道、乡镇）；两者合计 2/2（100.0%）"
        in out.getvalue()
    )


def test_a_streets_office_union_is_a_grassroots_union_and_a_citys_the_sector_of_its_organs(gazetteer):
    from pilots.models import UnitKind

    assert gazetteer.parse_unit("绍兴市越城区府山街道机关工会").kind == UnitKind.ENTERPRISE_UNION
    assert gazetteer.parse_unit("杭州市机关工会").kind == UnitKind.INDUSTRY_UNION


def test_a_county_printed_by_the_level_it_had_then_is_read_as_today(gazetteer):
    """临安市 (a district since 2017), 奉化市 (2016), 玉环县 (a county-level city since 2017): the page's names."""
    for text, name in (
        ("日前,浙江省临安市天目山镇工会联合当地企业开展协商。", "杭州市临安区天目山镇总工会"),
        ("奉化市溪口镇总工会组织职工体检。", "宁波市奉化区溪口镇总工会"),
        ("临安市总工会开展慰问。", "杭州市临安区总工会"),
    ):
        assert [unit.name for unit in units_named(text, gazetteer, article=text)] == [name], text


def test_the_portals_own_street_places_a_name_only_on_a_page_of_its_city(gazetteer):
    """The portal's 城东街道 is 温岭市's; 金华's, 东阳's and four other counties' streets share the name."""
    assert gazetteer.own_street_county("城东街道") == "温岭市"
    assert gazetteer.own_street_county("城东街道", "来源:温岭日报") == "温岭市"
    assert gazetteer.own_street_county("城东街道", "金华新闻网 婺城区") is None
    # a page naming no city at all: a name five counties share is placed nowhere
    assert gazetteer.own_street_county("城东街道", "发布时间:2019-05-22 城东街道总工会举办比赛") is None
    text = "近日,城东街道青春路社区工会组织志愿者走访辖区企业。"
    names = [unit.name for unit in units_named(text, gazetteer, context="来源:婺城区融媒体中心", article=text)]
    assert names == ["金华市婺城区城东街道青春路社区工会"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("近日,天目山镇工会召开全委会议。", "杭州市临安区天目山镇总工会"),
        ("近日,临安区天目山镇总工会召开全委会议。", "杭州市临安区天目山镇总工会"),
        ("近日,萧山区新街街道工会举办职工运动会。", "杭州市萧山区新街街道总工会"),
        # a union of the street's own office, or its federation of unions, keeps its name
        ("近日,萧山区新街街道机关工会举办职工运动会。", "杭州市萧山区新街街道机关工会"),
        ("近日,萧山区新街街道工会联合会举办职工运动会。", "杭州市萧山区新街街道工会联合会"),
    ],
)
def test_a_streets_or_townships_union_shortened_in_a_sentence_is_its_federation(gazetteer, text, name):
    assert [unit.name for unit in units_named(text, gazetteer, article=text)][:1] == [name]


def test_a_bare_county_federation_is_placed_by_the_township_the_article_names(gazetteer):
    """A county site's item printing neither county nor city: its town lies in one county only."""
    page = ["近日,县总工会在新市镇举办职工技能比武,200余名职工参赛。", "本网新闻热线:0000-0000000"]
    (piece,) = _pieces(page, gazetteer)
    assert (piece.unit_name, piece.county, piece.city) == ("德清县总工会", "德清县", "湖州市")
    # a name several counties share places nothing ("横街镇": 海曙区's and 路桥区's)
    (shared,) = _pieces(["近日,县总工会在横街镇举办职工技能比武。", "本网新闻热线:0000-0000000"], gazetteer)
    assert shared.county is None


def test_a_page_about_workers_that_names_no_union_is_kept_for_the_editor_to_place(gazetteer):
    page = [
        "寒冬里的一碗热汤 驿站里的暖心午餐",
        "2024-01-15 10:20:30",
        "",
        "  进入冬季,各地爱心驿站为外卖骑手、环卫工人提供热饭。",
    ]
    (piece,) = _pieces(page, gazetteer)
    assert piece.headline == "寒冬里的一碗热汤 驿站里的暖心午餐" and piece.unit_name is None
    with pytest.raises(Exception):  # noqa: B017 - ImportInputError: a page about nothing a union does
        _pieces(["西湖边的音乐会", "", "本报讯 近日，一场音乐会在西湖边举行。"], gazetteer)


def test_a_town_printed_by_the_level_it_had_before_it_became_a_street_is_read_as_today(gazetteer):
    """新街镇 of 萧山区 is 新街街道 today (the list has it under that name only); 新市镇 of 德清县 is still a town."""
    assert gazetteer.parse_unit("杭州市萧山区新街镇总工会").name == "杭州市萧山区新街街道总工会"
    assert gazetteer.parse_unit("湖州市德清县新市镇总工会").name == "湖州市德清县新市镇总工会"
