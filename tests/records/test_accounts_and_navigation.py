"""Reviewers manage their region's unit accounts; every account changes its own password; the
navigation links only pages the account may open."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Role

MANAGE = {
    "submitter_own": 403,
    "submitter_foreign": 403,
    "reviewer_county": "ok",
    "reviewer_city": "ok",
    "reviewer_foreign": 404,
    "staff": 403,
    "editor": 403,
    "admin": "ok",
    "no_role": 403,
}


@pytest.mark.parametrize("actor", MANAGE)
def test_a_reviewer_resets_the_password_of_its_regions_units_only(client, accounts, actor):
    target = accounts["submitter_own"]
    client.force_login(accounts[actor])
    response = client.post(reverse("accounts:account-reset", args=[target.pk]))
    old_hash = target.password
    target.refresh_from_db()
    if MANAGE[actor] == "ok":
        assert response.status_code == 200 and "只显示这一次" in response.content.decode()
        assert target.password != old_hash
        password = response.content.decode().split('class="password">')[1].split("<")[0]
        assert target.check_password(password)
    else:
        assert response.status_code == MANAGE[actor] and target.password == old_hash


def test_a_reviewer_creates_a_submitter_for_a_unit_and_deactivates_it(client, accounts, home_unit, foreign_unit):
    client.force_login(accounts["reviewer_county"])
    page = client.get(reverse("accounts:account-list")).content.decode()
    assert home_unit.name in page and foreign_unit.name not in page
    response = client.post(reverse("accounts:account-create"), {"username": "wenqiao", "unit": home_unit.pk})
    assert response.status_code == 200, response.content.decode()[-3000:]
    user = get_user_model().objects.get(username="wenqiao")
    assert user.membership.role == Role.SUBMITTER and user.membership.unit == home_unit
    refused = client.post(reverse("accounts:account-create"), {"username": "outsider", "unit": foreign_unit.pk})
    assert refused.status_code == 400 and not get_user_model().objects.filter(username="outsider").exists()
    # The unit's id in other digits or too long for any id is refused, as on every form (one number parser).
    other_digits = str(home_unit.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    for unit in (other_digits, f" {home_unit.pk}.0", "9" * 20):
        refused = client.post(reverse("accounts:account-create"), {"username": "arabic", "unit": unit})
        assert refused.status_code == 400 and "试点单位" in refused.content.decode(), unit
        assert not get_user_model().objects.filter(username="arabic").exists(), unit
    confirm = client.get(reverse("accounts:account-deactivate", args=[user.pk]))
    assert "确认停用" in confirm.content.decode()
    user.refresh_from_db()
    assert user.is_active
    client.post(reverse("accounts:account-deactivate", args=[user.pk]))
    user.refresh_from_db()
    assert not user.is_active


@pytest.mark.parametrize("actor", ["submitter_own", "reviewer_county", "staff", "editor", "no_role"])
def test_every_account_changes_its_own_password(client, accounts, actor):
    user = accounts[actor]
    user.set_password("Old-Secret-42")
    user.save()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": "Old-Secret-42", "new_password1": "Neue-Kennwort-77", "new_password2": "Neue-Kennwort-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Neue-Kennwort-77")


NAV = {
    # actor: links shown in the site header and the records navigation
    "anonymous": {"admin": False, "records": False, "rate": False},
    "submitter_own": {"admin": False, "records": True, "rate": False},
    "editor": {"admin": False, "records": True, "rate": False},
    "reviewer_county": {"admin": False, "records": True, "rate": True},
    "staff": {"admin": False, "records": True, "rate": True},
    "admin": {"admin": True, "records": True, "rate": True},
}


@pytest.mark.parametrize("actor", NAV)
def test_the_navigation_links_only_pages_the_account_may_open(client, accounts, actor):
    if actor != "anonymous":
        client.force_login(accounts[actor])
    html = client.get(reverse("reports:record-list") if actor != "anonymous" else reverse("home")).content.decode()
    links = {
        "admin": f'href="{reverse("admin:index")}"',
        "records": f'href="{reverse("reports:record-list")}"',
        "rate": f'href="{reverse("reports:reporting-rate")}"',
    }
    for page, shown in NAV[actor].items():
        assert (links[page] in html) == shown, page
    # and the links shown open
    for page, shown in NAV[actor].items():
        if shown:
            url = links[page].removeprefix('href="').removesuffix('"')
            assert client.get(url).status_code == 200, page


def test_the_language_menu_names_each_language_in_itself(client, db):
    html = client.get(reverse("home")).content.decode()
    assert ">English</option>" in html and "英语" not in html


def test_the_portal_serves_a_favicon(client, db):
    html = client.get(reverse("home")).content.decode()
    assert 'rel="icon"' in html
    from django.contrib.staticfiles import finders

    icon = client.get("/favicon.ico")
    assert icon.status_code == 301 and icon["Location"].endswith("favicon.svg")
    assert "<svg" in Path(finders.find("favicon.svg")).read_text(encoding="utf-8")


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_reporting_rate_exports_as_a_file_named_for_region_and_year(client, accounts, a_record, export_format):
    import csv
    import io
    from urllib.parse import quote

    from django.utils import timezone

    a_record("submitted", year=2024)
    client.force_login(accounts["reviewer_county"])
    response = client.get(reverse("reports:reporting-rate"), {"year": 2024, "format": export_format})
    assert response.status_code == 200
    name = f"报送率-温岭市-2024年度-{timezone.localdate():%Y-%m-%d}.{export_format}"
    assert quote(name) in response["Content-Disposition"]
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][:2] == ["区域 / 单位", "应报"] and rows[-1][0] == "合计"
        assert any(row[0] == "温岭市试点街道总工会" and row[-1] == "已报送" for row in rows)
    else:  # the rate a number in its own column (per cent), the units' status beside it
        from openpyxl import load_workbook

        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        header, total = rows[0], rows[-1]
        assert header[-2:] == ("报送率（%）", "状态") and total[0] == "合计"
        assert isinstance(total[header.index("报送率（%）")], int) and total[header.index("应报")] >= 1


def test_overdue_counts_from_a_default_deadline_when_none_is_set(accounts, a_record):
    import datetime

    from reports.models import ReportingDeadline
    from reports.selectors import deadline_for, reporting_rate

    assert deadline_for(2024) == datetime.date(2025, 3, 31)
    ReportingDeadline.objects.create(year=2024, due_on=datetime.date(2025, 5, 1))
    assert deadline_for(2024) == datetime.date(2025, 5, 1)
    region = accounts["reviewer_county"].membership.region
    total, _rows = reporting_rate(region, 2023, today=datetime.date(2024, 4, 1))
    assert total.expected and total.overdue == total.expected - total.submitted
    total, _rows = reporting_rate(region, 2023, today=datetime.date(2024, 3, 1))
    assert total.overdue == 0


def test_a_password_reset_asks_first_and_changes_nothing_until_confirmed(client, accounts):
    target = accounts["submitter_own"]
    old_hash = target.password
    client.force_login(accounts["reviewer_county"])
    listing = client.get(reverse("accounts:account-list")).content.decode()
    assert f'<a href="{reverse("accounts:account-reset", args=[target.pk])}">重置密码</a>' in listing
    response = client.get(reverse("accounts:account-reset", args=[target.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and f"重置账号 {target.username} 的密码？" in page and "确认重置" in page
    target.refresh_from_db()
    assert target.password == old_hash
