"""Article files: headings, "UNIT：HEADLINE" headings, speaker lines and subheadlines."""

import pytest

from pilots.importing.pipeline import parse_source
from tests.conftest import seed_path

pytestmark = pytest.mark.django_db


def parse(name, gazetteer):
    return parse_source(seed_path(name).read_bytes(), name=name, gazetteer=gazetteer)


def test_auto_detects_an_article_file_and_splits_it_at_its_headings(gazetteer):
    parsed = parse("001_e2de244b57a95646.txt", gazetteer)
    assert parsed.format == "article"
    assert [(p.start_line, p.headline) for p in parsed.pieces][:2] == [
        (5, "改革创新,打造工会工作新格局"),
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
