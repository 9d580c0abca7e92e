"""The reporting panel: reviewers and staff only, scoped like the reporting-rate page (reports.permissions)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Role
from accounts.services import account_setup
from pilots.models import PilotLevel, Region
from reports.models import AnnualRecord, RecordStatus, ReportingDeadline
from reports.selectors import reporting_rate
from tests.factories import a_street, a_unit

pytestmark = [pytest.mark.django_db, pytest.mark.own_data]


def county(name):
    return Region.objects.resolve_county(name)


@pytest.fixture
def reporting_units(db):
    level = PilotLevel.CITY_COUNTY
    units = [
        a_unit(f"温岭市报送{n}街道总工会", region=a_street(f"报送{n}街道", "温岭市"), pilot_level=level)
        for n in "甲乙丙"
    ]
    AnnualRecord.objects.create(unit=units[0], year=2030, status=RecordStatus.APPROVED)
    AnnualRecord.objects.create(unit=units[1], year=2030, status=RecordStatus.SUBMITTED)
    ReportingDeadline.objects.create(year=2030, due_on=datetime.date(2031, 3, 31))
    return units


@pytest.fixture
def people(db, reporting_units):
    unit = reporting_units[0]
    return {
        "anonymous": None,
        "no_role": get_user_model().objects.create_user("plain_dash"),
        "submitter": account_setup(username="dash_sub", role=Role.SUBMITTER, unit=unit)[0],
        "editor": account_setup(username="dash_editor", role=Role.EDITOR)[0],
        "reviewer_county": account_setup(username="dash_rev_c", role=Role.REVIEWER, region=county("温岭市"))[0],
        "reviewer_city": account_setup(
            username="dash_rev_t", role=Role.REVIEWER, region=Region.objects.get(name="台州市")
        )[0],
        "reviewer_foreign": account_setup(username="dash_rev_f", role=Role.REVIEWER, region=county("安吉县"))[0],
        "staff": account_setup(username="dash_staff", role=Role.STAFF)[0],
        "admin": account_setup(username="dash_admin", role=Role.ADMIN)[0],
    }


def ask(client, user, **params):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("dashboards-api-reporting"), {"year": "2030", **params})


@pytest.mark.parametrize(
    ("who", "region", "status"),
    [
        ("anonymous", None, 401),  # like the records API: credentials are asked for
        ("no_role", None, 403),
        ("submitter", None, 403),
        ("editor", None, 403),
        ("reviewer_county", None, 200),
        ("reviewer_county", "温岭市", 200),
        ("reviewer_county", "台州市", 404),  # above its scope
        ("reviewer_city", "温岭市", 200),
        ("reviewer_foreign", None, 200),
        ("reviewer_foreign", "温岭市", 404),  # a foreign region does not exist for it
        ("reviewer_foreign", "999999", 404),
        ("staff", "温岭市", 200),
        ("staff", None, 200),
        ("admin", "台州市", 200),
    ],
)
def test_scope_of_the_reporting_panel_for_every_role(client, people, who, region, status):
    params = {}
    if region is not None:
        params["region"] = region if region.isdigit() else str(Region.objects.get(name=region).pk)
    response = ask(client, people[who], **params)
    assert response.status_code == status, response.content


def test_the_panel_shows_what_the_reporting_rate_computes(client, people):
    wenling = county("温岭市")
    response = ask(client, people["reviewer_county"], region=str(wenling.pk))
    data = response.json()
    total, rows = reporting_rate(wenling, 2030)
    assert data["total"]["expected"] == total.expected >= 3
    assert (data["total"]["submitted"], data["total"]["approved"]) == (total.submitted, total.approved)
    assert [row["label"] for row in data["rows"]] == [str(row.unit or row.region) for row in rows]
    assert data["deadline"] == "2031-03-31"
    exported = ask(client, people["reviewer_county"], region=str(wenling.pk), format="csv")
    lines = exported.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "区域 / 单位,应报,已报送,已通过,逾期,报送率（%）"
    assert lines[-1].startswith(f"合计,{total.expected},{total.submitted},{total.approved},")


def test_a_bad_year_is_a_clear_400(client, people):
    response = ask(client, people["staff"], year="明年")
    assert response.status_code == 400 and "年度" in response.json()["year"][0]


@pytest.mark.parametrize(
    ("who", "shown"),
    [("anonymous", False), ("submitter", False), ("editor", False), ("reviewer_county", True), ("staff", True)],
)
def test_the_page_shows_the_reporting_panel_to_reviewers_and_staff_only(client, people, who, shown):
    if people[who] is not None:
        client.force_login(people[who])
    page = client.get(reverse("dashboards"), {"year": "2030"}).content.decode()
    assert ('id="panel-reporting"' in page) is shown
    if who == "reviewer_county":
        assert "报送进度：温岭市 · 2030年度" in page


def test_the_page_names_a_bad_reporting_year(client, people):
    client.force_login(people["staff"])
    page = client.get(reverse("dashboards"), {"year": "明年"}).content.decode()
    assert "年度应为 2017—2100 之间的整数" in page and 'id="panel-reporting"' not in page
