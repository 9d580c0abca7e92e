"""The importer against the hand-labelled street-vitality compilation: the issue's targets."""

from io import StringIO

import pytest
from django.core.management import call_command

from importing.evaluation import evaluate
from importing.pipeline import parse_source
from tests.conftest import COMPILATION, seed_path

from .conftest import EXPECTED_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def result(compilation, expected_streets):
    return evaluate(compilation, expected_streets)


def test_every_labelled_piece_is_found_once_with_no_merged_or_split_pieces(result, expected_streets):
    assert result.found_pieces == len(expected_streets["pieces"]) == 92
    assert result.unmatched_expected == []
    assert result.unmatched_found == []


@pytest.mark.parametrize("field", ["unit", "city", "county", "column"])
def test_unit_places_and_column_are_right_for_every_piece(result, field):
    assert result.errors[field] == []


@pytest.mark.parametrize("field", ["headline", "reporter"])
def test_headline_and_reporter_are_right_for_at_least_95_percent(result, field):
    assert result.accuracy(field) >= 0.95, result.errors[field]


def test_at_least_90_percent_of_labelled_figures_are_captured_with_value_unit_and_piece(result):
    assert result.facts_expected >= 300
    assert result.recall >= 0.90, result.missed_facts


def test_at_least_90_percent_of_figures_extracted_from_fully_labelled_pieces_are_right(result):
    assert result.facts_extracted_in_complete >= 100
    assert result.precision >= 0.90, result.wrong_facts


def test_the_evaluation_command_prints_per_field_accuracy():
    out = StringIO()
    call_command("evaluate_import", "--expected", str(EXPECTED_DIR / "streets.yaml"), stdout=out)
    text = out.getvalue()
    assert "期望 92 篇，找到 92 篇" in text
    for label in ("单位", "地级市", "县（市、区）", "栏目", "标题", "记者", "数字召回率", "数字准确率"):
        assert label in text


def test_the_same_compilation_saved_as_gb18030_with_crlf_and_half_width_brackets_reads_the_same(
    gazetteer, expected_streets
):
    text = seed_path(COMPILATION).read_text(encoding="utf-8").replace("（", "(").replace("）", ")")
    variant = parse_source(text.replace("\n", "\r\n").encode("gb18030"), name=COMPILATION, gazetteer=gazetteer)
    result = evaluate(variant, expected_streets)
    assert result.matched_pieces == 92 and result.unmatched_found == []
    assert all(result.accuracy(field) == 1 for field in ("unit", "city", "county", "column"))
    assert result.recall >= 0.9 and result.precision >= 0.9
