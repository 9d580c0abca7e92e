"""One unit of analysis per number: a city federation's own figure ("本级"), a county federation's and
their streets' figures of the same indicator are never summed or box-plotted together.

A hand-built province (designated in 2032, which no seed unit is): 台州市总工会 at the city itself,
温岭市总工会 at the county, two streets of 温岭市 and one of 临海市, all reporting 会员人数 for 2019
and 2020.
"""

import pytest
from django.urls import reverse

from dashboards.indicators import qualified_display, readable
from pilots.models import PilotLevel, Qualifier, Region, UnitKind
from tests.factories import a_street, a_unit, a_value

pytestmark = [pytest.mark.django_db, pytest.mark.own_data]
YEAR = "2032"


@pytest.fixture
def nested(db):
    common = {"pilot_level": PilotLevel.CITY_COUNTY, "designated_year": 2032}
    city = a_unit(
        "台州市看板本级总工会", region=Region.objects.get(name="台州市"), kind=UnitKind.CITY_FEDERATION, **common
    )
    county = a_unit(
        "温岭市看板本级总工会",
        region=Region.objects.resolve_county("温岭市"),
        kind=UnitKind.COUNTY_FEDERATION,
        **common,
    )
    streets = [
        a_unit("温岭市看板东街道总工会", region=a_street("看板东街道", "温岭市"), **common),
        a_unit("温岭市看板西街道总工会", region=a_street("看板西街道", "温岭市"), **common),
        a_unit("临海市看板南街道总工会", region=a_street("看板南街道", "临海市"), **common),
    ]
    figures = {
        city: {2019: 500000, 2020: 520000},
        county: {2019: 80000},
        streets[0]: {2019: 3000, 2020: 3300},
        streets[1]: {2019: 4000, 2020: 4400},
        streets[2]: {2019: 5000, 2020: 4500},
    }
    for unit, by_year in figures.items():
        for year, value in by_year.items():
            a_value(unit, "members", value, year=year, phrase=f"{value}名").save()
    return {"city": city, "county": county, "streets": streets}


def members(client, **params):
    response = client.get(
        reverse("dashboards-api-indicators"), {"designated_year": YEAR, "indicator": "members", **params}
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_the_default_series_is_the_kind_with_most_values_and_never_mixes_levels(client, nested):
    data = members(client)
    assert data["kind"] == {"code": "street_federation", "label": "街道总工会"}
    assert [(k["kind"], k["units"], k["values"]) for k in data["kinds"]] == [
        ("street_federation", 3, 6),
        ("city_federation", 1, 2),
        ("county_federation", 1, 1),
    ]
    years = {row["year"]: row for row in data["by_year"]}
    assert (years[2019]["n"], years[2019]["sum"], years[2019]["max"]) == (3, 12000, 5000)  # no 500,000, no 80,000
    cities = {(row["city"], row["year"]): row for row in data["by_city"]}
    assert cities["台州市", 2019]["sum"] == 12000 and cities["台州市", 2019]["n"] == 3
    # Every row says the kind it counts; every listed value the kind of its unit.
    assert {row["kind"] for row in data["by_year"] + data["by_city"]} == {"street_federation"}
    assert {row["kind"] for row in data["values"]} == {"street_federation"} and len(data["values"]) == 6
    assert data["units"] == 3 and data["values_count"] == 6


def test_the_federations_own_figures_are_their_own_series(client, nested):
    city = members(client, indicator_kind="city_federation")
    assert [(row["year"], row["n"], row["sum"], row["kind"]) for row in city["by_year"]] == [
        (2019, 1, 500000, "city_federation"),
        (2020, 1, 520000, "city_federation"),
    ]
    assert city["by_year"][1]["sum_display"] == "520,000人"
    assert city["by_year"][1]["change"]["sum"] == 20000
    county = members(client, indicator_kind="county_federation")
    assert [(row["year"], row["sum"]) for row in county["by_year"]] == [(2019, 80000)]
    assert {row["unit"]["name"] for row in county["values"]} == {nested["county"].name}


def test_year_on_year_change_per_region_and_for_the_province(client, nested):
    data = members(client)
    years = {row["year"]: row for row in data["by_year"]}
    assert years[2019]["change"] is None
    assert years[2020]["change"] == {"from_year": 2019, "sum": 200, "median": 400, "sum_percent": 1.7}
    cities = {(row["city"], row["year"]): row for row in data["by_city"]}
    assert cities["台州市", 2020]["change"]["sum"] == 200


def test_the_page_offers_the_kinds_and_prints_numbers_as_people_read_them(client, nested):
    page = client.get(reverse("dashboards"), {"designated_year": YEAR, "indicator_kind": "city_federation"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "市总工会（1 家，2 个数值）" in html and "街道总工会（3 家，6 个数值）" in html
    assert "520,000人" in html and "500,000人" in html
    assert "500000.0" not in html and "520000.0" not in html
    default = client.get(reverse("dashboards"), {"designated_year": YEAR}).content.decode()
    assert "12,000人" in default and "512,000" not in default  # the streets' 2019 sum, never with 本级


def test_a_kind_that_does_not_exist_is_a_clear_400(client, nested):
    response = client.get(reverse("dashboards-api-indicators"), {"indicator": "members", "indicator_kind": "nonsense"})
    assert response.status_code == 400 and "nonsense" in response.json()["indicator_kind"][0]
    page = client.get(reverse("dashboards"), {"indicator_kind": "nonsense"})
    assert page.status_code == 400 and "单位类型“nonsense”不存在" in page.content.decode()


def test_numbers_read_as_people_read_them():
    assert readable(953176.0, "人") == "953,176人"
    assert readable(52, "%") == "52%"
    assert readable(1234.5) == "1,234.5"
    assert qualified_display(95, Qualifier.AT_LEAST, "%") == "95%以上"
    assert qualified_display(19000, Qualifier.MORE_THAN, "人") == "19,000余人"
    assert qualified_display(500, Qualifier.NEARLY, "人") == "近500人"


def test_the_map_reconciles_its_total_with_the_units_it_cannot_draw(client, nested):
    data = client.get(reverse("dashboards-api-map"), {"designated_year": YEAR}).json()
    assert data["total"] == 5
    off = {row["region"]: row["count"] for row in data["off_map"]}
    assert off == {"台州市本级": 1}  # the city federation stands at the city, in no county
    assert data["on_map"] + sum(off.values()) == data["total"]
    assert [unit["name"] for unit in data["off_map_units"]] == [nested["city"].name]
    page = client.get(reverse("dashboards"), {"designated_year": YEAR}).content.decode()
    assert "地图上 4 家" in page and "台州市本级 1 家" in page


def test_two_years_side_by_side_with_the_difference(client, nested):
    page = client.get(reverse("dashboards"), {"designated_year": YEAR, "year": "2019", "compare_year": "2020"})
    html = page.content.decode()
    assert page.status_code == 200 and "对比：2019 年与 2020 年" in html
    # 台州市's streets: median 4,000 in 2019 (3,000, 4,000, 5,000), 4,400 in 2020 (3,300, 4,400, 4,500).
    assert "中位数 4,000人" in html and "中位数 4,400人" in html and "400人" in html


def test_a_comparison_with_an_unknown_city_is_a_clear_400(client, nested):
    page = client.get(reverse("dashboards"), {"compare_city": "火星市"})
    assert page.status_code == 400 and "对比的地级市“火星市”不存在" in page.content.decode()
