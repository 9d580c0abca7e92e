"""Which union an article is about, its main unit first, and how the names it proposes are bounded: general rules
written from the kinds of miss met once each on blind sets of real pages (kept outside the repository). Every text
here is written for these tests."""

import pytest

from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db


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
    assert piece.unit_names == ["杭州市上城区湖滨街道总工会", "杭州市总工会"]


def test_without_a_street_in_the_title_the_host_of_the_event_still_leads(gazetteer):
    text = "\n".join(
        [
            "社区职工运动会开幕",
            "",
            "本报讯 10月12日，由杭州市总工会主办、湖滨街道总工会承办的社区职工运动会开幕。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市总工会", "杭州市上城区湖滨街道总工会"]


def test_a_streets_name_of_three_characters_after_a_mark_is_read_whole_with_the_city_the_page_names(gazetteer):
    text = "\n".join(
        [
            "米市巷街道总工会开展送清凉活动",
            "",
            "本报讯 近日，米市巷街道总工会走进工地，为一线职工送去清凉。杭州市总工会有关负责人参加。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市拱墅区米市巷街道总工会", "杭州市总工会"]
    assert piece.street == "米市巷街道"


def test_a_verb_of_one_character_before_a_streets_name_is_not_part_of_it(gazetteer):
    from importing.naming import proper_name_before

    assert proper_name_before("让湖滨") == "湖滨"
    assert proper_name_before("米市巷") == "米市巷"
    assert proper_name_before("全市") is None


def test_an_article_about_a_streets_workers_that_names_no_union_is_about_that_streets_federation(gazetteer):
    text = "\n".join(
        [
            "米市巷街道举办首届职工技能比武",
            "",
            "本报讯 近日，拱墅区米市巷街道举办首届职工技能比武大赛，辖区20余家企业的120名职工参加。",
            "比赛设置了电工、焊工两个项目。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市拱墅区米市巷街道总工会"]
    assert (piece.county, piece.street, piece.unit_kind) == ("拱墅区", "米市巷街道", "street_federation")


def test_a_township_named_without_its_county_is_placed_by_the_outlets_county(gazetteer):
    text = "\n".join(
        [
            "打造职工一刻钟服务圈",
            "",
            "江北新闻网讯 近日，洪塘街道打造职工一刻钟服务圈，建成服务站点12个。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["宁波市江北区洪塘街道总工会"]


def test_an_article_naming_no_union_and_no_workers_gets_no_street_federation(gazetteer):
    from importing.subject import implied_federation

    title, lead = "湖滨街道开展垃圾分类宣传", "本报讯 近日，湖滨街道开展垃圾分类宣传。"
    assert implied_federation(title, lead, lead, gazetteer, "来源:某某工会") == []
    assert implied_federation("城镇职工医保参保率提升", "本报讯 城镇职工……", "本报讯 城镇职工……", gazetteer) == []


def test_a_photo_storys_unions_named_only_in_its_captions_are_its_units_in_the_order_the_article_prints_them(
    gazetteer,
):
    text = "\n".join(
        [
            "某某晚报记者 李明 通讯员 王芳",
            "杭州的骑手们有了一本自己的口袋书。",
            "口袋书由转塘新就业形态联合工会牵头编写,收录了20处歇脚点。",
            "▲古荡街道新就业形态联合工会的志愿者在发放口袋书。",
            "▲凯旋街道新就业形态联合工会的歇脚点里,骑手在给手机充电。",
            "编写者说,下一版还会加上各处的开放时间。",
            "▲转塘街道新就业形态联合工会的工作人员在核对地址。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == [
        "杭州市西湖区转塘街道新就业形态联合工会",  # printed first without its level (转塘新就业形态联合工会)
        "杭州市西湖区古荡街道新就业形态联合工会",
        "杭州市江干区凯旋街道新就业形态联合工会",  # streets the gazetteer places, on a page naming no county
    ]


def test_industries_listed_before_one_union_word_are_one_union_each_placed_where_the_sentence_says(gazetteer):
    from importing.naming import units_named

    text = "去年秋天，嘉兴先后组建了快递行业、物流行业工会联合会，两家共吸纳会员三千人。"
    assert [u.name for u in units_named(text, gazetteer)] == ["嘉兴市快递行业工会联合会", "嘉兴市物流行业工会联合会"]
    text = "近日，安吉县成立网约车行业、家政行业联合工会。"
    assert [u.name for u in units_named(text, gazetteer)] == ["安吉县网约车行业联合工会", "安吉县家政行业联合工会"]
    # a sentence's verb is no industry's name
    assert units_named("近日，全县推进行业、区域工会联合会建设。", gazetteer) == []


def test_a_title_naming_a_city_whose_article_speaks_of_the_whole_city_is_about_the_citys_federation(gazetteer):
    text = "\n".join(
        [
            "嘉兴三年内再添200家职工书屋",
            "",
            "本报讯 我市日前印发职工书屋建设方案，明确在全市新建书屋200家。",
            "南湖区总工会表示，南湖区总工会今年先建30家。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["嘉兴市总工会", "嘉兴市南湖区总工会"]
    # an article that never speaks of the whole city stays with the union it names
    (piece,) = _pieces(text.replace("我市", "南湖区").replace("在全市", "在辖区"), gazetteer)
    assert piece.unit_names == ["嘉兴市南湖区总工会"]


def test_a_title_naming_a_district_whose_article_speaks_of_the_whole_city_is_not_about_the_district(gazetteer):
    text = "\n".join(
        [
            "南湖区将建30家职工书屋",
            "",
            "本报讯 今年以来，全市建成职工书屋200家，东栅街道总工会已建成书屋3家。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_name != "嘉兴市南湖区总工会"
    # one that speaks of the whole district is about the district's federation
    (piece,) = _pieces(text.replace("全市", "全区"), gazetteer)
    assert piece.unit_names == ["嘉兴市南湖区总工会", "嘉兴市南湖区东栅街道总工会"]


def test_a_sectors_union_is_an_industry_union_and_a_characteristic_town_is_no_township(gazetteer):
    assert gazetteer.parse_unit("嘉兴市旅贸工会").kind == "industry_union"
    assert gazetteer.parse_unit("台州市科教文卫工会").kind == "industry_union"
    town = gazetteer.parse_unit("杭州市余杭区梦想小镇工会联合会")
    assert (town.street, town.kind) == (None, "town_federation")
    assert gazetteer.parse_unit("杭州市余杭区瓶窑镇总工会").kind == "township_federation"


def test_a_citys_sector_union_named_without_the_city_leads_the_federation_named_in_passing(gazetteer):
    text = "\n".join(
        [
            "市旅贸工会开展送清凉活动",
            "",
            "本报讯 7月10日，市旅贸工会走进景区，慰问一线职工。嘉兴市总工会相关负责人参加活动。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["嘉兴市旅贸工会", "嘉兴市总工会"]
    assert piece.unit_kind == "industry_union"


def test_a_firms_union_by_the_firms_short_name_is_listed_beside_the_federation_that_visits_it(gazetteer):
    text = "\n".join(
        [
            "拱墅区总工会走进建华 送上夏日清凉",
            "",
            "本报讯 7月15日，拱墅区总工会领导一行走进建华，看望高温下坚守岗位的职工。",
            "建华工会主席介绍，建华工会今年为职工办了10件实事。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市拱墅区总工会", "建华工会"]
    # a title naming the firm and no union: the firm's union leads
    (piece,) = _pieces(text.replace("拱墅区总工会走进建华", "建华职工乐享清凉"), gazetteer)
    assert piece.unit_names == ["建华工会", "杭州市拱墅区总工会"]


def test_a_common_word_or_a_manner_before_the_union_word_is_no_firm_beside_a_federation(gazetteer):
    text = "\n".join(
        [
            "拱墅区总工会推进智慧工会建设",
            "",
            "本报讯 近日，拱墅区总工会推进智慧工会建设，智慧服务覆盖全区。",
            "各企业要切实履行工会职责，公司工会要做好服务，公司为职工办实事。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市拱墅区总工会"]


def test_a_county_the_body_names_for_another_example_does_not_place_a_bare_street(gazetteer):
    text = "\n".join(
        [
            "彭埠街道职工之家揭牌",
            "",
            "本报讯 近日，彭埠街道总工会职工之家正式揭牌。",
            "据介绍，彭埠街道借鉴萧山区总工会的做法，建成职工书屋一处。",
            "",
            "来源：江干新闻网",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names[0] == "杭州市江干区彭埠街道总工会"


def test_a_county_printed_in_the_streets_own_sentence_places_it(gazetteer):
    from importing.naming import units_named

    text = "萧山区总工会有关负责人介绍了经验。在江干区，彭埠街道总工会建成职工书屋一处。"
    assert [u.name for u in units_named(text, gazetteer)] == ["杭州市萧山区总工会", "杭州市江干区彭埠街道总工会"]


def test_what_a_sentence_says_of_an_industrys_union_between_its_place_and_its_industry_is_no_part_of_its_name(
    gazetteer,
):
    from importing.naming import units_named

    def names(text):
        return [u.name for u in units_named(text, gazetteer)]

    assert names("近日，宁波市首个快递行业工会联合会在镇海成立。") == ["宁波市快递行业工会联合会"]
    assert names("鄞州区新成立的网约车司机联合工会吸纳会员80名。") == ["宁波市鄞州区网约车司机联合工会"]
    assert names("海曙区首家楼宇联合工会揭牌。") == []  # a building's union: its own name is not printed
    assert names("近日，萧山区首个镇街新就业形态联合工会成立。") == []  # 镇街: towns and streets, no industry


def test_an_article_about_a_countys_or_a_citys_workers_that_names_no_union_is_about_its_federation(gazetteer):
    text = "\n".join(["安吉县举办首届职工技能大赛", "", "本报讯 近日，安吉县举办首届职工技能大赛，300余名职工参赛。"])
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["安吉县总工会"]
    text = "\n".join(["杭州为一线职工送清凉", "", "本报讯 7月10日，杭州启动夏季送清凉活动，覆盖一线职工10万人。"])
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市总工会"]
    # a county printed short is no sign (西湖 is a lake too): the page names no union, the editor gives it
    (piece,) = _pieces("\n".join(["西湖边的职工音乐会", "", "本报讯 近日，一场职工音乐会在西湖边举行。"]), gazetteer)
    assert piece.unit_names == [] and any("没有识别出所属单位" in warning for warning in piece.warnings)


def test_a_townships_name_ending_in_shi_is_a_name_while_a_determiner_before_shi_is_none(gazetteer):
    from importing.naming import units_named

    def names(text):
        return [u.name for u in units_named(text, gazetteer)]

    text = "3月8日，新市镇工会第二次会员代表大会召开。德清县总工会副主席到会指导。"
    assert names(text) == ["德清县新市镇总工会", "德清县总工会"]  # a township's union is its 总工会
    assert names("德清县总工会要求，全市镇工会、我市街道总工会做好服务。") == ["德清县总工会"]


def test_a_district_compared_with_the_whole_city_keeps_its_own_union_first(gazetteer):
    text = "\n".join(
        [
            "嘉兴这个区让快递小哥有了家",
            "",
            "本报讯 近日，南湖区总工会建成全市首个快递小哥驿站，相关做法将在全市推广。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["嘉兴市南湖区总工会"]


def test_a_street_named_with_shou_is_a_name_and_a_sentences_adverb_before_the_street_word_is_none(gazetteer):
    from importing.naming import units_named

    def names(text):
        return [u.name for u in units_named(text, gazetteer)]

    assert names("日前鄞州区首南街道总工会联合辖区企业举办招聘会。") == ["宁波市鄞州区首南街道总工会"]
    text = "截至目前，全区已有街道总工会12家，其中西兴街道总工会会员最多。滨江区总工会表示。"
    assert names(text) == ["杭州市滨江区西兴街道总工会", "杭州市滨江区总工会"]
    assert names("萧山区首家镇街新就业形态联合工会成立。") == []


@pytest.mark.parametrize("before", ["联合", "携手", "今年以来", "依托", "让", "帮助", "近日，"])
def test_a_three_character_streets_name_after_a_sentences_words_is_read_whole_never_cut(gazetteer, before):
    from importing.naming import units_named

    text = f"本报讯 {before}集士港镇总工会为职工送清凉。"
    assert [u.name for u in units_named(text, gazetteer, context="海曙区")] == ["宁波市海曙区集士港镇总工会"]


@pytest.mark.parametrize("before", ["近日", "记者从", "联合", "让", "帮助"])
def test_the_words_before_a_communitys_name_are_no_part_of_it(gazetteer, before):
    from importing.naming import units_named

    text = f"本报讯 {before}红菱社区工会联合会举办活动。"
    named = units_named(text, gazetteer, context="江干区", article=f"{text}江干区")
    assert [u.name for u in named] == ["杭州市江干区红菱社区工会联合会"]


def test_a_streets_body_union_named_without_its_county_is_placed_in_the_county_the_page_names(gazetteer):
    from importing.naming import units_named

    text = "本报讯 近日，集士港镇机关工会举办职工趣味运动会。海曙区总工会有关负责人到场。"
    assert [u.name for u in units_named(text, gazetteer)] == ["宁波市海曙区集士港镇机关工会", "宁波市海曙区总工会"]
    # a sentence about a street's unions is no body's name
    text = "海曙区总工会介绍，集士港镇共新建基层工会12家。"
    assert [u.name for u in units_named(text, gazetteer)] == ["宁波市海曙区总工会"]


def test_a_village_with_a_two_character_name_has_a_union_while_a_kind_of_village_has_none(gazetteer):
    from importing.naming import units_named

    def names(text):
        return [u.name for u in units_named(text, gazetteer, context="临平区", article=f"{text}临平区")]

    assert names("本报讯 近日，东湖村联合工会举办职工运动会。") == ["杭州市临平区东湖村联合工会"]
    assert names("近日，全区行政村工会实现全覆盖，该村工会、全村工会会员参加活动。") == []


def test_of_the_unions_only_the_body_names_the_one_it_prints_most_often_leads(gazetteer):
    text = "\n".join(
        [
            "职工之家焕新升级",
            "",
            "本报讯 近日，记者走进拱墅区一家刚改造完的职工之家。",
            "去年，东新街道总工会曾率先建成示范点。",
            "今年，石桥街道总工会投入20万元改造阵地。石桥街道总工会主席说，石桥街道总工会还将增设书屋。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names[0] == "杭州市拱墅区石桥街道总工会"
    assert set(piece.unit_names) == {"杭州市拱墅区石桥街道总工会", "杭州市拱墅区东新街道总工会"}


def test_a_title_naming_the_provincial_federation_makes_it_the_main_unit(gazetteer):
    text = "\n".join(
        [
            "省总工会召开劳模工作推进会",
            "",
            "本报讯 3月5日，省总工会召开劳模工作推进会，总结去年劳模服务工作。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names[:1] == ["浙江省总工会"]
    assert (piece.city, piece.county, piece.unit_kind) == (None, None, None)


def test_a_provincial_contest_leads_with_the_provincial_federation_among_its_hosts(gazetteer):
    text = "\n".join(
        [
            "省“金桥”杯焊工技能大赛举行",
            "",
            "本报讯 5月8日，浙江省“金桥”杯焊工技能大赛举行。大赛由省人社厅、省总工会、嘉善县总工会联合主办。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["浙江省总工会", "嘉善县总工会"]


def test_a_provincial_list_under_a_county_title_stays_the_county_s(gazetteer):
    text = "\n".join(
        [
            "省“最美职工书屋”名单公布",
            "",
            "嘉善4家书屋入选",
            "",
            "本报讯 近日，省总工会公布“最美职工书屋”名单，嘉善县总工会推荐的4家书屋入选。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names[:1] == ["嘉善县总工会"]


def test_a_bare_city_federation_is_the_article_s_city_not_a_county_city_another_article_names(gazetteer):
    text = "\n".join(
        [
            "平湖职工趣味运动会开幕",
            "",
            "  本报讯 近日，平湖市总工会举办职工趣味运动会，全市30支队伍参加。",
            "",
            "",
            "湖州“巧匠”比技能",
            "",
            "  近日，湖州市吴兴区的一处厂房里，来自该市8支代表队的32名电工进行了一场技能竞赛。",
            "  这次竞赛由湖州市人社局和市总工会联合主办。",
        ]
    )
    pieces = _pieces(text, gazetteer)
    assert [p.unit_names[:1] for p in pieces] == [["平湖市总工会"], ["湖州市总工会"]]


def test_a_bare_city_federation_beside_a_district_s_is_listed_after_it(gazetteer):
    text = "\n".join(
        [
            "拱墅区举办产业工人技能节",
            "",
            "  本报讯 11月3日，拱墅区总工会举办首届产业工人技能节。",
            "  杭州市政协副主席、市总工会主席陈某某说，技能节为一线职工搭建了舞台。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市拱墅区总工会", "杭州市总工会"]


def test_a_firm_s_union_printed_in_full_too_is_proposed_by_its_full_name(gazetteer):
    text = "\n".join(
        [
            "湖滨街道新添一支职工志愿队",
            "",
            "  本报讯 6月3日，在杭州市金帆电器有限公司，湖滨街道总工会指导的金帆电器工会志愿队成立，"
            "来自金帆电器有限公司工会的12名会员成为首批队员。",
            "  金帆电器工会志愿队今后将每月开展一次活动。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市上城区湖滨街道总工会", "金帆电器有限公司工会"]


def test_without_a_headline_the_union_the_lead_names_first_leads_a_more_specific_one_it_names_after(gazetteer):
    text = "\n".join(
        [
            "发布时间：2024-06-18",
            "",
            "  6月16日，梧桐街道总工会、梧桐街道新就业形态联合工会在桐乡市梧桐街道为骑手送去防暑用品。",
            "  活动中，梧桐街道新就业形态联合工会发布了五项关爱措施。",
            "  梧桐街道新就业形态联合工会今年已吸纳八十名骑手入会。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.headline is None
    assert piece.unit_name == "桐乡市梧桐街道总工会"
