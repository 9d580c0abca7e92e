from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pilots.models import IndicatorDefinition, IndicatorValue, PilotUnit, Region, ServicePosition

from .factories import a_street, a_unit, a_value, an_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [Decimal("-0.5"), Decimal("100.01"), Decimal("250")])
def test_it_rejects_a_percentage_outside_0_to_100(value):
    figure = a_value(a_unit(), "union_founding_rate", value)
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "百分比" in error.value.message_dict["value"][0]
    assert not IndicatorValue.objects.filter(phrase="", unit__name="温岭市测试街道总工会").exists()


@pytest.mark.parametrize("value", ["0", "100", "97.2"])
def test_it_accepts_percentages_within_bounds(value):
    a_value(a_unit(), "mediation_success_rate", value).full_clean()


@pytest.mark.parametrize("code", ["members", "enterprise_unions", "funds_invested", "position_area"])
def test_it_rejects_negative_values_of_every_type(code):
    with pytest.raises(ValidationError) as error:
        a_value(a_unit(), code, -1).full_clean()
    assert "负数" in error.value.message_dict["value"][0]


def test_the_database_refuses_a_negative_value_too():
    figure = a_value(a_unit(), "members", -5)
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()


def test_it_rejects_fractional_persons():
    with pytest.raises(ValidationError) as error:
        a_value(a_unit(), "members", "10.5").full_clean()
    assert "整数" in error.value.message_dict["value"][0]


def test_money_is_kept_in_wan_yuan_and_shown_with_its_qualifier():
    figure = a_value(a_unit(), "funds_invested", "60", qualifier="more_than")
    figure.full_clean()
    figure.save()
    assert figure.display_value == "60余万元"
    assert a_value(figure.unit, "members", 166500, qualifier="at_least").display_value == "16.65万人以上"
    assert a_value(figure.unit, "members", 2000, qualifier="nearly").display_value == "近2000人"


def test_a_definition_can_narrow_its_bounds():
    definition = IndicatorDefinition.objects.get(code="events")
    definition.max_value = Decimal(1000)
    assert definition.validation_error(Decimal(1001)) is not None
    assert definition.validation_error(Decimal(999)) is None


def test_unit_names_are_unique_whatever_the_brackets():
    a_unit("缙云经济开发区（测试街道）总工会")
    with pytest.raises(IntegrityError), transaction.atomic():
        a_unit("缙云经济开发区(测试街道)总工会")


def test_a_unit_cannot_be_its_own_parent():
    unit = a_unit()
    unit.parent = unit
    with pytest.raises(ValidationError):
        unit.full_clean()


def test_a_non_pilot_has_no_designation_year():
    unit = a_unit(pilot_level="none", designated_year=2018)
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "designated_year" in error.value.message_dict


def test_a_street_must_stand_under_a_county_level_division():
    city = Region.objects.get(name="台州市")
    street = Region(name="错误街道", level="street", parent=city)
    with pytest.raises(ValidationError) as error:
        street.full_clean()
    assert "parent" in error.value.message_dict


def test_a_region_knows_its_city_and_county():
    street = a_street("另一街道", "温岭市")
    assert street.city.name == "台州市" and street.county.name == "温岭市"
    unit = a_unit("温岭市另一街道总工会", region=street)
    assert PilotUnit.objects.in_region(Region.objects.get(name="台州市")).filter(pk=unit.pk).exists()
    assert not PilotUnit.objects.in_region(Region.objects.get(name="杭州市")).filter(pk=unit.pk).exists()


def test_positions_reject_unknown_mass_organisations_and_zero_counts():
    position = ServicePosition(
        unit=a_unit(),
        tier="station",
        kind="service_station",
        name="站",
        count=1,
        shared_with=["youth_league", "chess_club"],
    )
    with pytest.raises(ValidationError) as error:
        position.full_clean()
    assert "chess_club" in error.value.message_dict["shared_with"][0]
    position.shared_with, position.count = [], 0
    with pytest.raises(ValidationError):
        position.full_clean()


def test_an_article_span_must_be_ordered():
    with pytest.raises(IntegrityError), transaction.atomic():
        an_article(a_unit(), source_file="x.txt", start_line=20, end_line=10)


def test_an_article_without_headline_is_titled_by_its_unit():
    unit = a_unit()
    assert an_article(unit, headline="").title == unit.name
