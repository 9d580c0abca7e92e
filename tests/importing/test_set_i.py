"""Kinds of page met on a training set of real pages (set I, kept outside the repository). Every text here is
written for these tests."""

import pytest

from tests.importing.conftest import only_piece as _only

pytestmark = pytest.mark.django_db


def test_a_lead_in_naming_no_place_over_a_title_naming_one_inside_is_the_lead_in(gazetteer):
    lines = [
        "送去一份冬日的温暖",
        "首批职工爱心包裹 送到衢州环卫工人手中",
        "本报讯 记者 李一鸣报道 昨日，衢州市总工会把300份爱心包裹送到环卫工人手中。",
        "据了解，这是今年衢州市总工会开展的第三次送温暖活动。",
    ]
    piece = _only(lines, gazetteer)
    assert piece.headline == "首批职工爱心包裹 送到衢州环卫工人手中"
    assert piece.subheadline == "送去一份冬日的温暖"
    # a headline naming its place over a deck is unchanged, and so is a deck naming no place
    lines[:2] = ["衢州市总工会送温暖", "首批职工爱心包裹送到环卫工人手中"]
    piece = _only(lines, gazetteer)
    assert (piece.headline, piece.subheadline) == ("衢州市总工会送温暖", "首批职工爱心包裹送到环卫工人手中")
    lines[:2] = ["送去一份冬日的温暖", "首批职工爱心包裹送到环卫工人手中"]
    assert _only(lines, gazetteer).headline == "送去一份冬日的温暖"
