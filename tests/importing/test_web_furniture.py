"""A news site's furniture around a copy: its category in the metadata line, a source field left empty in words, a
series' tag before a bar in the title. Every text here is written for these tests."""

import pytest

from importing.sources import meta_line
from tests.importing.conftest import only_piece

pytestmark = pytest.mark.django_db


def test_a_metadata_line_that_opens_with_the_sites_category_is_furniture_with_its_date_and_outlet(gazetteer):
    piece = only_piece(
        [
            "外卖小哥的一天",
            "",
            "类别:社会 发布时间:2025-06-17 07:13:00 来源:某某网",
            "",
            "近日,杭州市总工会干部走进骑手站点,体验外卖小哥的一天。",
        ],
        gazetteer,
    )
    assert (piece.headline, piece.date, piece.outlet) == ("外卖小哥的一天", "2025-06-17", "某某网")


@pytest.mark.parametrize("value", ["无", "暂无", "未知"])
def test_a_source_field_left_empty_in_words_names_no_outlet(value):
    source = meta_line(f"发布时间:2024-07-01 来源:{value}")
    assert (source.outlet, source.date) == (None, "2024-07-01")


def test_a_series_tag_before_a_bar_is_the_kicker_not_the_headline(gazetteer):
    piece = only_piece(
        [
            "我们的节日|端午粽香进驿站",
            "",
            "发布时间:2024-07-01 来源:某某网",
            "",
            "近日,婺城区城东街道总工会为环卫工人送去清凉物品。",
        ],
        gazetteer,
    )
    assert (piece.headline, piece.kicker) == ("端午粽香进驿站", "我们的节日")


@pytest.mark.parametrize(
    "dateline, outlet",
    [
        ("某某在线-台州频道4月9日讯", "某某在线"),
        ("某某在线1月24日讯", "某某在线"),
        ("某某新闻网讯", "某某新闻网"),
        ("本报杭州7月20日讯", None),
    ],
)
def test_a_datelines_outlet_is_named_without_its_channel_and_day(dateline, outlet):
    from importing.sources import dateline_outlet

    assert dateline_outlet(dateline) == outlet


def test_a_source_fields_font_size_buttons_are_no_part_of_the_outlet():
    assert meta_line("发布时间:2024-07-01 来源:某某市 字号:大 中 小").outlet == "某某市"


@pytest.mark.parametrize(
    "name",
    [
        "宁波市江北区货运司机工会联合会",
        "衢州市危化品物流企业联合工会",
        "温州市网约车司机联合工会",
        "杭州市家政服务业联合工会",
    ],
)
def test_a_trades_joint_union_is_an_industry_union(gazetteer, name):
    assert gazetteer.parse_unit(name).kind == "industry_union"
    assert gazetteer.parse_unit("杭州市萧山区新街街道商贸企业联合工会").kind == "enterprise_union"


def test_a_page_printing_its_articles_text_twice_holds_one_article(gazetteer):
    lead = "本报讯 记者王明 通讯员李华报道 日前,东阳市总工会在城区新开5家户外劳动者服务站,全市服务站增至41家。"
    more = "这些服务站设在银行网点和邮政营业厅里,饮水、充电、热饭一应俱全,节假日照常开放。"
    piece = only_piece(["东阳户外劳动者服务站增至41家", lead, more, lead, more], gazetteer)
    assert piece.start_line == 1
    assert piece.body.count("在城区新开5家户外劳动者服务站") == 1
    assert piece.reporters == ["王明", "李华"]


def test_an_epaper_systems_hidden_article_properties_give_the_outlet_and_date(gazetteer):
    piece = only_piece(
        [
            "新河镇试行工资集体协商",
            "",
            "本报讯(通讯员王明)9月28日,温岭市新河镇总工会召开工业园小微企业工资集体协商会。",
            "",
            "2021-10-09 1 1 某某日报 content_100001.html 1 3 新河镇试行工资集体协商 /enpproperty-->",
        ],
        gazetteer,
    )
    assert (piece.outlet, piece.date, piece.headline) == ("某某日报", "2021-10-09", "新河镇试行工资集体协商")
    assert "content_" not in piece.body


def test_a_count_of_views_after_the_date_and_an_outlet_in_title_marks_are_furniture():
    assert meta_line("2013-12-30 阅览次数:227次").date == "2013-12-30"
    assert meta_line("来源:《某某日报》 发布时间:2024-07-01").outlet == "某某日报"


def test_a_sites_contact_lines_over_an_item_are_furniture_not_its_headline(gazetteer):
    piece = only_piece(
        [
            "联系方式",
            "电话:0000-00000000",
            "地址:某某市某某西路2399号某某大厦27F-31F",
            "12月23日上午,秀洲区户外职工爱心驿站启动仪式举行,区总工会为驿站授牌。",
        ],
        gazetteer,
    )
    assert piece.headline is None and "电话" not in piece.body


def test_the_news_site_first_in_a_copys_breadcrumb_is_the_outlet(gazetteer):
    piece = only_piece(
        [
            "您当前的位置 : 某某在线 > 某某新闻网 > 全媒体新闻 > 经济新闻",
            "",
            "县总工会开展职工疗休养",
            "",
            "近日,安吉县总工会组织一线职工开展疗休养活动,120名职工参加。",
        ],
        gazetteer,
    )
    assert piece.outlet == "某某在线"
