"""Reading figures as printed: numbers in digits and words, multipliers, qualifiers, units."""

from decimal import Decimal

import pytest

from importing.extract import figures_in, indicator_code
from pilots.vocabulary import positions_in


def figures(text: str):
    return [(f.value, f.unit, f.qualifier) for f in figures_in([(1, text)], default_year=2018)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("现有工会会员16.65万名。", (Decimal("16.65"), "万名", None)),
        ("共投入工会经费60万余元。", (Decimal(60), "万元", "余")),
        ("覆盖企业1500余家。", (Decimal(1500), "家", "余")),
        ("现有下属基层工会组织350多家。", (Decimal(350), "家", "余")),
        ("建会率保持在95%以上。", (Decimal(95), "%", "以上")),
        ("面积约300平方米。", (Decimal(300), "平方米", "左右")),
        ("占地80平方米左右。", (Decimal(80), "平方米", "左右")),
        ("近万名职工参与。", (Decimal(1), "万名", "近")),
        ("居民已近7000名。", (Decimal(7000), "名", "近")),
        ("开展十余场活动。", (Decimal(10), "场", "余")),
        ("组建三个服务队。", (Decimal(3), "个", None)),
        ("增选两名兼职副主席。", (Decimal(2), "名", None)),
        ("参与人次超过2000人。", (Decimal(2000), "人", "余")),
        ("全街道新建工会三十二家。", (Decimal(32), "家", None)),
        ("吸纳会员一千余名。", (Decimal(1000), "名", "余")),
        ("服务职工两万人次。", (Decimal(2), "万人次", None)),
        ("带动全市近百个项目参与竞赛。", (Decimal(100), "个", "近")),
        ("十余位年轻职工围坐在一起。", (Decimal(10), "位", "余")),
        ("街道总工会还配备了一名专职工会协管员。", (Decimal(1), "名", None)),
        ("今年共举办职工技能培训班12期。", (Decimal(12), "期", None)),
        ("他共为村老年协会出黑板报1601期。", (Decimal(1601), "期", None)),
        ("相关线上品牌专栏自去年8月开播以来，已推送70期内容。", (Decimal(70), "期", None)),
    ],
)
def test_a_figure_is_read_with_its_unit_and_qualifier_as_printed(text, expected):
    assert figures(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "以“1+14+N”为模式。",  # a model name, read as positions instead
        "设5至7名委员。",  # a range, not one figure
        "打造“三个点”品牌。",  # a name in quotes
        "一是突出重点企业。",  # an enumeration
        "全国百家示范工会。",  # an idiom
        "凝聚在一起。",
        "2018年4月24日成立。",  # a date
        "25人以上非公企业建会率。",  # the legal threshold, not a figure
        "小徐是一名外卖员。",  # an article, not a count
        "为社会贡献出自己的一份力量。",
        "努力使每一名困难职工子女不因贫辍学。",
        "重点做好建设、管理、服务三项工作。",  # a sum of what the sentence lists
        "由数据采集层、数据展现层等四个层级构成。",
        "分三个片区开展互学互比。",
        "百人齐唱。",  # a round idiom, not a count
        "二期工程投入使用。",  # a phase, not issues
        "每星期出两期黑板报。",  # a rate
        "本刊2018年第5-6期。",  # an issue number
        "共分三期实施。",  # no course or bulletin named: the phrase does not support a count
    ],
)
def test_numbers_that_are_not_figures_are_left_out(text):
    assert [f for f in figures_in([(1, text)], default_year=2018) if f.unit != "%"] == []


def test_a_figure_broken_over_two_column_lines_keeps_the_line_its_number_starts_on():
    found = figures_in([(10, "现有工会会员16.65万"), (12, "名，覆盖企业")], default_year=2018)
    assert [(f.line, f.value, f.unit, f.normalised) for f in found] == [(10, Decimal("16.65"), "万名", Decimal(166500))]


def test_the_year_comes_from_the_sentence_or_the_publication():
    stated, default = figures_in([(1, "仅2017年便成功配对了562对。今年新建工会9家。")], default_year=2018)
    assert (stated.year, default.year) == (2017, 2018)


def test_figures_are_classified_into_standard_indicators_by_their_words():
    classified = {
        f.raw: indicator_code(f)
        for f in figures_in(
            [(1, "企业建会率95%以上，兼职副主席2名，工会会员4.5万名，调解成功率98.8%，投入50万元，服务站11个。")],
            default_year=2018,
        )
    }
    assert classified == {
        "95%以上": "union_founding_rate",
        "2名": "parttime_vice_chairs",
        "4.5万名": "members",
        "98.8%": "mediation_success_rate",
        "50万元": "funds_invested",
        "11个": "service_stations",
    }


def test_position_structures_are_read_as_centre_stations_and_points():
    assert positions_in("形成“1+10+N”服务阵地和“1+8+15”阵地，另有“2+4+X”工作班子") == [
        {"label": "1+10+N", "centre": 1, "stations": 10, "points": None},
        {"label": "1+8+15", "centre": 1, "stations": 8, "points": 15},
    ]
