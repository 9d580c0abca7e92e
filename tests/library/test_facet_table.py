"""The facet table (search.facet_table) holds what the units' records say, for published units only,
and the counts read from it are what the library lists when the value is chosen."""

import pytest
from django.db.models import FilteredRelation, Q
from django.http import QueryDict
from django.urls import reverse

from library.facets import FACETS
from library.results import CaseSearch
from pilots import selectors
from pilots.models import PilotUnit, Practice, PublicationStatus, ReformMeasure
from search.facet_table import MULTIPLE, SINGLE, write_unit_facets
from search.indexing import search_index_rebuild
from search.models import SearchDocument, UnitFacets, UnitFacetValue
from tests.factories import a_unit, an_article

pytestmark = pytest.mark.django_db

ASKED = [
    "",
    "q=帮扶",
    "q=工会",
    "q=调解&city=台州市",
    "q=职工&kind=street_federation&kind=community_union",
    "q=服务&area=rights",
    "q=工会 -调解&county=温岭市",
    "column=sketch",
    "pilot_level=provincial",
]


def table() -> dict[int, dict[str, set]]:
    """The facet table as each unit's values per facet."""
    rows: dict[int, dict[str, set]] = {}
    for facets in UnitFacets.objects.select_related("key"):
        values = dict(zip(SINGLE, facets.key.values(), strict=True))
        rows[facets.unit_id] = {param: {str(value)} for param, value in values.items() if value is not None}
    for row in UnitFacetValue.objects.all():
        rows.setdefault(row.unit_id, {}).setdefault(row.param, set()).add(row.value)
    return rows


def records() -> dict[int, dict[str, set]]:
    """What the records say, by plain ORM over the published units and their relations."""
    units = selectors.public_units().annotate(
        published_articles=FilteredRelation("articles", condition=Q(articles__status=PublicationStatus.PUBLISHED))
    )
    rows: dict[int, dict[str, set]] = {pk: {} for pk in units.values_list("pk", flat=True)}
    for param, path in {**SINGLE, **MULTIPLE}.items():
        for pk, value in units.filter(**{f"{path}__isnull": False}).values_list("pk", path):
            rows[pk].setdefault(param, set()).add(str(value))
    return rows


def test_the_table_holds_what_the_records_say_for_the_published_units_only(indexing):
    with indexing():  # a draft with a practice and a published article: in no count
        draft = a_unit("温岭市草稿二街道总工会", status=PublicationStatus.DRAFT, designated_year=1999)
        ReformMeasure.objects.create(unit=draft, title="测试做法").practices.add(Practice.objects.first())
        an_article(draft, column="sketch")
    assert table() == records()
    published = set(PilotUnit.objects.published().values_list("pk", flat=True))
    assert set(UnitFacets.objects.values_list("unit_id", flat=True)) == published
    assert set(SearchDocument.objects.values_list("unit_id", flat=True)) == published  # as the index
    assert draft.pk not in published


def test_a_rebuild_writes_the_same_table():
    before = table()
    UnitFacets.objects.all().delete()
    search_index_rebuild()
    assert table() == before == records()


@pytest.mark.parametrize("asked", ASKED)
def test_every_count_is_what_the_library_lists_for_that_value(asked):
    """Choosing a facet's value lists exactly as many units as the facet said, for every value."""
    params = QueryDict(asked)
    facets = CaseSearch(params).facets()
    checked = 0
    for facet in facets:
        for value in facet["values"]:
            chosen = params.copy()
            chosen.setlist(facet["param"], [value["value"]])  # this value alone, the other filters kept
            search = CaseSearch(chosen)
            assert not search.errors, (facet["param"], value, search.errors)
            assert len(search.results) == value["count"], (asked, facet["param"], value)
            checked += 1
    assert checked > 5


def test_unpublishing_a_unit_takes_it_out_of_every_count(client, indexing):
    unit = PilotUnit.objects.published().filter(measures__practices__isnull=False).distinct().first()
    practice = unit.measures.filter(practices__isnull=False).first().practices.first()

    def counts():
        facets = client.get(reverse("case-facets"), {"county": unit.region.county.name}).json()
        return {(facet["param"], value["value"]): value["count"] for facet in facets for value in facet["values"]}

    before = counts()
    with indexing():
        unit.status = PublicationStatus.DRAFT
        unit.save()
    assert not UnitFacets.objects.filter(unit=unit).exists()
    assert not UnitFacetValue.objects.filter(unit=unit).exists()
    after = counts()
    for key in [("kind", unit.kind), ("practice", practice.code), ("area", practice.area.code)]:
        assert after.get(key, 0) == before[key] - 1, key
    assert after.get(("county", unit.region.county.name), 0) == before[("county", unit.region.county.name)] - 1


def test_a_draft_unit_is_never_counted(client, indexing):
    with indexing():
        a_unit("温岭市草稿街道总工会", status=PublicationStatus.DRAFT, designated_year=1999, pilot_level="provincial")
    assert not UnitFacets.objects.filter(unit__name="温岭市草稿街道总工会").exists()
    facets = {facet["param"]: facet for facet in client.get(reverse("case-facets")).json()}
    assert "1999" not in {value["value"] for value in facets["designated_year"]["values"]}


def test_the_rows_follow_a_year_a_column_and_a_practice(client, indexing):
    with indexing():
        unit = a_unit("温岭市筛选测试街道总工会", pilot_level="provincial", designated_year=1998)
    with indexing():
        article = an_article(unit, column="sketch", status=PublicationStatus.DRAFT)
    assert table()[unit.pk] == records()[unit.pk]
    assert "column" not in table()[unit.pk]  # a draft article counts nowhere
    with indexing():
        unit.designated_year = 1997  # in no document's text: the rows follow the record all the same
        unit.save()
    with indexing():
        article.status = PublicationStatus.PUBLISHED
        article.save()
    with indexing():
        measure = ReformMeasure.objects.create(unit=unit, title="测试做法")
        measure.practices.add(Practice.objects.first())
    assert table()[unit.pk] == records()[unit.pk]
    assert table()[unit.pk]["designated_year"] == {"1997"} and table()[unit.pk]["column"] == {"sketch"}
    facets = {facet["param"]: facet for facet in client.get(reverse("case-facets"), {"q": "筛选测试"}).json()}
    assert [(value["value"], value["count"]) for value in facets["designated_year"]["values"]] == [("1997", 1)]
    assert [value["value"] for value in facets["practice"]["values"]] == [Practice.objects.first().code]


def test_the_table_is_written_again_for_the_units_asked():
    unit = PilotUnit.objects.published().first()
    UnitFacets.objects.filter(unit=unit).delete()
    assert write_unit_facets([unit.pk, 0]) == 1
    assert table()[unit.pk] == records()[unit.pk]


def test_english_labels_of_areas_and_practices(client):
    facets = {f["param"]: f for f in client.get(reverse("case-facets"), HTTP_ACCEPT_LANGUAGE="en").json()}
    assert {facet.param for facet in FACETS} == set(facets)
    area = facets["area"]["values"][0]
    assert area["label"] != area["value"]
