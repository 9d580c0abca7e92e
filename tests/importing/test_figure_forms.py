"""Figure forms met on blind sets of real pages (sets H and I, kept outside the repository): ranges, session
numbers, rough counts of ten thousand, thousands and hundreds written with an Arabic digit, orders of
magnitude. Every sentence here is written for these tests."""

from importing.extract import figures_in


def _figures(text: str):
    return [(str(f.value), f.unit, f.qualifier) for f in figures_in([(1, text)], default_year=None)]


def test_neither_bound_of_a_range_is_a_figure():
    assert _figures("每户补助500~700元不等。") == []
    assert _figures("每组安排3—5个志愿者。") == []
    assert _figures("全镇计划在10至15家企业试点。") == []
    assert _figures("每场邀请三至五个家庭参加。") == []
    assert _figures("每人发放500元至800元慰问金。") == []
    # a change between two figures is no range: both are stated
    assert _figures("补助标准由3000元提高至3800元。") == [("3000", "元", None), ("3800", "元", None)]
    # a change from one figure to another is stated too; "……不等" is a range again
    assert _figures("全镇工会驿站从2家增加到30家，从8家到15家。") == [
        ("2", "家", None),
        ("30", "家", None),
        ("8", "家", None),
        ("15", "家", None),
    ]
    assert _figures("每户补助从500元至800元不等。") == []
    # a span of years before a figure leaves the figure alone
    assert _figures("2019—2021年新建工会30家。") == [("30", "家", None)]


def test_a_session_number_is_no_count_of_meetings():
    assert _figures("近日,区总工会召开一届七次全委(扩大)会议。") == []
    assert _figures("市总工会十四届三次全委会在杭州召开。") == []
    assert _figures("镇总工会召开三次会员代表大会,选举产生新一届委员会。") == []
    assert _figures("今年共召开全委会3次。") == [("3", "次", None)]


def test_ten_thousand_and_more_in_words_is_a_rough_count():
    assert _figures("全年发放慰问金一万多元,") == [("1", "万元", "余")]
    assert _figures("活动吸引万余名职工参与,") == [("1", "万名", "余")]
    assert _figures("服务职工超万人次,") == [("1", "万人次", "余")]
    assert _figures("已有近万人注册。") == [("1", "万人", "近")]
    # 上万, 数万 and an idiom print no number
    assert _figures("上万名职工参与,数万人受益,千家万户知晓。") == []


def test_thousands_and_hundreds_written_with_an_arabic_digit_are_multiplied_out():
    assert _figures("共有2千余人参加,") == [("2000", "人", "余")]
    assert _figures("走访职工3百多名。") == [("300", "名", "余")]


def test_an_order_of_magnitude_is_no_figure():
    assert _figures("数十家企业参加了招聘会,几千人到场。") == []
    assert _figures("上百名志愿者参与。") == []
    assert _figures("二十多家企业参加。") == [("20", "家", "余")]


def test_months_and_more_are_a_duration():
    assert _figures("历时两个多月,走访了20个社区。") == [("20", "个", None)]


def test_a_numeral_after_a_verb_ending_in_cheng_or_a_count_noun_is_still_a_figure():
    assert _figures("全镇已建成二十余家职工书屋,") == [("20", "家", "余")]
    assert _figures("会员人数三千余名。") == [("3000", "名", "余")]


def test_a_bare_thousand_or_ten_thousand_people_is_a_round_count():
    assert _figures("全市动员万名工会干部上路扫雪。") == [("1", "万名", None)]
    assert _figures("三年内实现千名技术骨干结对。") == [("1000", "名", None)]
    assert _figures("全区外卖骑手在万人以上。") == [("1", "万人", "以上")]
    # a campaign's name, an idiom or a quoted slogan is no count
    assert _figures("开展百名干部进千企活动,落实千人计划,开展“万名职工健步走”。") == []
    assert _figures("工会服务走进千家万户。") == []


def test_a_percentage_in_words_is_a_percentage():
    assert _figures("全镇建会率达百分之九十五以上。") == [("95", "%", "以上")]
    assert _figures("新建工会5家，入会率增长百分之十二点五。") == [("5", "家", None), ("12.5", "%", None)]
    assert _figures("实现“百分之百”全覆盖的目标。") == []  # a slogan in quotes


def test_a_way_of_working_and_a_races_distance_are_no_figures():
    assert _figures("对困难职工实行1人1档、1户1策，开展1对1帮扶。") == []
    assert _figures("比赛设100米跑、4×100米接力和50米自由泳。") == []
    assert _figures("沿河修建了长达2000多米的健身步道，为30位70周岁以上老人送餐。") == [
        ("2000", "米", "余"),
        ("30", "位", None),
    ]


def test_how_a_plan_is_divided_is_no_count():
    assert _figures("围绕4个方面开展工作，从3个层面推进，建成4个驿站。") == [("4", "个", None)]


def test_vehicles_buildings_places_and_rounds_are_counted():
    assert _figures("全市已有1341辆网约车司机入会。") == [("1341", "辆", None)]
    assert _figures("区里建成驿站13座,覆盖8个镇街。") == [("13", "座", None), ("8", "个", None)]
    assert _figures("园区4栋楼宇成立联合工会。") == [("4", "栋", None)]
    assert _figures("开展协商2轮。") == [("2", "轮", None)]
    assert _figures("职工们迈开两条腿走访企业。") == []  # 条 is left alone


def _planned(text: str):
    return [(f.raw, f.planned) for f in figures_in([(1, text)], default_year=None)]


def test_a_goals_or_forecasts_figures_are_read_as_targets_and_never_as_indicators():
    from importing.extract import indicator_codes

    text = "今年全县已建成户外劳动者服务站点12家，力争到2027年建成服务站点60家。"
    assert _planned(text) == [("12家", False), ("60家", True)]
    # the same count done is an indicator; as a goal it is a figure the editor sees, marked, and never classified
    done, goal = figures_in([(1, text)], default_year=None)
    assert indicator_codes(done) == ["service_stations"] and indicator_codes(goal) == []
    assert _planned("预计全年发放慰问金约80万元。") == [("约80万元", True)]
    assert _planned("通过三年的努力，培育技能工匠300名。") == [("300名", True)]
    assert _planned("到2026年底，全市职工入会率将达到92%以上。") == [("92%以上", True)]
    # "截至" counts what is done by a date; a sentence's plan does not reach the next sentence
    assert _planned("截至2024年，全区累计建成驿站36家。") == [("36家", False)]
    assert _planned("计划新建驿站5家。目前已投用3家。") == [("5家", True), ("3家", False)]


def test_a_goals_year_is_not_the_year_of_an_undated_pages_figures(gazetteer):
    from tests.importing.conftest import only_piece

    piece = only_piece(
        [
            "桐庐县总工会推进服务站点建设",
            "  今年以来，桐庐县总工会新建户外劳动者服务站点12家。力争到2026年，全县建成服务站点40家。",
        ],
        gazetteer,
    )
    assert piece.date is None
    assert [(f.raw, f.year) for f in piece.indicators] == [("12家", None), ("40家", 2026)]
