"""What a page costs: database queries per page (fail if they grow), and what start-up loads."""

import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from model_bakery import baker

from pilots.models import IndicatorDefinition, IndicatorValue, PilotUnit, PublicationStatus
from reports.models import AnnualRecord, RecordStatus, RecordValue
from search.similar import similar_units
from tests.factories import a_unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_size", [5, 100])
def test_the_search_api_costs_six_queries_whatever_the_page_size(client, django_assert_max_num_queries, page_size):
    # The index's stamp (pages are remembered under it), count, ranked hits, the places the words
    # name (a city named ranks its units first), units, texts.
    client.get(reverse("case-list"), {"q": "帮扶"})
    with django_assert_max_num_queries(6):
        body = client.get(reverse("case-list"), {"q": "帮扶", "page_size": page_size}).json()
    assert len(body["results"]) == min(page_size, body["count"])


@pytest.mark.parametrize(
    ("params", "first", "again"),
    [
        ({"q": "调解"}, 7, 1),
        # + the city looked up (an unknown one is named with 400)
        ({"q": "帮扶", "city": "台州", "kind": "street_federation", "ordering": "name", "page": "2"}, 8, 2),
        ({"q": '"职工服务"', "practice": "shared_positions"}, 9, 2),  # + the practice looked up
    ],
)
def test_a_results_page_with_its_facets_costs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, params, first, again
):
    # The list (count, page, units, texts), the index's stamp and one grouped query for all the
    # facets (library/facets.py), never one per facet, result or value; asked again, the count, the
    # page and the facet counts are remembered until the index changes: the stamp alone (and a
    # practice named by the filters looked up).
    with django_assert_max_num_queries(first):
        assert client.get(reverse("library-cases"), params).status_code == 200
    with django_assert_max_num_queries(again):
        assert client.get(reverse("library-cases"), params).status_code == 200


def test_a_case_page_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    unit = PilotUnit.objects.published().filter(measures__isnull=False, articles__isnull=False).first()
    url = reverse("library-case", args=[unit.pk])
    client.get(url, {"q": "职工"})
    # The unit with its parts (6: practices come with their areas), the index's stamp; the similar
    # pilots are remembered, units and all.
    with django_assert_max_num_queries(8):
        assert client.get(url, {"q": "职工"}).status_code == 200


def test_similar_pilots_are_remembered_until_the_index_changes(indexing):
    unit = PilotUnit.objects.published().filter(measures__practices__isnull=False).first()
    first = similar_units(unit)
    assert first and [other.pk for other in similar_units(unit)] == [other.pk for other in first]
    gone = first[0]
    with indexing():
        gone.status = PublicationStatus.DRAFT
        gone.save()
    again = similar_units(unit)
    assert gone.pk not in {other.pk for other in again} and len(again) == len(first)


def test_start_up_does_not_load_the_segmenter():
    # Migrations, the importer, manage.py --help never segment: jieba's ~2 s and 90 MB wait for
    # the first search (or the web server's start, portal/wsgi.py).
    code = "import sys, django; django.setup(); print('jieba' in sys.modules)"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert run.stdout.strip() == "False"


def test_a_repeated_search_api_page_is_remembered_and_answers_the_same(client, django_assert_max_num_queries):
    params = {"q": "职工", "page": "2", "page_size": "5"}
    first = client.get(reverse("case-list"), params)
    # The index's stamp, then the remembered page: no count, ranking, units or texts again.
    with django_assert_max_num_queries(1):
        again = client.get(reverse("case-list"), params)
    assert again.json() == first.json()
    assert first.json()["next"] and first.json()["previous"]  # the links are rebuilt, not lost
    assert client.get(reverse("case-list"), {**params, "page": "999"}).status_code == 404


@pytest.mark.parametrize("renamed", ["unit", "region"])
def test_a_remembered_search_api_page_follows_a_rename(client, indexing, renamed):
    unit = PilotUnit.objects.published().filter(region__county__isnull=False).first()
    params = {"q": unit.name}

    def listed():
        row = next(row for row in client.get(reverse("case-list"), params).json()["results"] if row["id"] == unit.pk)
        return row["name"], row["county"]

    name, county = listed()
    with indexing():
        if renamed == "unit":
            unit.name = f"{unit.name}（更名）"
            unit.save()
        else:
            unit.region.county.name = f"{county}（更名）"
            unit.region.county.save()
    assert listed() == ((f"{name}（更名）", county) if renamed == "unit" else (name, f"{county}（更名）"))


@pytest.mark.parametrize("ordering", ["name", "city"])
def test_the_name_and_city_orders_walk_an_index_instead_of_sorting_every_match(ordering):
    # With a word in every record, sorting all matches for one page cost 0.4 s at 100,000 units;
    # the sort keys indexed behind the status walk the published units in order and stop at the page.
    from library.results import ORDERINGS
    from pilots.selectors import public_units

    if connection.vendor != "sqlite":
        pytest.skip("the plan is read from SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its statistics")
    fields = next(choice.fields for choice in ORDERINGS if choice.value == ordering)
    plan = public_units().order_by(*fields).values("pk")[:20].explain()
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's planner scans every document for a common word unless told not to; SQLite has no such plan",
)
def test_facet_counts_run_as_the_engine_runs_its_queries(client):
    # Counted as plain ORM queries, the cities of 工会 over 100,000 records took 4.7 s (a sequential
    # scan testing every document's vector); from the GIN index 0.15 s.
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("case-facets"), {"q": "帮扶"}).status_code == 200
    counts = [query["sql"] for query in queries.captured_queries if "facet_units_" in query["sql"]]
    assert counts and all(sql.startswith("SET LOCAL enable_seqscan = off;") for sql in counts)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's engine has nothing to switch")
def test_index_scans_last_as_long_as_their_block():
    from search.backends import get_engine

    def seqscan():
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            return cursor.fetchone()[0]

    with get_engine().index_scans():
        assert seqscan() == "off"
        with get_engine().index_scans():
            pass
        assert seqscan() == "off"  # a block within a block leaves it as it found it
    assert seqscan() == "on"  # inside the test's transaction too
    with pytest.raises(ZeroDivisionError), get_engine().index_scans():
        raise ZeroDivisionError
    assert seqscan() == "on"


def _unit_with_record_figures(name: str, figures: int) -> PilotUnit:
    """A published unit whose figures all came from approved annual records, one record a year."""
    unit = a_unit(name)
    definition = IndicatorDefinition.objects.get(code="members")
    for year in range(2017, 2017 + figures):
        record = baker.make(AnnualRecord, unit=unit, year=year, status=RecordStatus.APPROVED)
        value = IndicatorValue.objects.create(unit=unit, definition=definition, year=year, value=Decimal(100 + year))
        RecordValue.objects.create(record=record, definition=definition, value=value.value, published=value)
    return unit


def test_a_case_page_with_record_figures_costs_the_same_for_one_figure_and_for_eight(client):
    """Defect 1 of issue 22: each figure's record was loaded on its own (8 queries with one, 22 with eight)."""
    counts = {}
    for figures in (1, 8):
        unit = _unit_with_record_figures(f"温岭市测试{figures}街道总工会", figures)
        url = reverse("library-case", args=[unit.pk])
        client.get(url)  # similar pilots remembered
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert html.count("年度报告（审核通过）") == figures
        counts[figures] = len(queries)
    assert counts[1] == counts[8] <= 8, counts
