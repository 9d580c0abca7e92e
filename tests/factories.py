"""Small builders for records the fixtures do not hold (model-bakery fills what a test does not name)."""

from decimal import Decimal

from model_bakery import baker

from pilots.models import (
    Article,
    IndicatorDefinition,
    IndicatorValue,
    PilotUnit,
    PublicationStatus,
    Region,
    UnitKind,
)
from pilots.services import case


def a_street(name: str = "测试街道", county: str = "温岭市") -> Region:
    region, _added = case.region_by_names(None, county, name, add_street=True)
    return region


def a_unit(name: str = "温岭市测试街道总工会", *, status: str = PublicationStatus.PUBLISHED, **fields) -> PilotUnit:
    fields.setdefault("region", a_street())
    fields.setdefault("kind", UnitKind.STREET_FEDERATION)
    return baker.make(PilotUnit, name=name, status=status, **fields)


def an_article(*units: PilotUnit, status: str = PublicationStatus.PUBLISHED, **fields) -> Article:
    fields.setdefault("headline", "测试文章")
    fields.setdefault("column", "news")
    return baker.make(Article, status=status, units=list(units), **fields)


def a_value(unit: PilotUnit, code: str, value, **fields) -> IndicatorValue:
    fields.setdefault("year", 2018)
    definition = IndicatorDefinition.objects.get(code=code)
    return baker.prepare(IndicatorValue, unit=unit, definition=definition, value=Decimal(str(value)), **fields)
