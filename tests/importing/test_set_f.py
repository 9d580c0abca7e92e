"""Kinds of page and phrase met on a sixth blind set of real pages (set F, kept outside the repository): a
community's union rest stop beside the county federation that runs the stations, a city federation named
without its city on a county's page. Every text here is written for these tests."""

import pytest

from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db


def test_a_communitys_union_rest_stop_does_not_lead_the_federation_the_article_names(gazetteer):
    text = "\n".join(
        [
            "莲都区多家工会驿站送清凉",
            "",
            "本报讯 近日,莲都区各工会驿站为户外劳动者送去清凉。",
            "日前,紫金街道新村社区工会驿站内,几名环卫工人正在休息。",
            "据了解,莲都区总工会为新村社区工会驿站提供了饮料和药品。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "丽水市莲都区总工会"
    assert piece.unit_names[0] == "丽水市莲都区总工会"
    # the community is still proposed after the federation (the editor decides)
    assert len(piece.unit_names) == 2 and piece.unit_names[1].endswith("新村社区工会")


def test_a_community_union_named_as_an_organisation_still_leads_by_its_specificity(gazetteer):
    text = "\n".join(
        [
            "社区里的暖心小屋",
            "",
            "本报讯 近日,紫金街道新村社区工会在辖区开展慰问活动。",
            "莲都区总工会为新村社区工会驿站提供了饮料和药品。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name.endswith("新村社区工会")


def test_the_city_federation_a_countys_page_names_without_its_city_is_that_countys_city(gazetteer):
    text = "\n".join(
        [
            "市总工会领导到我县调研疗休养基地建设",
            "",
            "8月5日,市总工会副主席李明一行到我县调研职工疗休养基地建设。",
            "他要求县总工会做好申报工作。在县期间,一行还到松阳县一家竹木企业开展送清凉活动。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "丽水市总工会"
    assert piece.unit_names == ["丽水市总工会", "松阳县总工会"]


def test_a_county_level_citys_page_keeps_its_own_federation(gazetteer):
    text = "\n".join(
        [
            "市总工会领导考察新建驿站",
            "",
            "1月3日,市总工会领导一行来到龙泉市剑池街道的工会驿站,实地考察新建站点。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "龙泉市总工会"


def test_a_reposts_original_title_with_its_parts_marked_gives_headline_and_lead_in(gazetteer):
    text = "\n".join(
        [
            "某某首页 > 某某号 > 正文",
            "",
            "原标题:丽水莲都区总工会四季服务暖人心——(引题)",
            "",
            "“驿站就是我们的家”(主题)",
            "",
            "本报记者 周明远",
            "",
            "近日,在丽水市莲都区一处工会驿站内,十余名外卖骑手正在休息。莲都区总工会今年新建驿站8个。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.headline == "“驿站就是我们的家”"
    assert piece.subheadline == "丽水莲都区总工会四季服务暖人心"
    assert piece.reporters == ["周明远"]


def test_an_original_title_line_alone_is_the_headline(gazetteer):
    text = "\n".join(
        [
            "原标题:秋分时节 情暖骑手",
            "",
            "通讯员 王一鸣 赵小北 文 某某日报记者 钱立新 摄",
            "",
            "打开某某新闻 查看精彩图片",
            "",
            "莲都区紫金街道举办关爱新业态劳动者活动,邀请外卖骑手一起包饺子。",
            "",
            "打开某某新闻 查看精彩图片",
            "",
            "近日,莲都区岩泉街道总工会邀请辖区快递员在社区驿站包饺子、话家常。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.headline == "秋分时节情暖骑手"  # spaces between Chinese characters are dropped
    assert piece.reporters == ["王一鸣", "赵小北"]
    assert piece.photographers == ["钱立新"]
    assert piece.unit_name == "丽水市莲都区岩泉街道总工会"


def test_a_text_credit_beside_a_photo_credit_names_writers_and_photographers_apart():
    from importing.bylines import byline_line

    found = byline_line("通讯员 王一鸣 赵小北 文 某某日报记者 钱立新 摄")
    assert (found.reporters, found.photographers) == (["王一鸣", "赵小北"], ["钱立新"])
    found = byline_line("记者 王一鸣 文 钱立新 摄")
    assert (found.reporters, found.photographers) == (["王一鸣"], ["钱立新"])
    assert byline_line("记者 钱立新 摄").reporters == ["钱立新"]  # a photo credit alone still credits the story


def test_the_union_a_headline_names_leads_where_nothing_places_the_articles_unions(gazetteer):
    # 江南街道: four counties of the province have one, and nothing on the page says which
    text = "\n".join(
        [
            "江南街道新就业形态联合工会开展中秋游园会",
            "",
            "发布时间:2026年09月20日",
            "",
            "  9月18日,江南街道总工会、江南街道新就业形态联合工会在商场举办游园会。",
            "  活动中,江南街道新就业形态联合工会发布了五项关爱举措。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "江南街道新就业形态联合工会"
    assert piece.unit_names == ["江南街道新就业形态联合工会", "江南街道总工会"]


def test_a_feeds_label_in_the_source_field_is_no_outlet_and_the_bracketed_source_is(gazetteer):
    from importing.sources import meta_line

    assert meta_line("来源:滚动播报").outlet is None
    assert meta_line("来源:原创").outlet is None
    text = "\n".join(
        [
            "莲都区总工会开展职工运动会",
            "",
            "来源:滚动播报",
            "",
            "(来源:某某新闻网)",
            "",
            "本报记者 周明远",
            "",
            "近日,莲都区总工会在体育馆举办职工运动会,20余家单位参加。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.outlet == "某某新闻网"


def _figures(text: str):
    from importing.extract import figures_in

    return [(str(f.value), f.unit, f.qualifier) for f in figures_in([(1, text)], default_year=None)]


def test_a_hundred_or_a_thousand_and_more_in_words_is_a_rough_count_a_bare_one_an_idiom():
    assert _figures("驿站日均接待百余人次,") == [("100", "人次", "余")]
    assert _figures("共有千余名职工参加。") == [("1000", "名", "余")]
    assert _figures("以百场活动回馈职工,千家万户受益。") == []


def test_a_length_in_metres_or_kilometres_is_a_figure_an_area_stays_an_area():
    assert _figures("志愿者清扫了长达1500多米的道路,") == [("1500", "米", "余")]
    assert _figures("沿线8公里设有驿站。") == [("8", "公里", None)]
    assert _figures("驿站面积30平方米。") == [("30", "平方米", None)]


def test_an_outdoor_workers_service_rest_stop_is_a_rest_stop():
    from pilots.vocabulary import practices_in

    assert "rest_stops" in practices_in("镇里建成了户外劳动者服务驿站,环卫工人可以进来歇脚。")
    assert "rest_stops" in practices_in("镇里建成了户外劳动者服务站,环卫工人可以进来歇脚。")


def test_a_business_districts_joint_union_under_an_unplaced_street_is_proposed_as_printed(gazetteer):
    # 江南街道: four counties of the province have one, and nothing on the page says which
    from importing.naming import units_named

    text = "近日,东湖社区举行了江南街道老街商圈联合工会成立大会,共有20名商户代表参加。"
    (unit,) = units_named(text, gazetteer, unplaced=True)
    assert (unit.name, unit.street, unit.county) == ("江南街道老街商圈联合工会", "江南街道", None)
    # a sentence about a street's unions is still no name
    assert units_named("近日,城东街道共新建基层工会12家。", gazetteer, unplaced=True) == []


def test_a_union_sites_report_on_a_streets_work_is_about_that_streets_federation(gazetteer):
    text = "\n".join(
        [
            "您的位置: 某某网 > 新闻中心 > 工会 >",
            "",
            "北干街道开展冬日送温暖活动",
            "",
            "1月10日,北干街道班子领导分组走访辖区企业,慰问一线职工。",
            "",
            "来源:萧山工会",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.headline == "北干街道开展冬日送温暖活动"
    assert piece.unit_name == "杭州市萧山区北干街道总工会"
    # the same report from an outlet that is no union's is about the street's workers too (test_subject.py)
    (piece,) = _pieces(text.replace("萧山工会", "萧山日报"), gazetteer)
    assert piece.unit_name == "杭州市萧山区北干街道总工会"
    # a report of the street's work that is not about its workers names no union: the page is dropped
    with pytest.raises(Exception):  # noqa: B017 - ImportInputError: no piece about a union
        _pieces(text.replace("萧山工会", "萧山日报").replace("慰问一线职工", "检查消防安全"), gazetteer)


def test_a_township_founding_unions_is_the_subject_of_an_article_naming_no_union(gazetteer):
    text = "\n".join(
        [
            "农民工有了“娘家”",
            "",
            "  本报讯 安吉县梅溪镇通过建立12个村级联合工会,为小企业的务工人员开展维权和培训。",
            "  截至目前,共有1500多名务工人员加入联合工会。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "安吉县梅溪镇总工会"
    # a union the article names still leads; a place that only hosts an event founds nothing
    text = text.replace("截至目前", "安吉县总工会表示,截至目前")
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "安吉县总工会"


def test_a_parks_union_printed_whole_is_placed_in_the_county_the_article_names(gazetteer):
    from importing.naming import units_named

    text = "5月7日,海曙区总工会副主席王明、青林镇总工会主席李华,青林生活园区工会联合会主席赵强等陪同调研。"
    names = [unit.name for unit in units_named(text, gazetteer)]
    assert "宁波市海曙区青林生活园区工会联合会" in names
    # a sentence run into the park word names no park
    assert not any("园区" in unit.name for unit in units_named("全区各园区工会联合会积极行动。", gazetteer))


def test_a_citys_industry_unions_named_without_the_city_are_listed_after_its_federation(gazetteer):
    text = "\n".join(
        [
            "丽水市总工会启动职工疗休养活动",
            "",
            "  本报讯 近日,丽水市总工会启动职工疗休养活动,首批80名来自市金融工会、市教育工会的一线职工参加。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["丽水市总工会", "丽水市金融工会", "丽水市教育工会"]
