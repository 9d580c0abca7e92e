"""Every panel obeys every filter: for each panel and each of the library's filters, the units the
panel counts are the units the library lists for that filter (``/api/cases/``), on the hand-built
province of conftest.py. The reporting panel is scoped by the account first, then filtered."""

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.services import account_setup
from pilots import selectors as pilot_selectors
from pilots.models import IndicatorValue, PilotLevel

from .conftest import YEAR

pytestmark = pytest.mark.django_db

FILTERS = [
    {},
    {"city": "台州市"},
    {"city": "湖州市"},
    {"county": "温岭市"},
    {"county": "安吉县"},
    {"kind": "community_union"},
    {"kind": ["street_federation", "community_union"]},
    {"pilot_level": "city_county"},
    {"pilot_level": "provincial"},
    {"practice": "grid_management"},
    {"practice": "zjg_team"},
    {"area": "staff"},
    {"city": "台州市", "practice": "zjg_team"},
]
PANELS = ["map", "pilots", "practices", "indicators", "reporting"]


def library_ids(client, params) -> set[int]:
    response = client.get("/api/cases/", {**params, "page_size": 1000})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(body["results"])
    return {row["id"] for row in body["results"]}


def panel(client, name, params):
    response = client.get(reverse(f"dashboards-api-{name}"), params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def staff(db):
    return account_setup(username="dash_every_filter_staff", role=Role.STAFF)[0]


@pytest.mark.parametrize("name", PANELS)
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_the_panel_counts_the_units_the_library_lists(client, province, staff, name, filters):
    params = {"designated_year": YEAR, **filters}
    listed = library_ids(client, params)
    if name == "map":
        data = panel(client, name, params)
        assert data["total"] == len(listed)
        assert data["on_map"] + sum(row["count"] for row in data["off_map"]) == len(listed)
    elif name == "pilots":
        data = panel(client, name, params)
        assert data["total"] == len(listed) == sum(row["count"] for row in data["by_kind"])
    elif name == "practices":
        # Without a kind the panel counts the street pilots: the library's list of them.
        kinds = {"kind": "street_federation"} if "kind" not in filters else {}
        data = panel(client, name, params)
        assert data["total"] == len(library_ids(client, {**params, **kinds}))
    elif name == "indicators":
        data = panel(client, name, {**params, "indicator": "members"})
        with_values = set(
            pilot_selectors.public_indicator_values()
            .filter(definition__code="members", unit__in=listed)
            .values_list("unit_id", flat=True)
        )
        assert sum(kind["units"] for kind in data["kinds"]) == len(with_values)
        assert {row["unit"]["id"] for row in data["values"]} <= listed
        assert IndicatorValue.objects.exists()
    else:
        client.force_login(staff)
        data = panel(client, name, {**params, "year": YEAR})
        expected = {u for u in listed if province_unit(u).pilot_level != PilotLevel.NONE}
        assert data["total"]["expected"] == len(expected)
        assert sum(row["expected"] for row in data["rows"]) == len(expected)


def province_unit(pk):
    from pilots.models import PilotUnit

    return PilotUnit.objects.get(pk=pk)


def test_the_reporting_panel_shows_the_filtered_city_within_the_accounts_scope(client, province, staff):
    client.force_login(staff)
    data = panel(client, "reporting", {"year": YEAR, "designated_year": YEAR, "city": "台州市"})
    assert data["region"]["name"] == "台州市"  # the province's scope, narrowed to the filtered city
    assert [row["label"] for row in data["rows"]] == ["温岭市"] and data["total"]["expected"] == 3
    page = client.get(reverse("dashboards"), {"year": YEAR, "designated_year": YEAR, "city": "台州市"})
    assert "报送进度：台州市 · 2031年度" in page.content.decode()
    assert "应报 3 家单位" in page.content.decode()
