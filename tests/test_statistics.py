"""Practice adoption: the one statistic the dashboards and the editors' overview share."""

import pytest

from pilots.models import PilotUnit, Practice, PublicationStatus, ReformMeasure
from pilots.statistics import practice_adoption, units_adopting
from tests.factories import a_street, a_unit

pytestmark = [pytest.mark.django_db, pytest.mark.own_data]


def _measure(unit, title, *codes):
    measure = ReformMeasure.objects.create(unit=unit, title=title)
    measure.practices.set(Practice.objects.filter(code__in=codes))
    return measure


def test_it_counts_units_not_measures_and_shares_over_the_whole_set():
    a = a_unit("统计甲街道总工会", region=a_street("统计甲街道"))
    b = a_unit("统计乙街道总工会", region=a_street("统计乙街道"))
    c = a_unit("统计丙街道总工会", region=a_street("统计丙街道"))
    _measure(a, "专兼挂队伍", "zjg_team")
    _measure(a, "再一支专兼挂队伍", "zjg_team", "grid_management")
    _measure(b, "网格", "grid_management")
    units = PilotUnit.objects.filter(pk__in=[a.pk, b.pk, c.pk])

    adoption = practice_adoption(units)

    assert adoption.total == 3
    zjg = adoption.practice("zjg_team")
    assert (zjg.count, zjg.total, zjg.percent) == (1, 3, 33)
    assert adoption.practice("grid_management").count == 2
    assert adoption.practice("legal_aid").count == 0
    assert [area.code for area in adoption.areas][:5] == [
        "staff",
        "organisation",
        "positions",
        "institutions",
        "rights",
    ]
    assert set(units_adopting(units, "grid_management")) == {a, b}


def test_units_outside_the_set_do_not_count():
    inside = a_unit("统计丁街道总工会", region=a_street("统计丁街道"))
    draft = a_unit("统计戊街道总工会", region=a_street("统计戊街道"), status=PublicationStatus.DRAFT)
    _measure(draft, "专兼挂队伍", "zjg_team")
    units = PilotUnit.objects.published().filter(pk__in=[inside.pk, draft.pk])

    adoption = practice_adoption(units)

    assert adoption.total == 1
    assert adoption.practice("zjg_team").count == 0


def test_an_empty_set_has_no_share():
    adoption = practice_adoption(PilotUnit.objects.none())
    assert adoption.total == 0
    assert adoption.practice("zjg_team").share == 0.0


def test_names_sort_by_pinyin_and_cities_in_the_official_order():
    from pilots.text import city_rank, pinyin_key

    assert sorted(["三门县", "临海市", "仙居县"], key=pinyin_key) == ["临海市", "三门县", "仙居县"]
    assert sorted(["丽水市", "台州", "杭州市", "温州市"], key=city_rank) == ["杭州市", "温州市", "台州", "丽水市"]
