"""Kinds of page and phrase met on a fourth blind set of real pages (set D, kept outside the repository):
a sentence's verb read into a union's name, a zone printed with its street in brackets, the host of an event
over the union that carries it out, a date line carrying the byline, a site's address before its time, a
closing source line naming the author. Every text here is written for these tests."""

import pytest

from importing.extract import figures_in
from importing.naming import units_named
from importing.sources import dateline_outlet, meta_line, page_source
from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db


def _names(text: str, gazetteer, **kwargs):
    return [unit.name for unit in units_named(text, gazetteer, **kwargs)]


def test_a_verb_of_the_sentence_is_never_inside_a_unions_name(gazetteer):
    assert _names("余姚南山街道深化区域工会建设", gazetteer) == []
    assert _names("余姚南山街道推动基层工会提质增效", gazetteer) == []
    # the union the body names with its place leads; the headline's street is that union's, not a cut name
    text = "\n".join(
        [
            "余姚南山街道深化区域工会建设",
            "本报讯 通讯员王一鸣报道 余姚南山街道总工会今年提出了三项工作重点。",
            "街道总工会将推进村社工会建设,扩大工会组织对职工的覆盖。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "余姚市南山街道总工会"
    assert piece.unit_names == ["余姚市南山街道总工会"]


def test_a_communitys_name_starts_after_the_verb_before_it(gazetteer):
    article = "近日,南湖区一家共享职工之家启用。"
    names = _names("共享职工之家依托青竹社区联合工会开展服务。", gazetteer, article=article)
    assert names == ["嘉兴市南湖区青竹社区联合工会"]


def test_a_count_of_people_or_firms_is_never_inside_a_unions_name(gazetteer):
    article = "杭州考上大学的会员子女今年有两名得到村工会助学金。"
    assert _names(article, gazetteer) == []
    # a village named by a number and a measure word is still one
    assert _names("余杭区三家村工会开展慰问。", gazetteer) == ["杭州市余杭区三家村工会"]


def test_a_zone_printed_with_its_street_in_brackets_is_the_streets_federation(gazetteer):
    article = "活动在南湖区的商务楼宇举行。下一步,南湖新区(青石街道)总工会将继续做好服务。"
    assert _names(article, gazetteer) == ["嘉兴市南湖区青石街道总工会"]


def test_the_union_that_hosts_an_event_leads_the_union_that_carries_it_out(gazetteer):
    text = "\n".join(
        [
            "浙江工人日报 数字报纸",
            "",
            "00003版:职业教育",
            "",
            "焊工比技能",
            "",
            "  近日,柯桥区焊工职业技能竞赛在一家建筑企业举行。",
            "",
            "  本次竞赛由柯桥区总工会、柯桥区人社局主办,青石街道总工会承办。12名选手参加了比赛。",
            "",
            "  通讯员王一鸣 摄",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "绍兴市柯桥区总工会"
    assert piece.unit_names == ["绍兴市柯桥区总工会", "绍兴市柯桥区青石街道总工会"]


def test_a_lead_naming_the_street_makes_its_federation_lead_a_community_union_that_joined_in(gazetteer):
    text = "\n".join(
        [
            "| 北仑新闻网",
            "热乎早饭送给快递员",
            "2022-12-01 09:45    通讯员 王一鸣 记者 李小红",
            "",
            "  本网讯 昨日清晨,在青石街道便民服务中心门口,街道总工会为快递员送上了热乎的早饭。",
            "",
            "  青竹社区工会联合会也带着街道总工会准备的早饭来到快递网点。",
            "",
            "  据悉,青石街道总工会去年起就为新就业形态劳动者建立了工会组织。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "宁波市北仑区青石街道总工会"
    assert piece.unit_names == ["宁波市北仑区青石街道总工会", "宁波市北仑区青竹社区工会联合会"]
    assert (piece.outlet, piece.date, piece.reporter) == ("北仑新闻网", "2022-12-01", "王一鸣、李小红")


def test_a_verb_and_its_particle_are_no_streets_name(gazetteer):
    names = _names("青竹社区工会联合会就带着街道总工会准备的早饭", gazetteer, unplaced=True)
    assert names == ["青竹社区工会联合会"]


def test_a_citys_workers_service_centre_is_its_federations_when_no_union_is_named(gazetteer):
    text = "\n".join(
        [
            "为户外劳动者送清凉",
            "",
            "7月10日,金华市职工服务中心门口,工作人员为环卫工人送上了绿豆汤。市县两级工会筹集了300多万元防暑物资。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "金华市总工会"


def test_a_date_line_may_carry_the_byline_and_a_copys_address_may_stand_before_its_time():
    source = meta_line("2022-12-01 09:45    通讯员 王一鸣 李小红 记者 张小明")
    assert source.date == "2022-12-01"
    assert source.byline.reporters == ["王一鸣", "李小红", "张小明"]
    source = meta_line("//www.example.cn2014-08-20 11:09:58来源: 某某网")
    assert (source.outlet, source.date) == ("某某网", "2014-08-20")
    assert meta_line("2022-12-01 职工们在活动中展示了风采。") is None


def test_a_papers_or_sites_word_for_itself_names_no_outlet():
    assert dateline_outlet("本网讯") is None
    assert dateline_outlet("导报讯") is None
    assert dateline_outlet("晚报讯") is None
    assert dateline_outlet("海曙新闻网讯") == "海曙新闻网"
    assert dateline_outlet("中工网讯") == "中工网"


def test_a_sites_name_beside_a_bar_on_its_own_line_is_the_outlet():
    assert page_source(["| 某某新闻网", "标题", "正文。"]).outlet == "某某新闻网"
    assert page_source(["某某客户端 |", "标题"]).outlet == "某某客户端"
    assert page_source(["某某新闻网", "标题"]).outlet is None  # a name alone may be a link in a menu


def test_a_closing_source_line_naming_the_author_credits_the_article(gazetteer):
    text = "\n".join(
        [
            "当前位置:区总工会 --> 基层动态",
            "青石街道工会志愿者服务队成立",
            "发布时间:2022-06-24",
            "",
            "近日,杭州市临安区青石街道工会志愿者服务队正式成立,20名企业工会会员成为首批队员。",
            "",
            "来源:某某新闻网    作者:王一鸣    编辑:李小红",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.reporter == "王一鸣"
    assert (piece.outlet, piece.date) == ("某某新闻网", "2022-06-24")


def test_two_neighbouring_numerals_in_words_are_a_rough_range_not_a_figure():
    figures = figures_in([(1, "往年送清凉开展四五次,物品由两三样增加到8样,今年开展了五次。")], default_year=None)
    assert [(f.raw, int(f.value)) for f in figures] == [("五次", 5)]


def test_a_hollow_square_opens_a_byline_as_a_filled_one_does(gazetteer):
    text = "\n".join(
        [
            "青石街道总工会组织职工登山",
            "□通讯员 王一鸣 李小红",
            "本报讯 近日,青石街道总工会组织20家企业的职工来到南山开展登山活动。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.reporter == "王一鸣、李小红"


def test_a_headline_broken_after_its_subject_is_one_headline(gazetteer):
    text = "\n".join(
        [
            "街道总工会",
            "开展“健步迎新春”活动",
            "□通讯员 王一鸣",
            "本报讯 近日,青石街道总工会组织职工开展健步走活动。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.headline == "街道总工会开展“健步迎新春”活动"


def test_a_date_printed_over_three_lines_dates_the_page(gazetteer):
    text = "\n".join(
        [
            "您的位置: 某某网 >  新闻中心 >  工会 > ",
            "",
            "青石街道开展职工健步走活动",
            "",
            "[ 工会 ]    ",
            "2022",
            "09-05",
            "17:13",
            "",
            "为丰富职工文化生活,青石街道总工会组织100多名职工开展健步走活动。",
            "",
            "来源:某某工会  ",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.headline == "青石街道开展职工健步走活动"
    assert piece.date == "2022-09-05"


def test_a_line_saying_what_a_place_won_is_the_deck_under_the_headline(gazetteer):
    text = "\n".join(
        [
            "2023年11月20日 ",
            "",
            "第06版:城事",
            "",
            "省级职工书屋名单公布",
            "",
            "兰溪2家书屋获评",
            "",
            "记者 王一鸣",
            "",
            "导报讯 近日,省总工会公布了职工书屋名单,兰溪市总工会推荐的2家书屋入选。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert (piece.headline, piece.subheadline) == ("省级职工书屋名单公布", "兰溪2家书屋获评")
    assert piece.outlet is None  # "导报讯": the paper's word for itself


def test_a_numeral_in_words_sizing_a_list_its_clause_prints_is_no_figure():
    def raws(text):
        return [f.raw for f in figures_in([(1, text)], default_year=None)]

    assert raws("本次竞赛设焊接和钳工两项比赛,共有30名选手参加。") == ["30名"]
    assert raws("驿站里有两台“大个子”——心理服务机和法律服务机。") == []
    assert raws("工会还将联合各部门开展送清凉、送温暖等十项活动。") == ["十项"]  # what was done: a figure


def test_places_listed_before_one_union_word_are_one_union_each(gazetteer):
    text = "象山县总工会走访了渔港。连日来,青屿乡、石塘镇东岙村等渔业联合工会也开展了安全检查。"
    assert _names(text, gazetteer) == ["象山县总工会", "象山县青屿乡渔业联合工会", "象山县石塘镇东岙村渔业联合工会"]


def test_this_years_plan_and_the_clauses_after_its_semicolon_are_not_practices_done():
    from pilots.vocabulary import practices_in

    plan = "今年,街道总工会将实施项目制度;同时,深化村社工会网格化建设。今年,街道总工会将根据需求开展职工技能培训。"
    assert practices_in(plan) == []
    done = "街道总工会深化村社工会网格化建设。去年,街道总工会开展职工技能培训12期。"
    assert {"grid_management", "craftsman_school"} <= set(practices_in(done))
    assert practices_in("后续将有工会会员担任专、兼职网格员。") == []


def test_a_service_reaching_new_groups_of_workers_is_not_covering_them_with_unions():
    from pilots.vocabulary import practices_in

    assert "new_groups_coverage" not in practices_in("驿站辐射周边楼宇,覆盖职工近万人,服务新就业形态劳动者。")
    assert "new_groups_coverage" not in practices_in("街道还新建了两个工会驿站,服务对象是快递小哥等户外劳动者。")
    assert "new_groups_coverage" in practices_in("街道总工会推动工会组织覆盖快递、外卖等新就业形态劳动者。")
    assert "new_groups_coverage" in practices_in("实施局域化管理,并延伸到新行业新群体。")


def test_a_sites_address_may_stand_before_the_date_weekday_and_paper():
    source = meta_line("news.example.com.cn  2018年08月03日 10:19:52 星期五  某某快报")
    assert (source.outlet, source.date) == ("某某快报", "2018-08-03")


def test_a_title_naming_a_city_is_about_the_citys_federation_the_article_names_first(gazetteer):
    text = "\n".join(
        [
            "杭州又有30家职工书屋开放",
            "news.example.cn  2019年05月06日 10:00:00 星期一  某某快报",
            "",
            "今年,杭州市总工会新建了30家职工书屋,面向一线职工免费开放。",
            "",
            "如青石街道总工会在打造书屋的同时,还开展了读书分享会。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "杭州市总工会"
    assert (piece.outlet, piece.date) == ("某某快报", "2019-05-06")


def test_a_firms_own_post_naming_its_union_by_the_firms_short_name_proposes_that_union(gazetteer):
    text = "\n".join(
        [
            "职工书屋获评示范点",
            "近日,青山港职工书屋获评市级示范点。",
            "青山港工会持续深化职工书屋建设,把书屋作为职工文化建设的载体。",
            "青山港打造的书屋面积70平方米,配备1台上网电脑。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name == "青山港工会"
    # a township's union printed short is the township's, not a firm's
    text = "\n".join(
        ["青石工会为环卫工人送姜茶", "青石镇总工会的工作人员为环卫工人送上姜茶。青石工会表示将继续开展服务。"]
    )
    assert _pieces(text, gazetteer)[0].unit_name != "青石工会"


def test_a_city_named_in_a_buildings_name_places_no_bare_federation(gazetteer):
    (piece,) = _pieces(
        [
            "工人驿站开进大厦",
            "",
            "新开的工人驿站设在湖城杭州大厦三楼。据介绍,市总工会今年在湖州各区县共布点设站60个。",
        ],
        gazetteer,
    )
    assert piece.unit_name == "湖州市总工会"


def test_a_business_districts_union_named_after_its_street_is_named_once(gazetteer):
    from importing.subject import bare_units

    text = "在海曙区江厦街道天一商圈商业社区党群服务中心,天一商圈工会联合会为骑手送上年货。"
    assert [unit.name for unit in bare_units(text, "", gazetteer)] == ["宁波市海曙区江厦街道天一商圈工会"]


def test_a_county_printed_short_after_the_province_then_a_sentences_words_is_no_union(gazetteer):
    article = "今年以来，桐乡市总工会新建基层工会120家。"
    assert _names("浙江桐乡按下基层工会组建加速键", gazetteer, article=article, unplaced=True) == []
    assert _names("浙江正北物流市场工会联合会成立", gazetteer, article="近日，嘉兴市南湖区一家市场成立工会。") == [
        "浙江正北物流市场工会联合会"
    ]


def test_a_government_department_joined_to_a_federation_is_no_union_name(gazetteer):
    names = _names("近日，温岭市劳动部门和市总工会联合开展工资集体协商指导。", gazetteer)
    assert "温岭市劳动部门和市总工会" not in names
