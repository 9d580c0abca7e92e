"""A repost's header: the page's own title over the original's ("原标题：……"), its source and who reposted it
("来源：……", "转载：……", "本文转载自……"). Met on blind sets of real pages (kept outside the repository); every
text here is written for these tests."""

import pytest

from tests.importing.conftest import only_piece as _only

pytestmark = pytest.mark.django_db

TITLE = "城南街道总工会为快递小哥送清凉"
BODY = [
    "7月10日，城南街道总工会在辖区工会驿站开展“送清凉”活动，为120余名快递小哥送去绿豆汤。",
    "据了解，今年以来，城南街道总工会已建成工会驿站8个。",
]


def test_a_reposts_header_keeps_the_pages_title_and_its_article(gazetteer):
    lines = [
        "某某区人民政府门户网站",
        "首页 > 新闻中心 > 部门动态",
        TITLE,
        "原标题：城南街道：清凉驿站暖心 快递小哥点赞",
        "来源：某某日报",
        "转载：区总工会",
        "发布时间：2023-07-12 10:20",
        *BODY,
        "（通讯员 王小明）",
    ]
    piece = _only(lines, gazetteer)
    assert piece.headline == TITLE
    assert piece.subheadline == "城南街道：清凉驿站暖心快递小哥点赞"  # the original's title
    assert (piece.outlet, piece.date, piece.reporters) == ("某某日报", "2023-07-12", ["王小明"])
    assert piece.body.startswith("7月10日")


@pytest.mark.parametrize(
    "line",
    [
        "转载自：某某日报",
        "本文来源：某某日报",
        "本文转载自某某日报",
        "转自：某某日报",
        "转载：区总工会\n来源：某某日报",
    ],
)
def test_a_reposts_source_line_names_the_outlet_and_is_no_title(line, gazetteer):
    piece = _only([TITLE, *line.split("\n"), *BODY], gazetteer)
    assert (piece.headline, piece.subheadline, piece.outlet) == (TITLE, None, "某某日报")


def test_an_original_title_alone_is_still_the_headline(gazetteer):
    piece = _only(["原标题：清凉驿站暖心 快递小哥点赞", "来源：某某日报", *BODY], gazetteer)
    assert piece.headline.replace(" ", "") == "清凉驿站暖心快递小哥点赞"


@pytest.mark.parametrize(
    "header",
    [
        ["2023-07-12 10:20·某某日报", "+关注", "原标题：清凉驿站暖心 快递小哥点赞"],
        ["某某日报 2023-07-12 10:20 发布于浙江", "原标题：清凉驿站暖心 快递小哥点赞"],
        ["2023-07-12 10:20  来源：某某日报", "原标题：清凉驿站暖心 快递小哥点赞", "记者 王明 通讯员 李华"],
    ],
)
def test_an_aggregators_header_keeps_the_pages_title_over_the_originals(header, gazetteer):
    piece = _only([TITLE, *header, *BODY, "举报/反馈"], gazetteer)
    assert (piece.headline, piece.subheadline) == (TITLE, "清凉驿站暖心快递小哥点赞")
    assert (piece.outlet, piece.date) == ("某某日报", "2023-07-12")
    assert "关注" not in piece.body and "举报" not in piece.body
