import pytest
from django.urls import reverse

from pilots.models import PilotUnit

from .factories import a_unit, a_value, an_article

pytestmark = pytest.mark.django_db


def test_the_unit_list_is_paginated_with_the_documented_shape(client):
    data = client.get(reverse("unit-list"), {"page_size": 5}).json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == PilotUnit.objects.published().count() and len(data["results"]) == 5
    assert {"id", "name", "kind", "city", "county", "street", "pilot_level"} <= set(data["results"][0])


def test_page_size_is_capped_at_500(client):
    for index in range(5):
        a_unit(f"温岭市测试街道第{index}工会")
    data = client.get(reverse("unit-list"), {"page_size": 100000}).json()
    assert len(data["results"]) == min(500, data["count"])
    assert client.get(reverse("unit-list"), {"page_size": 2}).json()["next"] is not None


def test_a_unit_is_placed_by_city_county_and_street(client):
    unit = PilotUnit.objects.get(name="温岭市城东街道总工会")
    data = client.get(reverse("unit-detail", args=[unit.pk])).json()
    assert (data["city"], data["county"], data["street"]) == ("台州市", "温岭市", "城东街道")


def test_the_unit_detail_carries_measures_positions_values_and_articles(client):
    unit = PilotUnit.objects.get(name="杭州市上城区小营街道总工会")
    data = client.get(reverse("unit-detail", args=[unit.pk])).json()
    assert data["measures"] and data["measures"][0]["practices"]
    assert data["indicator_values"][0]["qualifier"] in {"exact", "at_least", "about", "nearly", "more_than"}
    assert data["indicator_values"][0]["source"]["file"] == "000_ac4ce678d924a366.txt"
    assert {a["column"] for a in data["articles"]} >= {"feature"}


def test_filters_by_city_and_practice(client):
    data = client.get(reverse("unit-list"), {"city": "台州市", "page_size": 500}).json()
    assert data["count"] > 10
    assert {row["city"] for row in data["results"]} == {"台州市"}
    by_practice = client.get(reverse("unit-list"), {"practice": "mediation_centre", "page_size": 500}).json()
    assert 0 < by_practice["count"] < PilotUnit.objects.count()


def test_an_unknown_filter_value_is_a_clear_400_not_a_500(client):
    response = client.get(reverse("unit-list"), {"kind": "castle"})
    assert response.status_code == 400 and "kind" in response.json()
    assert client.get(reverse("unit-list"), {"page": 9999}).status_code == 404


def test_draft_units_never_appear(client):
    draft = a_unit("温岭市草稿街道总工会", status="draft")
    names = [row["name"] for row in client.get(reverse("unit-list"), {"page_size": 500}).json()["results"]]
    assert draft.name not in names
    assert client.get(reverse("unit-detail", args=[draft.pk])).status_code == 404


def test_draft_articles_and_their_figures_never_appear(client):
    unit = a_unit()
    published = an_article(unit, headline="已发布的文章")
    draft = an_article(unit, headline="草稿文章", status="draft")
    figure = a_value(unit, "members", 1200, source_article=draft, phrase="会员1200名")
    figure.save()
    a_value(unit, "members", 1000, source_article=published, phrase="会员1000名").save()
    data = client.get(reverse("unit-detail", args=[unit.pk])).json()
    assert [a["headline"] for a in data["articles"]] == ["已发布的文章"]
    assert [v["phrase"] for v in data["indicator_values"]] == ["会员1000名"]
    assert client.get(reverse("article-detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("article-detail", args=[published.pk])).status_code == 200


def test_regions_practices_and_indicators(client):
    regions = client.get(reverse("region-list"), {"level": "city"}).json()
    assert regions["count"] == 11
    practices = client.get(reverse("practice-list")).json()
    assert {"zjg_team", "grid_management", "shared_positions"} <= {p["code"] for p in practices}
    assert practices[0]["area"]["name"]
    indicators = client.get(reverse("indicator-list")).json()
    rate = next(i for i in indicators if i["code"] == "union_founding_rate")
    assert (rate["value_type"], rate["unit"], rate["min_value"], rate["max_value"]) == ("percent", "%", 0, 100)
    assert len(indicators) >= 30


def test_the_api_is_read_only(client):
    unit = PilotUnit.objects.first()
    assert client.post(reverse("unit-list"), {"name": "x"}).status_code == 405
    assert client.delete(reverse("unit-detail", args=[unit.pk])).status_code == 405


@pytest.mark.django_db
def test_the_browsable_api_alone_may_style_inline(client, settings):
    """DRF's browsable pages (DEBUG only) set styles inline: the policy allows that on them and nowhere else;
    inline scripts stay refused."""
    browsable = client.get("/api/practices/", HTTP_ACCEPT="text/html")
    assert browsable.status_code == 200 and browsable["Content-Type"].startswith("text/html")
    policy = browsable["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy and "script-src 'self';" in policy + ";"
    for other in (client.get("/api/practices/"), client.get("/cases/")):
        assert "unsafe-inline" not in other["Content-Security-Policy"]
