"""A hand-built province whose answers are known.

Every unit of the set is designated in 2031 (no seed unit is), so ``designated_year=2031`` selects
exactly these: four published units in 温岭市 and 安吉县, a draft that must never count, and a
published unit designated in 2030 that lies outside the filter.
"""

from decimal import Decimal

import pytest

from pilots.models import (
    IndicatorDefinition,
    PilotLevel,
    Practice,
    PublicationStatus,
    Qualifier,
    ReformMeasure,
    UnitKind,
)
from reports.models import AnnualRecord, RecordStatus, RecordValue
from reports.services.publication import record_publish
from tests.factories import a_street, a_unit, a_value, an_article

YEAR = "2031"


def measure(unit, *codes):
    item = ReformMeasure.objects.create(unit=unit, title="做法 " + "、".join(codes))
    item.practices.set(Practice.objects.filter(code__in=codes))
    return item


@pytest.fixture
def province(db):
    return build_province()


@pytest.fixture
def committed_province(committed_db):
    """The same province committed (the browser walks' live server reads it on its own connection,
    on PostgreSQL too) and deleted after the test."""
    return build_province()


def build_province() -> dict:
    level = PilotLevel.CITY_COUNTY
    a = a_unit(
        "温岭市看板甲街道总工会", region=a_street("看板甲街道", "温岭市"), pilot_level=level, designated_year=2031
    )
    b = a_unit(
        "温岭市看板乙街道总工会", region=a_street("看板乙街道", "温岭市"), pilot_level=level, designated_year=2031
    )
    c = a_unit(
        "安吉县看板丙街道总工会", region=a_street("看板丙街道", "安吉县"), pilot_level=level, designated_year=2031
    )
    d = a_unit(
        "温岭市看板丁社区工会",
        region=a_street("看板丁街道", "温岭市"),
        kind=UnitKind.COMMUNITY_UNION,
        pilot_level=level,
        designated_year=2031,
    )
    draft = a_unit(
        "温岭市看板草稿街道总工会",
        region=a_street("看板草稿街道", "温岭市"),
        pilot_level=level,
        designated_year=2031,
        status=PublicationStatus.DRAFT,
    )
    outside = a_unit(
        "安吉县看板外街道总工会", region=a_street("看板外街道", "安吉县"), pilot_level=level, designated_year=2030
    )

    measure(a, "zjg_team")
    measure(a, "zjg_team", "grid_management")  # two measures, one unit
    measure(b, "grid_management")
    measure(d, "zjg_team")
    measure(draft, "zjg_team", "grid_management")
    measure(outside, "zjg_team")

    # 会员人数: a 1000 (2018) and 1200 (2019, from its approved record, preferred over the imported 1100);
    # b 3000 (2019); c "95%以上"-style open value 500 (2019, 以上); d none. Draft unit's and draft
    # article's figures must not count.
    a_value(a, "members", 1000, year=2018, phrase="1000名").save()
    a_value(a, "members", 1100, year=2019, phrase="1100名").save()
    record = AnnualRecord.objects.create(unit=a, year=2019, status=RecordStatus.APPROVED)
    RecordValue.objects.create(
        record=record, definition=IndicatorDefinition.objects.get(code="members"), value=Decimal(1200)
    )
    record_publish(record=record)
    a_value(b, "members", 3000, year=2019, phrase="3000名").save()
    a_value(c, "members", 500, year=2019, phrase="500名以上", qualifier=Qualifier.AT_LEAST).save()
    a_value(draft, "members", 99999, year=2019, phrase="99999名").save()
    hidden = an_article(b, status=PublicationStatus.DRAFT, headline="看板草稿文章")
    a_value(b, "members", 77777, year=2020, phrase="77777名", source_article=hidden).save()
    a_value(outside, "members", 55555, year=2019, phrase="55555名").save()
    # 建会率 "95%以上" of b.
    a_value(b, "union_founding_rate", 95, year=2019, phrase="95%以上", qualifier=Qualifier.AT_LEAST).save()
    return {"a": a, "b": b, "c": c, "d": d, "draft": draft, "outside": outside, "record": record}


@pytest.fixture(autouse=True)
def _empty_panel_cache():
    # The panels' cache lives in the process: no answer of an earlier test is read by the next one.
    from django.core.cache import cache

    cache.clear()
    yield
