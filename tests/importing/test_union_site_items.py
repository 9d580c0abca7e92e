"""A union site's news item: headline, posting time and counter, text, and a credit in brackets naming the
bodies that sent it and perhaps who wrote it. Every text here is written for these tests."""

import pytest

from importing.bylines import org_credit
from tests.importing.conftest import only_piece as _only

pytestmark = pytest.mark.django_db

TITLE = "城西街道总工会开展职工趣味运动会"
BODY = [
    "5月10日，城西街道总工会在街道文体中心举办职工趣味运动会，辖区18家企业的200余名职工参加。",
    "运动会设拔河、跳绳、托球跑等6个项目。",
]


@pytest.mark.parametrize(
    "credit, reporters, photographers",
    [
        ("（城西街道总工会 王小红）", ["王小红"], []),
        ("（区总工会 城西街道总工会 王小红 李明）", ["王小红", "李明"], []),
        ("（城西街道 李明 文/图）", ["李明"], ["李明"]),
        ("（区总工会 城西街道总工会）", [], []),
    ],
)
def test_a_bracketed_credit_of_bodies_then_names_credits_the_names(credit, reporters, photographers, gazetteer):
    lines = [TITLE, "发布时间：2023-05-12　　浏览次数：326", *BODY, credit, "上一篇：区总工会开展送清凉活动"]
    piece = _only(lines, gazetteer)
    assert (piece.headline, piece.date) == (TITLE, "2023-05-12")
    assert (piece.reporters, piece.photographers) == (reporters, photographers)
    assert "城西街道总工会 " not in piece.body and not piece.body.rstrip().endswith("）")
    # closing the last paragraph, the credit is read the same
    glued = [TITLE, "发布时间：2023-05-12", BODY[0], BODY[1] + credit]
    assert _only(glued, gazetteer).reporters == reporters or not reporters


def test_a_bracket_of_bodies_is_no_person_and_a_bracket_of_words_no_credit():
    assert org_credit("（区总工会 城西街道总工会供稿）") is not None
    assert not org_credit("（区总工会 城西街道总工会供稿）")
    assert org_credit("（城西街道 开展活动）") is None
    assert org_credit("（王小红 李明）") is None  # names alone: another shape (names_only)


@pytest.mark.parametrize(
    "meta, outlet",
    [
        ("【发布时间：2023-05-12】", None),
        ("[ 2023-05-12 ]", None),
        ("【字体：大 中 小】 2023-05-12", None),
        ("所属栏目：工会动态 发布时间：2023-05-12", None),
        ("作者：佚名 来源：本站 发布时间：2023-5-12 9:30:12", None),
        ("2023-05-12 | 某某日报", "某某日报"),
    ],
)
def test_a_union_sites_date_line_in_its_many_shapes_dates_the_item(meta, outlet, gazetteer):
    piece = _only([TITLE, meta, *BODY], gazetteer)
    assert (piece.headline, piece.subheadline, piece.date, piece.outlet) == (TITLE, None, "2023-05-12", outlet)
    assert piece.reporters == []  # 佚名 is no one's name


@pytest.mark.parametrize("title", [[], [TITLE]])
def test_a_wechat_accounts_name_over_its_time_line_is_the_outlet_not_the_headline(title, gazetteer):
    lines = [*title, "某某街道工会", "2023-05-12 09:30 发表于浙江", "点击蓝字 关注我们", *BODY, "编辑：王小红"]
    piece = _only(lines, gazetteer)
    assert (piece.headline, piece.outlet, piece.date) == (title[0] if title else None, "某某街道工会", "2023-05-12")
    assert piece.reporters == []


def test_a_columns_name_over_the_date_line_gives_way_to_the_headline_under_it(gazetteer):
    piece = _only(["工会动态", "2023-05-12", TITLE, *BODY], gazetteer)
    assert (piece.headline, piece.date, piece.start_line) == (TITLE, "2023-05-12", 3)


def test_the_author_field_ends_where_the_sites_buttons_begin(gazetteer):
    piece = _only([TITLE, "2023-05-12 来源：某某日报 作者：王小红 【大 中 小】", *BODY], gazetteer)
    assert (piece.reporters, piece.outlet) == (["王小红"], "某某日报")
