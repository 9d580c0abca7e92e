"""A compilation page the repository has never seen: the rules follow layout, not known pieces."""

from decimal import Decimal

import pytest

from importing.pipeline import parse_source

pytestmark = pytest.mark.django_db

BODY = "该镇工会坚持党建带工建，整合资源建设服务阵地，为辖区职工提供学习、维权、文体等服务，"

# Written for this test: a feature with its byline mid-piece, then two sketches (the first with
# a headline ending its page, the second without), a caption, page numbers and issue furniture.
PAGE = "\n\n".join(
    [
        " 新市镇地处德清县东部，现有企",
        "业工会120家，会员1.2万名，建会",
        *[BODY[i : i + 13] for i in range(0, len(BODY), 13)] * 3,
        "德清县新市镇总工会",
        "古镇新韵 服务暖心",
        "■特约记者 林一舟",
        *[BODY[i : i + 13] for i in range(0, len(BODY), 13)] * 3,
        "率达到98%。",
        "重点报道：市、县（市、区）级试点",
        "71",
        "乡镇振兴篇",
        " 良渚街道总工会以“1+12+N”阵",
        "地为依托，建成职工服务站12个，",
        *[BODY[i : i + 13] for i in range(0, len(BODY), 13)] * 2,
        "▲图为职工书屋一角",
        "开展活动三十余场。",
        "杭州市余杭区良渚街道总工会",
        "“阵地”连起 服务到家",
        "速写：市、县（市、区）级试点",
        "2019年第3期",
        " 海宁市许村镇总工会下辖工会",
        "组织45家，其中联合工会6家。",
        *[BODY[i : i + 13] for i in range(0, len(BODY), 13)] * 2,
        "今年投入经费15万元。",
        "海宁市许村镇总工会",
        "速写：市、县（市、区）级试点",
    ]
)


@pytest.fixture(scope="module")
def parsed(gazetteer):
    return parse_source(PAGE.encode("gb18030"), name="townships.txt", gazetteer=gazetteer)


def test_it_finds_each_piece_with_its_column(parsed):
    assert parsed.format == "compilation"
    assert [(p.section, p.unit_name) for p in parsed.pieces] == [
        ("feature", "德清县新市镇总工会"),
        ("sketch", "杭州市余杭区良渚街道总工会"),
        ("sketch", "海宁市许村镇总工会"),
    ]


def test_units_get_places_and_kind_from_the_gazetteer(parsed):
    township = parsed.pieces[0]
    assert (township.city, township.county, township.street, township.unit_kind) == (
        "湖州市",
        "德清县",
        "新市镇",
        "township_federation",
    )
    assert parsed.pieces[2].city == "嘉兴市"


def test_headlines_and_bylines_are_read_where_the_layout_prints_them(parsed):
    assert [(p.headline, p.reporter) for p in parsed.pieces] == [
        ("古镇新韵 服务暖心", "林一舟"),
        ("“阵地”连起 服务到家", None),
        (None, None),
    ]


def test_figures_positions_and_furniture(parsed):
    feature, sketch, last = parsed.pieces
    assert [(f.value, f.unit) for f in feature.indicators][:2] == [
        (120, "家"),
        (Decimal("1.2"), "万名"),
    ]
    assert sketch.positions == [{"label": "1+12+N", "centre": 1, "stations": 12, "points": None}]
    assert ("三十", "场") not in [(f.raw, f.unit) for f in sketch.indicators]
    assert [(int(f.value), f.unit, f.qualifier) for f in sketch.indicators][-1] == (30, "场", "余")
    assert "图为" not in sketch.body and "2019年第3期" not in last.body
    assert parsed.volume == "townships" and parsed.year == 2019


def test_sketches_whose_column_labels_were_lost_are_still_told_apart(gazetteer):
    text = "\n\n".join(
        [
            *[BODY[i : i + 13] for i in range(0, len(BODY), 13)] * 4,
            "今年新建工会8家。",
            "海宁市许村镇总工会",
            *[BODY[i : i + 13] for i in range(0, len(BODY), 13)] * 4,
            "会员人数达到1200人。",
            "德清县新市镇总工会",
        ]
    )
    parsed = parse_source(text.encode(), name="sketches.txt", gazetteer=gazetteer)
    assert parsed.format == "compilation"
    assert [(p.section, p.unit_name, [int(f.value) for f in p.indicators]) for p in parsed.pieces] == [
        ("sketch", "海宁市许村镇总工会", [8]),
        ("sketch", "德清县新市镇总工会", [1200]),
    ]
