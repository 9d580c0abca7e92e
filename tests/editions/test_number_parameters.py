"""Every id, year and version number typed into the editors' and the dashboards' screens is read by
``pilots.validation``: a superscript digit ("²" is a digit to ``str.isdigit()``) or a 20-digit
number is a clean error (400 or a message on the screen), never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from editions import services

HUGE = "99999999999999999999"
BAD = ["²", HUGE, "-1", "1.5"]


@pytest.fixture
def editor(client, people):
    client.force_login(people["editor"])
    return client


@pytest.fixture
def frozen(small_issue, people):
    edition = small_issue["edition"]
    services.edition_freeze(edition=edition, user=people["editor"], accept_warnings=True)
    return small_issue


def _said(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.mark.parametrize("value", BAD)
def test_version_compare(editor, frozen, value):
    pk = frozen["edition"].pk
    response = editor.get(reverse("editions:versions", args=[pk]), {"a": value, "b": "1"})
    assert response.status_code == 200
    assert "版本号（a）应为正整数" in response.content.decode()


@pytest.mark.parametrize("value", BAD)
def test_publish_a_version(editor, frozen, value):
    edition = frozen["edition"]
    response = editor.post(reverse("editions:publish", args=[edition.pk]), {"version": value})
    assert response.status_code == 302
    assert "没有这个版本" in _said(response)
    edition.refresh_from_db()
    assert edition.published_version is None


@pytest.mark.parametrize("value", BAD)
def test_add_an_article(editor, small_issue, value):
    edition, section = small_issue["edition"], small_issue["features"]
    response = editor.post(reverse("editions:articles-add", args=[edition.pk, section.pk]), {"article": value})
    assert response.status_code == 302
    assert "文章编号（article）应为正整数" in _said(response)
    assert not section.entries.exists()


@pytest.mark.parametrize("value", BAD)
def test_add_results_with_a_bad_section(editor, small_issue, value):
    response = editor.post(reverse("editions:add-results"), {"section": value, "unit": small_issue["units"][0].pk})
    assert response.status_code == 302
    assert "请选择要加入的专刊栏目" in _said(response)


@pytest.mark.parametrize("value", BAD)
def test_add_results_with_a_bad_unit(editor, small_issue, value):
    section = small_issue["features"]
    response = editor.post(reverse("editions:add-results"), {"section": section.pk, "unit": value})
    assert response.status_code == 302
    assert "单位编号（unit）应为正整数" in _said(response)
    assert not section.entries.exists()


@pytest.mark.parametrize("value", BAD)
def test_move_an_entry_to_a_bad_section(editor, small_issue, value):
    edition = small_issue["edition"]
    entry = small_issue["sketches"].entries.first()
    response = editor.post(reverse("editions:entry", args=[edition.pk, entry.pk]), {"action": "move", "section": value})
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["²", HUGE, "1e3"])
def test_the_dashboard_reporting_year(client, people, value):
    client.force_login(people["staff"])
    response = client.get(reverse("dashboards"), {"year": value})
    assert response.status_code == 200
    assert "年度应为 2017—2100 之间的整数" in response.content.decode()


@pytest.mark.parametrize(("name", "value"), [("year", "²"), ("region", "²"), ("year", HUGE), ("region", HUGE)])
def test_the_reporting_panel(client, people, name, value):
    client.force_login(people["staff"])
    response = client.get("/api/dashboards/reporting/", {name: value})
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize(
    "query",
    [
        {"compare_year": "²"},
        {"compare_year": HUGE},
        {"compare_year": "2020", "year": "²"},
        {"year": "²", "indicator": "members"},
        {"region": "²"},
        {"region": HUGE},
    ],
)
@pytest.mark.parametrize("name", ["dashboards", "dashboards-workbook"])
def test_the_dashboard_and_its_workbook_read_numbers_cleanly(client, people, name, query):
    client.force_login(people["staff"])
    response = client.get(reverse(name), query)
    assert response.status_code in (200, 400), response.content[:300]


@pytest.mark.parametrize("value", ["-1", "0", "²", HUGE, "10000"])
def test_the_reporting_rate_year(client, people, value):
    # Found by the page fuzz (seed 4263346228): ?year=-1 asked for the deadline of year 0, a 500.
    client.force_login(people["staff"])
    for params in ({"year": value}, {"year": value, "format": "csv"}):
        assert client.get(reverse("reports:reporting-rate"), params).status_code == 404
