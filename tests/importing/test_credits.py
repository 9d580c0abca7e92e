"""The union that signs an article leads it: a union site's item credits the union that wrote it, in the author field
or in brackets under the text. Every text here is written for these tests."""

import pytest

from importing.credits import credited_union
from tests.importing.conftest import only_piece

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "line, union",
    [
        ("作者:衢山镇总工会王明", "衢山镇总工会"),
        ("来源:舟山市总工会   作者:衢山镇总工会王明   发布时间:2023-11-17 10:19", "衢山镇总工会"),
        ("作者：王明（衢山镇总工会）", "衢山镇总工会"),
        ("（秀山乡总工会）", "秀山乡总工会"),
        ("(区总工会 长峙街道总工会)", "区总工会"),
        ("供稿：秀山乡总工会", "秀山乡总工会"),
        ("（衢山镇总工会供稿）", "衢山镇总工会"),
        ("衢山镇总工会 供稿", "衢山镇总工会"),
        ("作者:王明", None),
        ("（记者 王明）", None),
        ("（图为职工在驿站休息）", None),
    ],
)
def test_the_union_an_article_credits(line, union):
    assert credited_union([line], []) == union


def test_a_pages_author_field_counts_only_when_the_page_prints_one():
    page = ["作者:衢山镇总工会王明", "正文", "作者:秀山乡总工会李华"]
    assert credited_union(["正文"], page) is None
    assert credited_union(["正文"], page[:2]) == "衢山镇总工会"


# A county union site's item written by one of its towns: the title names the county, the lead the county's bodies.
TOWN_ITEM = [
    "基层动态",
    "",
    "岱山县又一处户外职工歇脚点投用",
    "",
    "来源:舟山市总工会   作者:衢山镇总工会王明   发布时间:2023-11-17 10:19",
    "",
    "    衢山镇在码头边新设一处户外职工歇脚点,县总工会与镇里共同出资,里面有饮水机、微波炉和雨具。",
    "    中心开业当天,30余名外卖小哥前来休息。",
]


def test_the_town_that_wrote_a_county_sites_item_leads_it(gazetteer):
    piece = only_piece(TOWN_ITEM, gazetteer)
    assert piece.unit_name == "岱山县衢山镇总工会"
    assert "岱山县总工会" in piece.unit_names
    without_credit = only_piece([line.replace("作者:衢山镇总工会王明", "作者:王明") for line in TOWN_ITEM], gazetteer)
    assert without_credit.unit_name == "岱山县总工会"  # no credit: the county the title names
