"""The public case's one front door (pilots.services.case): one key per row, one rule for an editor's row."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pilots.models import IndicatorDefinition, IndicatorValue, PilotUnit, PublicationStatus, ReformMeasure, Region
from pilots.services import case
from tests.factories import a_unit

pytestmark = [pytest.mark.django_db, pytest.mark.own_data]


def test_two_writers_of_the_same_measure_write_one_row():
    unit = a_unit()
    first = case.measure_put(unit=unit, title=" 职工服务站点 ", values={"summary": "一"})
    again = case.measure_put(unit=unit, title="职工服务站点", values={"summary": "二"})
    assert first.pk == again.pk and ReformMeasure.objects.filter(unit=unit).count() == 1
    assert ReformMeasure.objects.get(pk=first.pk).summary == "二"


def test_an_editors_row_under_the_key_stays_as_it_stands():
    unit = a_unit()
    editors = ReformMeasure.objects.create(unit=unit, title="网格化管理", summary="编辑写的")
    kept = case.measure_put(unit=unit, title="网格化管理", values={"summary": "报告写的"}, owns=lambda row: False)
    assert kept is None
    assert ReformMeasure.objects.get(pk=editors.pk).summary == "编辑写的"
    # the row a writer wrote last time is its own, whatever the rule says about others
    renamed = case.measure_put(unit=unit, title="网格治理", values={}, previous=editors, owns=lambda row: False)
    assert renamed.pk == editors.pk and ReformMeasure.objects.get(pk=editors.pk).title == "网格治理"


def test_a_figure_is_found_by_unit_indicator_year_and_phrase():
    unit = a_unit()
    members = IndicatorDefinition.objects.get(code="members")
    one = case.figure_put(unit=unit, definition=members, year=2018, values={"value": Decimal(10)})
    same = case.figure_put(unit=unit, definition=members, year="2018", phrase="", values={"value": Decimal(12)})
    other = case.figure_put(
        unit=unit, definition=members, year=2018, phrase="2018年度报告", values={"value": Decimal(9)}
    )
    assert one.pk == same.pk != other.pk
    assert IndicatorValue.objects.get(pk=one.pk).value == 12


def test_an_invalid_value_never_reaches_the_public_case():
    unit = a_unit()
    members = IndicatorDefinition.objects.get(code="members")
    with pytest.raises(ValidationError):
        case.figure_put(unit=unit, definition=members, year=2018, values={"value": Decimal(-1)})
    assert not IndicatorValue.objects.filter(unit=unit).exists()


def test_a_region_is_looked_up_by_its_printed_names_in_one_place():
    county = Region.objects.resolve_county("温岭市")
    assert case.region_by_names("台州市", "温岭市", None) == (county, False)
    with pytest.raises(ValidationError) as refused:
        case.region_by_names("台州市", "不存在县", None)
    assert "county" in refused.value.message_dict
    # lenient (a draft): the last name known, the gazetteer unchanged
    assert case.region_by_names("台州市", "温岭市", "新设街道", strict=False) == (county, False)
    assert not Region.objects.filter(name="新设街道").exists()
    # publishing adds the street once
    street, added = case.region_by_names("台州市", "温岭市", "新设街道", add_street=True)
    assert added and street.parent == county
    assert case.region_by_names("台州市", "温岭市", "新设街道", add_street=True) == (street, False)


def test_a_unit_is_one_row_under_its_printed_name_whichever_writer_writes():
    from curation.services import _draft_unit
    from importing.accept import new_unit
    from importing.gazetteer import Gazetteer

    imported = new_unit(
        {"name": "温岭市 测试新区街道总工会", "city": "台州市", "county": "温岭市", "kind": "street_federation"}
    )
    assert imported.status == PublicationStatus.DRAFT
    assert case.unit_named("温岭市测试新区街道总工会") == imported
    # the review screen's draft unit and the fixture loader's write find the same row
    parsed = Gazetteer.from_db().parse_unit("温岭市测试新区街道总工会")
    assert _draft_unit(parsed, None).pk == imported.pk
    unit, outcome = case.unit_put(name="温岭市测试新区街道总工会 ", values={"profile": "简介"}, keep_stated=True)
    assert (unit.pk, outcome) == (imported.pk, "updated")
    assert PilotUnit.objects.filter(name__contains="测试新区街道").count() == 1
    assert (
        case.unit_publish(unit) == "updated" and PilotUnit.objects.get(pk=unit.pk).status == PublicationStatus.PUBLISHED
    )
    with pytest.raises(ValidationError):
        case.unit_put(name="温岭市另一个街道总工会", values={"kind": "no_such_kind", "region": unit.region})
    assert not PilotUnit.objects.filter(name="温岭市另一个街道总工会").exists()


def test_filters_and_writers_look_a_region_up_by_name_the_same_way():
    taizhou = Region.objects.cities().get(name="台州市")
    wenling = Region.objects.resolve_county("温岭市")
    for printed in ("台州市", "台州", " 台州市 ", taizhou.code):
        assert list(Region.objects.cities().printed_as(printed)) == [taizhou], printed
    assert list(Region.objects.counties().printed_as(wenling.code)) == [wenling]
    assert not Region.objects.counties().printed_as("温岭").exists()  # a county keeps its suffix
    for printed in ("台州市温岭市", "台州市 温岭市"):  # a county printed after its city
        assert list(Region.objects.counties().printed_as(printed)) == [wenling], printed
    assert not Region.objects.counties().printed_as("杭州市温岭市").exists()  # not that city's
    assert not Region.objects.cities().printed_as("").exists()
    # the writers' lookup, the library's filter and the dashboards' narrowing answer alike
    assert case.region_by_names("台州", "温岭市", None)[0] == wenling
    from django.http import QueryDict

    from dashboards.selectors import narrowed_region

    province = Region.objects.get(parent__isnull=True)
    assert narrowed_region(province, QueryDict("city=台州")) == taizhou
    assert narrowed_region(province, QueryDict(f"county={wenling.code}")) == wenling
