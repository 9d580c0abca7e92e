"""Practice tagging measured against pieces labelled by reading them (tests/editions/expected/practices.yaml)."""

import io

import pytest
from django.core.management import call_command

from editions.tagging import fixture_practices, load_expected, tagging_quality

pytestmark = pytest.mark.django_db


def test_the_labelled_pieces_are_pieces_of_the_compilation_with_known_codes():
    expected = load_expected()
    assert len(expected["pieces"]) >= 20
    quality = tagging_quality(expected)
    assert quality.missing == [] and quality.pieces == len(expected["pieces"])


def test_the_fixtures_tags_reach_90_percent_precision_and_recall_in_every_area():
    quality = tagging_quality(load_expected())
    for area in quality.areas:
        assert area.precision >= 0.9, (area.name, area.extras)
        assert area.recall >= 0.9, (area.name, area.misses)


def test_a_wrong_tag_lowers_precision_and_a_missing_one_recall():
    expected = load_expected()
    first = expected["pieces"][0]
    recorded = fixture_practices(expected["source"])[first["start_line"]]
    code = sorted(recorded)[0]
    without = {**expected, "pieces": [{**first, "practices": [c for c in first["practices"] if c != code]}]}
    quality = tagging_quality(without)
    assert sum(area.false_positive for area in quality.areas) == 1
    extra = {**expected, "pieces": [{**first, "practices": [*first["practices"], "matchmaking", "legal_aid"]}]}
    quality = tagging_quality(extra)
    assert sum(area.false_negative for area in quality.areas) == len({"matchmaking", "legal_aid"} - recorded)


def test_the_command_prints_a_row_per_area_for_both_taggings():
    for source in ("fixtures", "importer"):
        out = io.StringIO()
        call_command("evaluate_tagging", "--source", source, stdout=out)
        text = out.getvalue()
        for name in ("干部队伍", "基层组织", "活动阵地", "制度机制", "维权帮扶", "经费保障", "智慧工会"):
            assert name in text
