"""Small builders for records the fixtures do not hold."""

from decimal import Decimal

from pilots.models import (
    Article,
    IndicatorDefinition,
    IndicatorValue,
    PilotUnit,
    PublicationStatus,
    Region,
    UnitKind,
)


def a_street(name: str = "测试街道", county: str = "温岭市") -> Region:
    parent = Region.objects.resolve_county(county)
    region, _ = Region.objects.get_or_create(parent=parent, name=name, defaults={"level": "street"})
    return region


def a_unit(name: str = "温岭市测试街道总工会", *, status: str = PublicationStatus.PUBLISHED, **fields) -> PilotUnit:
    fields.setdefault("region", a_street())
    fields.setdefault("kind", UnitKind.STREET_FEDERATION)
    return PilotUnit.objects.create(name=name, status=status, **fields)


def an_article(*units: PilotUnit, status: str = PublicationStatus.PUBLISHED, **fields) -> Article:
    fields.setdefault("headline", "测试文章")
    fields.setdefault("column", "news")
    article = Article.objects.create(status=status, **fields)
    article.units.set(units)
    return article


def a_value(unit: PilotUnit, code: str, value, **fields) -> IndicatorValue:
    fields.setdefault("year", 2018)
    return IndicatorValue(
        unit=unit, definition=IndicatorDefinition.objects.get(code=code), value=Decimal(str(value)), **fields
    )
