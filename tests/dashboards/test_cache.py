"""The panels' cache: a write to the data they count changes the next answer; nothing else does."""

import pytest
from django.db import connection, transaction
from django.urls import reverse

from dashboards.cache import data_version
from pilots.models import Article, IndicatorValue, Practice, PublicationStatus, ReformMeasure
from reports.models import AnnualRecord, RecordStatus
from reports.services.publication import record_withdraw

from .conftest import YEAR


def get(client, panel, **params):
    response = client.get(reverse(f"dashboards-api-{panel}"), {"designated_year": YEAR, **params})
    assert response.status_code == 200, response.content
    return response.json()


def members(client) -> dict:
    return {
        (row["unit"]["name"], row["year"]): row["value"]
        for row in get(client, "indicators", indicator="members")["values"]
    }


def test_a_repeated_read_comes_from_the_cache(client, province, django_assert_max_num_queries):
    get(client, "map")
    with django_assert_max_num_queries(1):  # the data version only
        get(client, "map")


def test_publishing_or_withdrawing_a_unit_changes_the_map_and_pilots(client, province):
    assert get(client, "map")["total"] == 4
    assert get(client, "pilots")["total"] == 4
    province["draft"].status = PublicationStatus.PUBLISHED
    province["draft"].save()
    assert get(client, "map")["total"] == 5
    assert get(client, "pilots")["total"] == 5
    province["d"].delete()
    assert get(client, "map")["total"] == 4


def test_tagging_a_measure_changes_the_practice_shares(client, province):
    def zjg(data):
        return next(p["count"] for area in data["areas"] for p in area["practices"] if p["code"] == "zjg_team")

    assert zjg(get(client, "practices")) == 1  # a (b and c have no 专兼挂 measure)
    measure = ReformMeasure.objects.get(unit=province["b"])
    measure.practices.add(Practice.objects.get(code="zjg_team"))  # m2m_changed
    assert zjg(get(client, "practices")) == 2
    measure.practices.clear()
    assert zjg(get(client, "practices")) == 1


def test_a_changed_or_withdrawn_figure_changes_the_indicator_panel(client, province):
    assert members(client)[province["b"].name, 2019] == 3000
    value = IndicatorValue.objects.get(unit=province["b"], definition__code="members", year=2019)
    value.value = 3500
    value.save()
    assert members(client)[province["b"].name, 2019] == 3500
    # Publishing the draft article makes its figure public.
    article = Article.objects.get(headline="看板草稿文章")
    article.status = PublicationStatus.PUBLISHED
    article.save()
    assert members(client)[province["b"].name, 2020] == 77777
    # Withdrawing the approved record removes its figure: the imported one counts again.
    record = province["record"]
    record_withdraw(record=record)
    AnnualRecord.objects.filter(pk=record.pk).update(status=RecordStatus.SUBMITTED)
    assert members(client)[province["a"].name, 2019] == 1100


def test_the_csv_follows_the_same_version(client, province):
    get(client, "map")
    province["draft"].status = PublicationStatus.PUBLISHED
    province["draft"].save()
    response = client.get(reverse("dashboards-api-map"), {"designated_year": YEAR, "format": "csv"})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert [line.rsplit(",", 1)[1] for line in lines if line.startswith("台州市,温岭市,")] == ["4"]  # 3 + the draft


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_keeps_the_version_and_a_committed_one_changes_it(province):
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        province["c"].save()
        assert data_version() != before
        raise RuntimeError
    assert data_version() == before
    province["c"].save()
    assert data_version() != before


def test_reading_changes_no_version(client, province):
    before = data_version()
    get(client, "map")
    get(client, "indicators", indicator="members")
    assert data_version() == before


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's planner scans every document for a common word unless told not to; SQLite has no such plan",
)
def test_panels_over_a_search_word_run_as_the_search_engines_own_queries(client, province):
    # Planned as plain ORM queries, each panel over the matches of 工会 in 100,000 records took about
    # a second (a sequential scan testing every document's vector); 0.1-0.2 s from the GIN index.
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        get(client, "pilots", q="工会")
    sqls = [query["sql"] for query in queries.captured_queries]
    switched = [i for i, sql in enumerate(sqls) if sql == "SET LOCAL enable_seqscan = off"]
    restored = [i for i, sql in enumerate(sqls) if sql.startswith("SELECT set_config('enable_seqscan'")]
    assert len(switched) == len(restored) == 1
    assert any("search_searchdocument" in sql for sql in sqls[switched[0] : restored[0]])
    with CaptureQueriesContext(connection) as queries:
        get(client, "map")  # no search word: planned as usual
    assert not any("enable_seqscan" in query["sql"] for query in queries.captured_queries)
