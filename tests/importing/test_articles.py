"""Article files: headings, "UNIT：HEADLINE" headings, speaker lines and subheadlines."""

import pytest

from importing.pipeline import parse_source
from tests.conftest import seed_path

pytestmark = pytest.mark.django_db


def parse(name, gazetteer):
    return parse_source(seed_path(name).read_bytes(), name=name, gazetteer=gazetteer)


def test_auto_detects_an_article_file_and_splits_it_at_its_headings(gazetteer):
    parsed = parse("001_e2de244b57a95646.txt", gazetteer)
    assert parsed.format == "article"
    assert [(p.start_line, p.headline) for p in parsed.pieces][:2] == [
        (5, "改革创新，打造工会工作新格局"),  # the web copy's ASCII comma typeset as the body's
        (37, "用好大数据 大力抓组建"),
    ]
    assert len(parsed.pieces) == 6
    assert parsed.pieces[2].subheadline == "探索深化区域性劳动人事争议联合调解工作实践"
    assert parsed.pieces[4].unit_name == "温岭市总工会" and parsed.pieces[4].headline == "攻坚基层工会阵地建设"


def test_speaker_lines_start_a_report_whose_heading_was_lost(gazetteer):
    parsed = parse("002_0907fe6ce09f4ea2.txt", gazetteer)
    assert [(p.start_line, p.unit_name) for p in parsed.pieces] == [
        (7, "杭州市总工会"),
        (55, "德清县总工会"),
        (87, "金华市总工会"),
        (127, "舟山市总工会"),
        (153, "温州市总工会"),
    ]
    assert parsed.pieces[0].city == "杭州市" and parsed.pieces[0].unit_kind == "city_federation"
    assert parsed.pieces[1].county == "德清县" and parsed.pieces[1].unit_kind == "county_federation"


def test_the_document_title_and_its_subtitle_are_not_a_piece(gazetteer):
    parsed = parse("002_0907fe6ce09f4ea2.txt", gazetteer)
    assert all(piece.headline != "不忘初心干在实处 勇立潮头走在前列" for piece in parsed.pieces)


NEWSPAPER = """大调研·样本

温岭市城东街道职工驿站启用

本报讯（记者 王明 通讯员 李华）近日，城东街道总工会建成职工驿站5个，服务户外职工3000余人次。

驿站配有饮水、充电和休息设施。

龙游县龙洲街道开展技能比武

记者赵亮报道

龙洲街道总工会举办技能比武，120名职工参赛。
"""


def test_a_newspaper_page_without_headings_splits_at_its_bylines(gazetteer):
    parsed = parse_source(NEWSPAPER.encode("utf-8"), name="paper.txt", gazetteer=gazetteer)
    assert parsed.format == "article"
    assert [(p.headline, p.reporter, p.unit_name) for p in parsed.pieces] == [
        ("温岭市城东街道职工驿站启用", "王明、李华", "温岭市城东街道总工会"),
        ("龙游县龙洲街道开展技能比武", "赵亮", "龙游县龙洲街道总工会"),
    ]
    first = parsed.pieces[0]
    assert first.body.startswith("近日，城东街道总工会建成职工驿站5个")
    assert [(int(f.value), f.unit, f.qualifier) for f in first.indicators] == [(5, "个", None), (3000, "人次", "余")]
