"""Layouts and bylines met on real pages the project had never seen (the fresh pages of 2026-12-07,
kept outside the repository): each rule is tested on short texts written for these tests."""

import pytest

from importing.bylines import lead, trailing_credit
from importing.sources import meta_line
from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db


def test_a_posting_time_before_the_source_key_dates_the_page_and_a_byline_after_the_outlet_is_read():
    source = meta_line("2020-05-06 09:30  来源:某某在线 通讯员 王一鸣 李小红")
    assert (source.outlet, source.date) == ("某某在线", "2020-05-06")
    assert source.byline.reporters == ["王一鸣", "李小红"]
    source = meta_line("2023年03月08日10:15 | 来源:某网-浙江频道")
    assert (source.outlet, source.date) == ("某网-浙江频道", "2023-03-08")
    assert meta_line("来源:新华网").date is None  # no date printed, none read


def test_a_dateline_with_its_day_and_a_bracketed_credit_after_the_outlet():
    opening = lead("某某在线3月5日讯(某某在线通讯员 王一鸣 李小红)镇总工会走访了辖区企业。")
    assert opening.dateline == "某某在线3月5日讯"
    assert opening.byline.reporters == ["王一鸣", "李小红"]
    assert opening.rest == "镇总工会走访了辖区企业。"


def test_photo_reporting_credits_both_the_story_and_the_photographs():
    body, byline = trailing_credit("职工们在比赛中展示了风采。通讯员王一鸣 记者李小红 摄影报道")
    assert body == "职工们在比赛中展示了风采。"
    assert byline.reporters == byline.photographers == ["王一鸣", "李小红"]


def test_a_credit_opening_with_a_role_may_close_a_paragraph_without_a_tail():
    body, byline = trailing_credit("晚会为建设者送去了欢乐。记者王一鸣、李小红")
    assert body == "晚会为建设者送去了欢乐。"
    assert byline.reporters == ["王一鸣", "李小红"]
    assert trailing_credit("大家都很高兴。通讯员们表示") is None  # a role word in a sentence is no byline


PAGE_TWO_LINE_BYLINE = "\n".join(
    [
        "某某日报 数字报纸",
        "",
        "00002版:工会",
        "",
        "工地上的文艺晚会",
        "",
        "  近日,杭州市总工会在三处建设工地举办文艺晚会,为高温下的建设者送去歌舞节目。记者王一鸣、李小红",
        "",
        "  通讯员张晓东 摄影报道",
        "",
        "某某日报 工会 00002 工地上的文艺晚会 2019-08-02 2 2019年08月02日 星期五",
    ]
)


def test_a_byline_over_two_lines_closed_by_photo_reporting_credits_every_name_with_the_photographs(gazetteer):
    (piece,) = _pieces(PAGE_TWO_LINE_BYLINE, gazetteer)
    assert piece.reporters == ["王一鸣", "李小红", "张晓东"]
    assert piece.photographers == ["王一鸣", "李小红", "张晓东"]
    assert (piece.outlet, piece.page, piece.date) == ("某某日报", "第2版", "2019-08-02")


PAGE_BROWSER_TITLE = "\n".join(
    [
        "区总工会为环卫工人送清凉-某某资讯网",
        "",
        "工作动态",
        "",
        "您当前的位置: 首页 - 工作动态",
        "",
        "区总工会为环卫工人送清凉",
        "",
        "来源:舟山市总工会   发布时间:2021-07-21 10:04",
        "",
        "    近日,舟山市定海区总工会走访辖区环卫站点,为一线环卫工人送去清凉用品。",
        "",
        "1.jpg",
        "",
        "责任编辑:王某",
        "",
        "城市观察",
        "",
        "这是网站推荐的另一篇文章的开头,与本文无关。",
    ]
)


def test_a_browser_title_image_names_and_the_site_below_the_editor_line_are_not_the_article(gazetteer):
    (piece,) = _pieces(PAGE_BROWSER_TITLE, gazetteer)
    assert piece.headline == "区总工会为环卫工人送清凉"
    assert (piece.start_line, piece.end_line) == (7, 11)
    assert "推荐" not in piece.body and "jpg" not in piece.body
    assert (piece.outlet, piece.date) == ("舟山市总工会", "2021-07-21")


PAGE_CAPTION_CELL = "\n".join(
    [
        "驿站里的新年读物",
        "![]() |",
        "| 快递员在户外职工休息点阅读报纸。 |",
        "本报讯 见习记者王一鸣报道 昨日,舟山市总工会为全市的户外职工休息点送去新年报纸。",
        "这些休息点设在银行、车站等营业场所,供户外劳动者歇脚。",
    ]
)


def test_a_photo_caption_set_in_a_table_cell_does_not_split_the_article(gazetteer):
    (piece,) = _pieces(PAGE_CAPTION_CELL, gazetteer)
    assert piece.headline == "驿站里的新年读物"
    assert piece.reporters == ["王一鸣"]
    assert "阅读报纸" not in piece.body


