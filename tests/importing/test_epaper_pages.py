"""Pages of several articles: a headline naming its union or place over a paragraph that opens like a news item
starts the next article even where the articles print no byline. Every text here is written for these tests."""

import pytest

from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db


def test_articles_without_bylines_joined_by_a_blank_line_are_apart(gazetteer):
    lines = [
        "城东街道总工会为环卫工人送清凉",
        "近日，城东街道总工会为辖区120名环卫工人送去绿豆、毛巾等防暑物品。",
        "",
        "某某县总工会举办职工技能大赛",
        "日前，某某县总工会举办第三届职工技能大赛，150余名职工同台竞技。",
        "",
        "新华社区工会举办亲子活动",
        "5月3日，城南街道新华社区工会组织20组职工家庭开展亲子手工活动。",
    ]
    pieces = _pieces(lines, gazetteer)
    assert [p.headline for p in pieces] == [lines[0], lines[3], lines[6]]


def test_a_features_subheadings_naming_no_place_stay_inside_it(gazetteer):
    lines = [
        "小驿站里的大温暖",
        "近日，城东街道总工会在辖区新建的工会驿站正式启用，为户外劳动者提供休息场所。",
        "",
        "冷了热了都能进来歇歇脚",
        "5月3日中午，快递员小王走进驿站，倒上一杯热水。“这里就像家一样。”他说。",
        "",
        "娘家人的贴心服务",
        "近日，驿站还增设了药箱和充电设备，每天接待户外劳动者50余人次。",
    ]
    (piece,) = _pieces(lines, gazetteer)
    assert piece.headline == lines[0]
    assert "冷了热了都能进来歇歇脚" in piece.body


@pytest.mark.parametrize(
    "issue_line", ["2023年5月6日 第3版", "第03版：要闻 2023-05-06 星期六", "2023年05月06日 星期六 | 第3版"]
)
def test_a_line_of_the_issues_day_and_page_dates_the_page_and_is_no_title(issue_line, gazetteer):
    lines = [
        "某某工人日报",
        issue_line,
        "",
        "城东街道总工会为环卫工人送清凉",
        "□记者 李明 通讯员 王小红",
        "近日，城东街道总工会为辖区120名环卫工人送去绿豆、毛巾等防暑物品。",
    ]
    (piece,) = _pieces(lines, gazetteer)
    assert (piece.headline, piece.subheadline) == (lines[3], None)
    assert (piece.outlet, piece.page, piece.date) == ("某某工人日报", "第3版", "2023-05-06")


def test_a_jump_to_another_page_closes_the_article_and_a_jump_from_one_is_no_headline(gazetteer):
    lines = [
        "第03版：基层",
        "“小驿站”撑起“大民生”",
        "本报讯 记者 李明 近日，某某区总工会新建的第50家工会驿站在城东街道揭牌。",
        "据了解，今年以来该区已建成工会驿站50家。（下转第4版）",
        "",
        "职工书屋迎来新书",
        "为丰富职工文化生活，县总工会为全县职工书屋配送图书5000余册。",
    ]
    first, second = _pieces(lines, gazetteer)
    assert (first.headline, second.headline) == ("“小驿站”撑起“大民生”", "职工书屋迎来新书")
    assert "下转" not in first.body
    pieces = _pieces(["（上接第1版）", "该区还建立了驿站运营评价机制。", "", *lines[1:4]], gazetteer)
    assert all(p.headline != "（上接第1版）" and "上接" not in p.body for p in pieces)
