"""Each panel's aggregation against the hand-built province (tests/dashboards/conftest.py)."""

import csv
import io

import pytest
from django.urls import reverse

from .conftest import YEAR

pytestmark = [pytest.mark.django_db, pytest.mark.own_data]


def get(client, panel, **params):
    response = client.get(reverse(f"dashboards-api-{panel}"), {"designated_year": YEAR, **params})
    assert response.status_code == 200, response.content
    return response.json()


def csv_rows(client, panel, **params) -> list[list[str]]:
    response = client.get(reverse(f"dashboards-api-{panel}"), {"designated_year": YEAR, "format": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # Excel opens the Chinese intact
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_map_counts_published_units_per_county_and_city(client, province):
    data = get(client, "map")
    assert data["total"] == 4  # the draft and the unit designated in 2030 do not count
    counties = {row["name"]: row["count"] for row in data["counties"]}
    cities = {row["name"]: row["count"] for row in data["cities"]}
    assert counties["温岭市"] == 3 and counties["安吉县"] == 1 and counties["上城区"] == 0
    assert cities["台州市"] == 3 and cities["湖州市"] == 1 and len(cities) == 11
    # The 2018 divisions: 江干区 and 下城区 are there, 钱塘区 (2021) is not while it holds no unit.
    assert {"江干区", "下城区"} <= set(counties) and "钱塘区" not in counties


def test_pilots_by_city_kind_level_and_year(client, province):
    data = get(client, "pilots")
    assert data["total"] == 4
    assert {r["value"]: r["count"] for r in data["by_kind"]} == {"street_federation": 3, "community_union": 1}
    assert {r["label"]: r["count"] for r in data["by_city"]} == {"台州市": 3, "湖州市": 1}
    assert data["by_year"] == [{"value": "2031", "label": "2031", "count": 4}]
    assert {r["value"]: r["count"] for r in data["by_pilot_level"]} == {"city_county": 4}
    stacked = {(r["city"], r["kind"]): r["count"] for r in data["by_city_kind"]}
    assert stacked == {
        ("台州市", "street_federation"): 2,
        ("台州市", "community_union"): 1,
        ("湖州市", "street_federation"): 1,
    }


def _practice(data, code):
    return next(p for area in data["areas"] for p in area["practices"] if p["code"] == code)


def test_practices_count_units_of_the_street_pilots_by_default(client, province):
    data = get(client, "practices")
    assert data["total"] == 3  # street federations a, b, c (d is a community union; the draft never counts)
    zjg, grid = _practice(data, "zjg_team"), _practice(data, "grid_management")
    assert (zjg["count"], zjg["share"]) == (1, round(1 / 3, 4))  # a's two measures count once
    assert (grid["count"], grid["percent"]) == (2, 67)
    assert [area["code"] for area in data["areas"]][:5] == [
        "staff",
        "organisation",
        "positions",
        "institutions",
        "rights",
    ]


def test_practices_follow_the_kind_filter_and_agree_with_the_shared_statistic(client, province):
    from pilots.models import PilotUnit
    from pilots.statistics import practice_adoption

    data = get(client, "practices", kind=["street_federation", "community_union"])
    assert data["total"] == 4 and _practice(data, "zjg_team")["count"] == 2
    units = PilotUnit.objects.published().filter(designated_year=2031)
    assert practice_adoption(units).practice("zjg_team").count == 2


def test_each_practice_links_to_the_units_it_counted(client, province):
    page = client.get(reverse("dashboards"), {"designated_year": YEAR}).content.decode()
    link = "/cases/?kind=street_federation&amp;designated_year=2031&amp;practice=grid_management"
    assert link in page
    listed = client.get(
        "/api/cases/", {"designated_year": YEAR, "kind": "street_federation", "practice": "grid_management"}
    )
    assert {row["name"] for row in listed.json()["results"]} == {province["a"].name, province["b"].name}


def test_indicator_keeps_qualifiers_prefers_the_approved_record_and_hides_drafts(client, province):
    data = get(client, "indicators", indicator="members")
    assert data["indicator"]["name"] == "会员人数"
    assert data["units"] == 3 and data["values_count"] == 5  # d has no value; drafts are not listed
    values = {(row["unit"]["name"], row["year"], row["value"]): row for row in data["values"]}
    assert 99999 not in {row["value"] for row in data["values"]} and 77777 not in {
        row["value"] for row in data["values"]
    }
    assert 55555 not in {row["value"] for row in data["values"]}  # outside the filter
    open_value = values[province["c"].name, 2019, 500]
    assert open_value["open_range"] and open_value["qualifier"] == "at_least" and open_value["display"] == "500人以上"
    record = values[province["a"].name, 2019, 1200]
    assert (
        record["source"]["kind"] == "record"
        and record["source"]["record"] == province["record"].pk
        and record["counted"]
    )
    assert not values[province["a"].name, 2019, 1100]["counted"]
    years = {row["year"]: row for row in data["by_year"]}
    assert (years[2018]["n"], years[2018]["sum"]) == (1, 1000)
    assert (years[2019]["n"], years[2019]["sum"], years[2019]["median"], years[2019]["qualified"]) == (3, 4700, 1200, 1)
    cities = {(row["city"], row["year"]): row for row in data["by_city"]}
    assert (cities["台州市", 2019]["n"], cities["台州市", 2019]["sum"], cities["台州市", 2019]["median"]) == (
        2,
        4200,
        2100,
    )
    assert cities["湖州市", 2019]["qualified"] == 1


def test_an_open_range_is_listed_as_at_least_never_as_exact(client, province):
    data = get(client, "indicators", indicator="union_founding_rate")
    (row,) = data["values"]
    assert row["display"] == "95%以上" and row["open_range"]
    page = client.get(reverse("dashboards"), {"designated_year": YEAR, "indicator": "union_founding_rate"})
    assert "95%以上" in page.content.decode()


def test_an_unknown_or_missing_indicator_is_a_clear_400(client, province):
    response = client.get(reverse("dashboards-api-indicators"), {"indicator": "nope"})
    assert response.status_code == 400 and "nope" in response.json()["indicator"][0]
    response = client.get(reverse("dashboards-api-indicators"), {"format": "csv"})
    assert response.status_code == 400 and "indicator" in response.json()
    response = client.get(reverse("dashboards-api-map"), {"designated_year": "二〇三一"})
    assert response.status_code == 400 and "designated_year" in response.json()


def test_csv_and_api_agree(client, province):
    data = get(client, "map")
    rows = csv_rows(client, "map")
    assert rows[0] == ["地级市", "县（市、区）", "行政区划代码", "试点单位数"]
    assert {r[1]: int(r[3]) for r in rows[1:]} == {c["name"]: c["count"] for c in data["counties"]}

    practices = get(client, "practices")
    rows = csv_rows(client, "practices")
    zjg = next(r for r in rows if r[1] == "专兼挂（轮）队伍")
    assert zjg[2:] == ["1", "3", "33%"] and len(rows) - 1 == sum(len(a["practices"]) for a in practices["areas"])

    indicator = get(client, "indicators", indicator="members")
    rows = csv_rows(client, "indicators", indicator="members")
    assert len(rows) - 1 == indicator["values_count"]
    assert [province["c"].name, "湖州市", "2019", "500", "以上", "500人以上"] == rows[-1][:6] or any(
        r[:6] == [province["c"].name, "湖州市", "2019", "500", "以上", "500人以上"] for r in rows
    )
    cities = csv_rows(client, "indicators", indicator="members", table="cities")
    assert ["台州市", "2019", "2", "4200", "2100", "0", "街道总工会"] in cities  # never "4200.0"

    pilots = get(client, "pilots")
    rows = csv_rows(client, "pilots")
    assert sum(int(r[2]) for r in rows[1:] if r[0] == "类型") == pilots["total"]


@pytest.mark.parametrize(
    "params",
    [
        {"city": "台州市"},
        {"county": "安吉县"},
        {"kind": "community_union"},
        {"practice": "grid_management"},
        {"area": "staff"},
        {"city": "台州", "kind": ["street_federation", "community_union"]},
    ],
)
def test_a_filter_means_the_same_on_a_chart_in_the_library_and_in_the_csv(client, province, params):
    params = {"designated_year": YEAR, **params}
    total = client.get(reverse("dashboards-api-map"), params).json()["total"]
    pilots = client.get(reverse("dashboards-api-pilots"), params).json()["total"]
    library = client.get("/api/cases/", params).json()["count"]
    exported = client.get("/api/cases/", {**params, "format": "csv"}).content.decode("utf-8-sig").strip().splitlines()
    page = client.get(reverse("library-cases"), params).content.decode()
    assert total == pilots == library == len(exported) - 1
    assert f"共 {library} 家" in page


def test_an_empty_selection_says_so_in_chinese(client, province):
    response = client.get(reverse("dashboards"), {"designated_year": "1950"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("没有符合筛选条件的试点单位。") == 3 and "所选单位没有该指标的已发布数值。" in page
    # The charts and tables are there for the script to fill when a filter finds units, hidden meanwhile;
    # the "nothing" lines are shown.
    for panel in ("map", "pilots", "practices", "indicators"):
        assert f'<div data-when="{panel}" hidden>' in page
    assert '<p class="empty" data-empty hidden>' not in page


def test_the_page_is_tables_first_with_downloads_and_no_inline_script(client, province):
    response = client.get(reverse("dashboards"), {"designated_year": YEAR})
    page = response.content.decode()
    assert response.status_code == 200
    for panel in ("map", "pilots", "indicators"):
        assert f"/api/dashboards/{panel}/?designated_year=2031" in page
    assert "/api/dashboards/practices/?kind=street_federation&amp;designated_year=2031&amp;format=csv" in page
    assert "1 / 3（33%）" in page  # 专兼挂（轮）队伍 of the street pilots
    assert "覆盖 4 家单位" in page and "街道总工会 3 家 · 未选类型时统计街道总工会" in page
    assert 'id="data-map" type="application/json"' in page
    import re

    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page)
    assert scripts == []  # data comes through json_script; the drawing code is a static file
    assert "统计概览" in client.get("/").content.decode()  # in the navigation


def test_the_page_reports_bad_filters_in_chinese(client, province):
    response = client.get(reverse("dashboards"), {"designated_year": "abc", "indicator": "nope"})
    page = response.content.decode()
    assert response.status_code == 400 and "确定为试点年份" in page and "没有代码为“nope”的指标。" in page


def test_the_api_is_in_the_openapi_schema_with_its_shapes(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    for panel in ("map", "pilots", "practices", "indicators", "reporting"):
        assert f"/api/dashboards/{panel}/" in schema["paths"]
    practices = schema["paths"]["/api/dashboards/practices/"]["get"]
    assert {"kind", "city", "practice", "format"} <= {p["name"] for p in practices["parameters"]}
    assert set(schema["components"]["schemas"]["Practices"]["properties"]) == {
        "total",
        "areas",
        "by_designated_year",
        "by_reporting_year",
    }
    assert {"code", "name", "count", "share"} <= set(schema["components"]["schemas"]["PracticeShare"]["properties"])


def test_the_filter_bar_as_submitted_with_unchosen_selects_means_all(client, province):
    empty = dict.fromkeys(("city", "county", "kind", "pilot_level", "area", "practice", "column"), "")
    response = client.get(reverse("dashboards"), {**empty, "designated_year": YEAR, "indicator": "members"})
    assert response.status_code == 200 and "覆盖 4 家单位" in response.content.decode()
    assert get(client, "map", **empty)["total"] == 4


def test_names_from_the_data_reach_the_page_escaped(client, province):
    from tests.factories import a_street, a_unit, a_value

    unit = a_unit(
        '温岭市<img src=x onerror="alert(1)">工会', region=a_street("看板转义街道", "温岭市"), designated_year=2031
    )
    a_value(unit, "members", 10, year=2019, phrase="10名").save()
    page = client.get(reverse("dashboards"), {"designated_year": YEAR}).content.decode()
    assert "<img" not in page
    assert "&lt;img" in page  # the table
    assert "\\u003Cimg" in page  # the json_script data