def test_a_bracketed_name_the_segmenter_does_not_know_closes_the_item_as_its_credit(gazetteer):
    text = "为了解基层工会运行情况,5月11日杭州市拱墅区总工会领导走访辖区企业,调研职工书屋建设。\n(许哲程)"
    (piece,) = _pieces(text, gazetteer)
    assert piece.reporters == ["许哲程"]


PAGE_CITY_ONLY = "\n".join(
    [
        "今天是:",
        "",
        "驿站夜间也开放",
        "",
        "发布时间:2024年03月27日",
        "",
        "  杭州的户外劳动者晚上也能在驿站歇脚。这里同时是湖滨街道新就业形态联合工会的活动场所,"
        "市建设工会也在此为环卫职工开展服务。",
        "",
        "主办单位:杭州市总工会",
    ]
)


def test_a_streets_union_named_without_its_county_is_placed_in_the_city_the_page_names(gazetteer):
    """The city from the page's sponsor line; the county from the province's list of streets (湖滨 is 上城区's)."""
    (piece,) = _pieces(PAGE_CITY_ONLY, gazetteer)
    assert piece.unit_names[0] == "杭州市上城区湖滨街道新就业形态联合工会"
    assert (piece.city, piece.county, piece.street) == ("杭州市", "上城区", "湖滨街道")


def test_a_citys_industry_union_named_without_the_city_and_no_sponsor_from_the_footer(gazetteer):
    text = PAGE_CITY_ONLY.replace("这里同时是湖滨街道新就业形态联合工会的活动场所,", "")
    (piece,) = _pieces(text, gazetteer)
    assert piece.unit_names == ["杭州市建设工会"]  # the site's sponsor in its footer is not the article's union


def test_an_area_in_mu_and_a_count_of_sets_are_figures():
    from importing.extract import figures_in

    figures = figures_in([(1, "该地块总面积15亩,驿站设有三组换电柜,一组数据显示")], default_year=None)
    assert [(f.value, f.unit) for f in figures] == [(15, "亩"), (3, "组")]


def test_the_practice_reader_leaves_out_party_volunteers_a_centre_not_yet_built_and_reads_round_the_clock_service():
    from pilots.vocabulary import practices_in

    assert "volunteer_organisation" not in practices_in("在集团党团员志愿者指导下，劳动者们编织五彩绳。")
    assert "hardship_assistance" not in practices_in("中心建成后内设困难职工帮扶平台，提供一条龙服务。")
    assert "staggered_hours" in practices_in("工会驿站的24小时自助服务站已向户外劳动者开放。")


def test_kinds_of_a_new_areas_federation_a_sectors_union_and_an_occupations_joint_union(gazetteer):
    from pilots.models import UnitKind

    assert gazetteer.parse_unit("杭州市钱塘新区总工会").kind == UnitKind.COUNTY_FEDERATION
    assert gazetteer.parse_unit("杭州市建设工会").kind == UnitKind.INDUSTRY_UNION
    assert gazetteer.parse_unit("衢州市衢江区网约送餐员联合工会").kind == UnitKind.INDUSTRY_UNION
    assert gazetteer.parse_unit("杭州市水务集团工会").kind == UnitKind.ENTERPRISE_UNION


def test_a_warmth_campaign_is_help_for_workers_in_difficulty_only_where_its_sentence_names_hardship():
    from pilots.vocabulary import practices_in

    assert "hardship_assistance" not in practices_in("区总工会开展送温暖活动，为环卫工人送上姜汤和手套。")
    assert "hardship_assistance" in practices_in("区总工会开展送温暖活动，为困难职工送上慰问金。")


# Written after the blind run of the fresh held-out pages, from what it missed (so not blind to them).


def test_a_dateline_followed_by_names_without_a_role_closed_by_reporting():
    opening = lead("本报讯 王一鸣报道  近日,某市总工会为困难职工送去慰问金。")
    assert opening.byline.reporters == ["王一鸣"]
    assert opening.rest.startswith("近日")


def test_a_byline_after_an_outlet_and_its_channel():
    from importing.bylines import byline_line

    assert byline_line("某某晚报·小时新闻记者 王一鸣 通讯员 李小红 张晓东").reporters == ["王一鸣", "李小红", "张晓东"]


def test_a_papers_name_with_the_day_and_page_of_the_issue():
    from importing.sources import page_source

    source = page_source(["某某日报 2023年09月22日 星期五", "《某某日报》(2023年09月22日 02版)"])
    assert (source.outlet, source.page, source.date) == ("某某日报", "第2版", "2023-09-22")


