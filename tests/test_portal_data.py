import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pilots.models import Article, IndicatorValue, PilotUnit, Region
from pilots.services.portal_data import FIXTURES_DIR, PortalDataError, portal_data_load

pytestmark = pytest.mark.django_db


def counts():
    return (Region.objects.count(), PilotUnit.objects.count(), Article.objects.count(), IndicatorValue.objects.count())


def test_loading_twice_changes_nothing():
    before = counts()
    stamps = dict(PilotUnit.objects.values_list("pk", "updated_at"))
    report = portal_data_load()
    assert report.changed == 0
    assert counts() == before
    assert dict(PilotUnit.objects.values_list("pk", "updated_at")) == stamps


def test_the_command_reports_what_it_did():
    out = StringIO()
    call_command("load_portal_data", stdout=out, stderr=StringIO())
    assert "新建 0 条，更新 0 条" in out.getvalue()


def test_it_restores_a_record_an_edit_broke_and_touches_nothing_else():
    unit = PilotUnit.objects.get(name="温岭市城东街道总工会")
    PilotUnit.objects.filter(pk=unit.pk).update(kind="village_union")
    report = portal_data_load()
    unit.refresh_from_db()
    assert unit.kind == "street_federation"
    assert sum(report.updated.values()) == 1


@pytest.fixture
def broken_fixtures(tmp_path):
    directory = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, directory)
    path = directory / "cases" / "zz-broken.yaml"
    path.write_text(
        """source: missing.txt
pieces:
  - unit: {name: 温岭市坏数据街道总工会, kind: street_federation, city: 台州市, county: 温岭市, street: 坏数据街道,
           pilot_level: city_county, designated: 2018}
    indicators:
      - {code: membership_rate, value: 130, qualifier: exact, phrase: 入会率130%, year: 2018, line: 1}
  - unit: {name: 某地工会, kind: street_federation, city: 台州市, county: 不存在县}
""",
        encoding="utf-8",
    )
    return directory


def test_a_bad_record_names_file_piece_and_field_and_nothing_is_written(broken_fixtures):
    before = counts()
    with pytest.raises(PortalDataError) as error:
        portal_data_load(directory=broken_fixtures)
    messages = "\n".join(error.value.errors)
    assert "zz-broken.yaml 第1篇" in messages and "value" in messages and "百分比" in messages
    assert "zz-broken.yaml 第2篇" in messages and "不存在县" in messages
    assert counts() == before
    assert not PilotUnit.objects.filter(name="温岭市坏数据街道总工会").exists()


def test_the_command_fails_with_the_errors(broken_fixtures):
    with pytest.raises(CommandError) as error:
        call_command("load_portal_data", fixtures=broken_fixtures, stdout=StringIO(), stderr=StringIO())
    assert "未写入任何内容" in str(error.value)


def test_article_bodies_come_from_the_sources_at_load_time():
    article = Article.objects.filter(source_file="000_ac4ce678d924a366.txt", column="sketch").first()
    assert len(article.body) > 200
    assert len(article.source_sha256) == 64
    # The column's running head at the overview's page foot is furniture, not a closing paragraph.
    overview = Article.objects.get(source_file="000_ac4ce678d924a366.txt", column="overview")
    assert "综述" not in overview.body.split("\n\n")


def test_a_load_into_an_empty_database_creates_and_updates_nothing():
    """新增 / 更新 / 未变 are counted once per record: what a load created is not also updated when a
    second file adds to it or its links are set (an empty database used to report 更新 477 条)."""
    call_command("flush", "--no-input", verbosity=0)
    assert not PilotUnit.objects.exists()
    report = portal_data_load()
    assert sum(report.updated.values()) == 0 and sum(report.unchanged.values()) == 0
    assert report.created["试点单位"] == PilotUnit.objects.count() > 0
    assert report.created["文章"] == Article.objects.count()
    again = portal_data_load()
    assert again.changed == 0 and again.unchanged["试点单位"] == PilotUnit.objects.count()
