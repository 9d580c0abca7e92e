"""Accounts of every role, in the scope of a record's unit (温岭市, 台州市) and outside it (安吉县)."""

import pytest
from django.contrib.auth import get_user_model
from model_bakery import baker
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.services import account_setup, account_token
from pilots.models import IndicatorDefinition, PilotLevel, Region
from reports.models import AnnualRecord, RecordValue
from tests.factories import a_street, a_unit
from tests.records.walking import browser_page, passwords, portal_url  # noqa: F401  (the browser walks' fixtures)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home_unit(db):
    return a_unit("温岭市试点街道总工会", region=a_street("试点街道", "温岭市"), pilot_level=PilotLevel.CITY_COUNTY)


@pytest.fixture
def foreign_unit(db):
    return a_unit("安吉县外地街道总工会", region=a_street("外地街道", "安吉县"), pilot_level=PilotLevel.CITY_COUNTY)


def region(name: str) -> Region:
    return Region.objects.counties().printed_as(name).first() or Region.objects.cities().printed_as(name).get()


@pytest.fixture
def accounts(db, home_unit, foreign_unit):
    """Every actor of the matrix, by name."""
    people = {
        "submitter_own": account_setup(username="sub_own", role=Role.SUBMITTER, unit=home_unit)[0],
        "submitter_foreign": account_setup(username="sub_foreign", role=Role.SUBMITTER, unit=foreign_unit)[0],
        "reviewer_county": account_setup(username="rev_county", role=Role.REVIEWER, region=region("温岭市"))[0],
        "reviewer_city": account_setup(username="rev_city", role=Role.REVIEWER, region=region("台州市"))[0],
        "reviewer_foreign": account_setup(username="rev_foreign", role=Role.REVIEWER, region=region("安吉县"))[0],
        "staff": account_setup(username="staff1", role=Role.STAFF)[0],
        "editor": account_setup(username="editor1", role=Role.EDITOR)[0],
        "admin": account_setup(username="admin1", role=Role.ADMIN)[0],
        "no_role": get_user_model().objects.create_user("plain", password="x-Unused-1"),
    }
    return people


def api_client(user) -> APIClient:
    """A script's client: ``Authorization: Token KEY``."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {account_token(user=user)}")
    return client


@pytest.fixture
def a_record(db, home_unit):
    """Builds a record of the home unit in a given state, with a members value."""

    def build(status: str = "draft", year: int = 2019, **fields) -> AnnualRecord:
        record = baker.make(AnnualRecord, unit=home_unit, year=year, status=status, **fields)
        baker.make(RecordValue, record=record, definition=IndicatorDefinition.objects.get(code="members"), value=1200)
        return record

    return build