def test_a_copy_that_opens_with_its_byline_and_no_headline_is_kept_for_the_editor(gazetteer):
    text = "\n".join(
        [
            "某某晚报·小时新闻记者 王一鸣 通讯员 李小红",
            "近日,本市新就业形态联合工会的标识正式启用。",
            "全市已建成新就业形态联合工会33家。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.reporters == ["王一鸣", "李小红"] and piece.headline is None


# Written after the run of the second blind set (six more fresh pages), from what it missed.


def test_names_without_roles_closed_by_photo_reporting_on_a_line_of_their_own():
    from importing.bylines import byline_line

    credit = byline_line("王一鸣、李小红 摄影报道")
    assert credit.reporters == credit.photographers == ["王一鸣", "李小红"]


def test_another_body_joined_to_the_union_is_no_unions_name(gazetteer):
    assert gazetteer.parse_unit("衢州市住建局和市总工会") is None
    assert gazetteer.parse_unit("衢州市总工会") is not None


def test_months_and_hours_counted_with_ge_are_durations_and_posted_on_is_a_date_key():
    from importing.extract import figures_in

    figures = figures_in([(1, "时间跨度持续达6个月以上，共设58个项目，每次3个小时。")], default_year=None)
    assert [(f.value, f.unit) for f in figures] == [(58, "个")]
    assert meta_line("发表于: 2020-09-10").date == "2020-09-10"


@pytest.mark.parametrize("jump", ["（下转第4版）", "(上接第1版)", "（转A3版）"])
def test_a_newspapers_jump_line_is_not_part_of_the_body(gazetteer, jump):
    text = "\n".join(
        [
            "青石街道总工会开展送清凉",
            "本报讯 记者王一鸣 近日,青石街道总工会为一线职工送去清凉用品。",
            f"街道总工会还走访了12家企业,要求企业做好防暑降温工作。{jump}",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.body.endswith("做好防暑降温工作。") and "版" not in piece.body


def test_an_epaper_title_block_above_a_photo_caption_is_the_title_of_the_story_below(gazetteer):
    text = "\n".join(
        [
            "某某日报 数字报纸",
            "",
            "00002版:要闻",
            "",
            "冬日送温暖 暖到心窝里",
            "",
            "青石街道总工会走访慰问一线职工",
            "",
            "慰问现场。",
            "",
            "  本报讯 记者王一鸣 通讯员李小红报道 近日,青石街道总工会走访慰问了20名一线职工。",
            "",
            "  街道总工会还为职工送去了米、油等慰问品,并了解他们的生活情况。",
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert piece.headline and "冬日送温暖" in (piece.headline + (piece.subheadline or ""))
    assert piece.reporter == "王一鸣、李小红" and "慰问现场" not in piece.body


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("（资料图片仅供参考）", True),
        ("(图片仅供参考)", True),
        ("被推荐:0次被引用:0次被收藏:0次", True),
        ("版面导航", True),
        ("分享至", True),
        ("分享到：", True),
        ("以上数据仅供参考", False),
        ("被推荐为全国模范职工之家", False),
    ],
)
def test_a_pictures_disclaimer_a_sites_counters_and_an_epapers_navigation_are_furniture(line, furniture):
    from importing.furniture import is_site_furniture

    assert is_site_furniture(line) is furniture


@pytest.mark.parametrize("after", ["", "\n责任编辑:陈可"])
def test_names_alone_under_the_last_paragraph_sign_the_article(gazetteer, after):
    """A line of people's names under an article's last paragraph, with nothing of the page below it but its
    desk's line, is the byline ("……精神。\\n王一鸣 李小红"), not the headline of an article with no body."""
    text = "\n".join(
        [
            "日前,柯桥区总工会主席一行走访了区内的重点企业,听取一线职工的意见建议。",
            "区总工会表示,将继续推进产业工人队伍建设改革,今年计划培训技能人才500名。",
            "王一鸣 李小红",
        ]
    )
    (piece,) = _pieces(text + after, gazetteer)
    assert piece.reporters == ["王一鸣", "李小红"]


def test_an_author_field_naming_the_authors_union_first_credits_the_person():
    line = "来源:某某市总工会   作者:{}   发布时间:2023-11-17 10:19"
    assert meta_line(line.format("青石镇总工会王一鸣")).byline.reporters == ["王一鸣"]
    assert not meta_line(line.format("青石镇总工会")).byline  # the union alone is no person


@pytest.mark.parametrize(
    "credits, reporters",
    [
        (["李明 摄"], ["李明"]),  # the item's only credit: its reporter and photographer
        (["（记者 方舟）", "李明 摄"], ["方舟"]),  # beside a text byline: its photographer only
    ],
)
def test_an_items_only_photo_credit_names_its_reporter_too(gazetteer, credits, reporters):
    text = "\n".join(
        [
            "职工篮球赛激战正酣",
            "",
            "  5月20日,青石街道第三届职工篮球赛开赛,比赛由青石街道总工会主办,辖区企业的24支球队参赛。",
            *credits,
        ]
    )
    (piece,) = _pieces(text, gazetteer)
    assert (piece.reporters, piece.photographers) == (reporters, ["李明"])
