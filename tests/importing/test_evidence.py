"""The main union weighed on the evidence the article gives (importing/evidence.py): where each union is named and
how its level stands against the places the title and lead name. Every text here is written for these tests."""

import pytest

from tests.importing.conftest import only_piece

pytestmark = pytest.mark.django_db


def test_a_title_naming_several_counties_of_a_city_is_the_city_federations_digest(gazetteer):
    piece = only_piece(
        [
            "嘉善、平湖、海宁三地工会联动服务职工",
            "",
            "本报讯 近日，嘉兴市总工会组织嘉善县总工会、平湖市总工会、海宁市总工会开展联动服务。"
            "海宁市总工会在园区设立服务点，海宁市总工会负责人介绍了有关情况。",
        ],
        gazetteer,
    )
    assert piece.unit_names[0] == "嘉兴市总工会"
