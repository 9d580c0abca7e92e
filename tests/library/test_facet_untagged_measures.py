"""A unit with one measure left untagged still counts under the practices of its other measures."""

import pytest
from django.urls import reverse

from pilots.models import Practice, ReformMeasure
from tests.factories import a_street, a_unit, an_article

pytestmark = [pytest.mark.django_db, pytest.mark.own_data]


def test_the_practice_facet_counts_units_that_also_have_an_untagged_measure(client, django_capture_on_commit_callbacks):
    # Written as a request writes: on commit the index and the facet table follow.
    with django_capture_on_commit_callbacks(execute=True):
        unit = a_unit("温岭市无标签街道总工会", region=a_street("无标签街道", "温岭市"))
        an_article(unit, headline="独一无二的测试标题词", body="独一无二的测试标题词")
        ReformMeasure.objects.create(unit=unit, title="有标签的举措").practices.set(
            Practice.objects.filter(code="matchmaking")
        )
        ReformMeasure.objects.create(unit=unit, title="没有标签的举措")
    facets = client.get(reverse("case-facets"), {"kind": "street_federation", "county": "温岭市"}).json()
    practice = next(facet for facet in facets if facet["param"] == "practice")
    counts = {value["value"]: value["count"] for value in practice["values"]}
    listed = client.get(
        reverse("case-list"), {"kind": "street_federation", "county": "温岭市", "practice": "matchmaking"}
    )
    assert counts["matchmaking"] == listed.json()["count"]
