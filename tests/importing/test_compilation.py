"""Splitting the compilation: the structures the issue names, read from the real source text."""

import pytest

pytestmark = pytest.mark.django_db


def by_unit(parsed, name):
    return next(piece for piece in parsed.pieces if piece.unit_name == name)


def test_the_foreword_and_afterword_are_not_cases(compilation):
    assert compilation.pieces[0].section == "overview"
    assert compilation.pieces[0].start_line > 50
    assert compilation.pieces[-1].end_line < 10648
    assert any("卷首语" in warning for warning in compilation.warnings)
    assert any("后记" in warning for warning in compilation.warnings)


def test_the_doubled_overview_reads_as_one_clean_text(compilation):
    overview = compilation.pieces[0]
    assert "291家省、市、县（市、区）群团改革试点中" in overview.body
    assert "30.93%" in overview.body
    assert "291291" not in overview.body and "，，" not in overview.body
    assert overview.headline == "街道工会“活”起来"
    assert overview.reporter == "王艳"


def test_two_name_lines_printed_together_share_the_text_above_them(compilation):
    xiaohe = by_unit(compilation, "杭州市拱墅区小河街道总工会")
    zhanongkou = by_unit(compilation, "杭州市江干区闸弄口街道总工会")
    assert (xiaohe.start_line, xiaohe.end_line) == (3611, 3675)
    assert zhanongkou.start_line == 3677
    assert "小河" in xiaohe.body and "闸弄口" not in xiaohe.body
    assert zhanongkou.body.startswith("闸弄口街道由15个社区组成")


def test_a_name_line_printed_at_the_top_of_a_sketch_does_not_split_it(compilation):
    xinbi = by_unit(compilation, "缙云经济开发区（新碧街道）总工会")
    assert (xinbi.start_line, xinbi.county, xinbi.street) == (10058, "缙云经济开发区", "新碧街道")
    assert xinbi.headline == "创新“五同五共”促提升"


def test_an_industry_union_in_a_village_keeps_its_bracketed_name(compilation):
    piece = by_unit(compilation, "三门县海润街道涛头村（畲族青蟹行业工会）")
    assert (piece.city, piece.county, piece.street, piece.unit_kind) == (
        "台州市",
        "三门县",
        "海润街道",
        "industry_union",
    )
    assert piece.body.startswith("涛头村是一个养殖专业村")  # the OCR's spaced-out characters are joined


def test_features_take_unit_headline_and_byline_printed_mid_piece(compilation):
    piece = by_unit(compilation, "宁波市北仑区小港街道总工会")
    assert (piece.section, piece.headline, piece.reporter) == ("feature", "“五化”体系促强工会", "胡翀")
    assert "■" not in piece.body and "“五化”体系促强工会" not in piece.body


def test_a_column_label_belongs_to_the_page_above_it(compilation):
    # The 重点报道 footer at line 3169 closes the last feature's page; 玲珑 after it is a sketch.
    lingling = by_unit(compilation, "杭州市临安区玲珑街道总工会")
    assert lingling.section == "sketch"
    assert by_unit(compilation, "遂昌县云峰街道总工会").section == "feature"


def test_page_furniture_stays_out_of_bodies(compilation):
    for piece in compilation.pieces:
        assert "Labour Movement" not in piece.body
        assert "2018年第5-6期" not in piece.body
        assert "速写：" not in piece.body


def test_the_special_report_is_signed_by_its_author(compilation):
    piece = compilation.pieces[1]
    assert (piece.section, piece.unit_name, piece.reporter) == ("special", "杭州市江干区凯旋街道总工会", "陈华")
    assert piece.positions == [{"label": "1+14+N", "centre": 1, "stations": 14, "points": None}]
    assert {"tiered_positions", "joint_unions"} <= set(piece.practices)


def test_the_volume_and_publication_come_from_the_running_heads(compilation):
    assert (compilation.volume, compilation.publication, compilation.year) == ("streets", "浙江工运", 2018)
