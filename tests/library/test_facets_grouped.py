"""The facet counts come from one grouped query over the facet table, and say what a plain ORM
count per facet over the units and their relations says."""

import pytest
from django.db import connection
from django.db.models import Count, FilteredRelation, Q
from django.test.utils import CaptureQueriesContext
from django.utils.datastructures import MultiValueDict

from library.facets import FACETS, _facet_counts
from library.filters import PilotUnitFilter
from pilots import selectors
from pilots.models import PublicationStatus

pytestmark = pytest.mark.django_db

ASKED = [
    {},
    {"q": ["帮扶"]},
    {"q": ["工会"]},
    {"q": ["调解"], "city": ["台州市"]},
    {"q": ["职工"], "city": ["台州"], "kind": ["street_federation"]},
    {"q": ['"职工服务"'], "practice": ["shared_positions"]},
    {"q": ["帮扶"], "practice": ["shared_positions"], "area": ["rights"]},
    {"column": ["sketch"]},
    {"q": ["服务"], "designated_year": ["2018"], "pilot_level": ["provincial"]},
    {"q": ["工会 -调解"], "county": ["温岭市"]},
    {"q": ["没有这个词的试点"]},
    {"q": ["调解"], "words": ["any"], "kind": ["street_federation", "community_union"]},
    {"q": ["服务 帮扶"], "area": ["rights"], "column": ["sketch"]},
    {"city": ["杭州"], "county": ["上城区"]},
    {"region": ["1"], "designated_year": ["2019"]},
]
# What an area's and a practice's value is shown by (the values are codes).
LABELS = {"area": "measures__practices__area__name", "practice": "measures__practices__name"}


def filterset(asked: dict) -> PilotUnitFilter:
    found = PilotUnitFilter(MultiValueDict(asked), queryset=selectors.public_units())
    assert found.is_valid(), found.errors
    return found


def one_query_per_facet(filterset: PilotUnitFilter) -> list[dict]:
    """What the facets counted before (one query per facet), kept here as the reference."""
    data, cleaned, result = filterset.data, filterset.form.cleaned_data, []
    for facet in FACETS:
        queryset = filterset.queryset.all()
        for name, value in cleaned.items():
            if name != facet.param:
                queryset = filterset.filters[name].filter(queryset, value)
        label_field = LABELS.get(facet.param)
        fields = [facet.field] + ([label_field] if label_field else [])
        if facet.field.startswith("published_articles__"):
            queryset = queryset.annotate(
                published_articles=FilteredRelation(
                    "articles", condition=Q(articles__status=PublicationStatus.PUBLISHED)
                )
            )
        rows = (
            queryset.filter(**{f"{facet.field}__isnull": False})
            .values(*fields)
            .annotate(count=Count("pk", distinct=True))
            .order_by()
        )
        selected = set(data.getlist(facet.param))
        choices = facet.choices
        values = []
        # Most units first, then by value as text: the same order on both engines.
        for row in sorted(rows, key=lambda row: (-row["count"], str(row[facet.field]))):
            value = row[facet.field]
            label = row[label_field] if label_field else (choices.get(value, value) if choices else value)
            values.append(
                {"value": str(value), "label": str(label), "count": row["count"], "selected": str(value) in selected}
            )
        result.append({"param": facet.param, "label": str(facet.label), "multiple": facet.multiple, "values": values})
    return result


@pytest.mark.parametrize("asked", ASKED, ids=lambda asked: "&".join(f"{k}={v[0]}" for k, v in asked.items()) or "all")
def test_one_grouped_query_counts_what_one_query_per_facet_counted(asked):
    found = filterset(asked)
    with CaptureQueriesContext(connection) as queries:
        grouped = _facet_counts(found)
    assert len(queries) == 1  # one query for all the facets
    expected = one_query_per_facet(filterset(asked))
    assert grouped == expected
    if asked in ({}, {"q": ["帮扶"]}, {"q": ["工会"]}):  # the comparison is not of empty lists
        assert all(facet["values"] for facet in grouped if facet["param"] not in ("column",))
