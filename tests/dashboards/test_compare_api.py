"""``/api/dashboards/compare/``: two regions or two years side by side, from the same public units and
filters as the other panels, each row saying the kind of unit it counts; the page prints its strings."""

import re

import pytest
from django.urls import reverse

from .conftest import YEAR

pytestmark = [pytest.mark.django_db, pytest.mark.own_data]

URL = "/api/dashboards/compare/"


def compare(client, status=200, **params):
    response = client.get(URL, {"designated_year": YEAR, **params})
    assert response.status_code == status, response.content
    return response.json()


def test_two_cities_side_by_side_with_the_differences(client, province):
    data = compare(client, city="台州市", compare_city="湖州市")
    assert (data["mode"], data["first"], data["second"]) == ("regions", "台州市", "湖州市")
    assert data["practice_kind"] == {"code": "street_federation", "label": "街道总工会"}
    grid = next(row for row in data["practices"] if row["code"] == "grid_management")
    # 台州市: a and b (streets; d is a community union, the draft never counts); 湖州市: c, no measure.
    assert grid["first"] == {"count": 2, "total": 2, "percent": 100, "display": "100%（2/2）"}
    assert grid["second"] == {"count": 0, "total": 1, "percent": 0, "display": "0%（0/1）"}
    assert (grid["difference"], grid["difference_display"]) == (-100, "-100")
    assert {row["kind"] for row in data["practices"]} == {"street_federation"}
    years = {row["year"]: row for row in data["indicator_years"]}
    # 2019: a 1200 (its approved record), b 3000 in 台州市; c "500以上" in 湖州市 (the draft's 99999 never).
    assert years[2019]["first"]["n"] == 2 and years[2019]["first"]["display"] == "2 家，中位数 2,100人"
    assert years[2019]["second"]["display"] == "1 家，中位数 500人"
    assert years[2019]["difference_display"] == "-1,600人"
    assert years[2018]["second"] is None and years[2018]["difference_display"] == "—"
    assert {(row["kind"], row["kind_label"]) for row in data["indicator_years"]} == {
        ("street_federation", "街道总工会")
    }


def test_two_years_per_city(client, province):
    data = compare(client, year="2018", compare_year="2019")
    assert (data["mode"], data["first"], data["second"]) == ("years", 2018, 2019)
    rows = {row["city"]: row for row in data["indicator_cities"]}
    assert rows["台州市"]["first"]["display"] == "1 家，中位数 1,000人"
    assert rows["台州市"]["second"]["display"] == "2 家，中位数 2,100人"
    assert rows["台州市"]["difference_display"] == "1,100人"
    assert rows["湖州市"]["first"] is None and rows["湖州市"]["difference_display"] == "—"


def test_the_page_prints_the_apis_strings(client, province):
    params = {"designated_year": YEAR, "city": "台州市", "compare_city": "湖州市"}
    data = compare(client, **{k: v for k, v in params.items() if k != "designated_year"})
    page = client.get(reverse("dashboards"), params).content.decode()
    section = page[page.index('id="panel-compare"') :]
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td>(.*?)</td>", section)]
    for row in data["practices"]:
        assert [row["name"], row["first"]["display"], row["second"]["display"], row["difference_display"]] in [
            cells[i : i + 4] for i in range(len(cells))
        ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "compare_city"),
        ({"compare_city": "不存在市"}, "compare_city"),
        ({"compare_city": "杭州市\x00"}, "compare_city"),
        ({"compare_year": "二〇一九"}, "compare_year"),
        ({"compare_year": "9" * 30}, "compare_year"),
        ({"compare_city": "湖州市", "kind": "nonsense"}, "kind"),
        ({"compare_city": "湖州市", "indicator": "no_such"}, "indicator"),
        ({"compare_city": "湖州市", "indicator_kind": "nonsense"}, "indicator_kind"),
        ({"compare_city": "湖州市", "designated_year": "²"}, "designated_year"),
    ],
)
def test_bad_parameters_answer_400_naming_the_field(client, province, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_public_units_only_and_the_schema_lists_it(client, province):
    # Anyone may read it (the panels' permission class); the draft unit's measures never count.
    data = compare(client, city="台州市", compare_city="湖州市")
    team = next(row for row in data["practices"] if row["code"] == "zjg_team")
    assert team["first"]["count"] == 1  # a only: the draft's zjg_team is not published
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"][URL]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"compare_city", "compare_year", "city", "kind", "indicator", "indicator_kind"} <= names


def test_the_comparison_as_csv(client, province):
    response = client.get(URL, {"designated_year": YEAR, "city": "台州市", "compare_city": "湖州市", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "网格化管理,100%（2/2）,0%（0/1）,'-100,街道总工会" in text  # a leading minus kept as text
    assert "对比,,台州市,湖州市" in text
