"""A small issue built by hand, and accounts of every role."""

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Role
from accounts.services import account_setup
from editions import services
from pilots.models import PilotLevel, Practice, ReformMeasure
from tests.factories import a_street, a_unit, an_article


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Built exports and cover pictures go to the test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(db):
    return {
        "editor": account_setup(username="ed_editor", role=Role.EDITOR)[0],
        "admin": account_setup(username="ed_admin", role=Role.ADMIN)[0],
        "staff": account_setup(username="ed_staff", role=Role.STAFF)[0],
        "submitter": account_setup(username="ed_sub", role=Role.SUBMITTER, unit=a_unit("温岭市填报街道总工会"))[0],
        "no_role": get_user_model().objects.create_user("ed_plain", password="x-Unused-1"),
    }


def tagged_unit(name: str, street: str, practices: list[str], **fields):
    """A published street pilot with one measure tagged with ``practices``."""
    fields.setdefault("pilot_level", PilotLevel.CITY_COUNTY)
    unit = a_unit(name, region=a_street(street, "温岭市"), **fields)
    if practices:
        measure = ReformMeasure.objects.create(unit=unit, title=f"{name}的举措")
        measure.practices.set(Practice.objects.filter(code__in=practices))
    return unit


@pytest.fixture
def small_issue(db):
    """An issue of one street volume: four pilots whose answer is known.

    专兼挂: A, B, C (3 of 4 = 75%); 网格: A (25%); 点单: none. D is a street pilot with no tags; E is a
    community union (not a pilot of the volume's kind) tagged 专兼挂, which must not be counted.
    """
    a = tagged_unit("温岭市甲街道总工会", "甲街道", ["zjg_team", "grid_management"])
    b = tagged_unit("温岭市乙街道总工会", "乙街道", ["zjg_team"])
    c = tagged_unit("温岭市丙街道总工会", "丙街道", ["zjg_team"])
    d = tagged_unit("温岭市丁街道总工会", "丁街道", [])
    e = tagged_unit("温岭市戊社区工会", "戊街道", ["zjg_team"], kind="community_union")
    articles = {
        unit: an_article(
            unit,
            headline=f"{unit.short_name or unit.name[3:6]}的改革",
            column="sketch",
            body="街道建立专兼挂队伍，实行网格化管理。\n\n第二段正文。",
        )
        for unit in (a, b, c, d, e)
    }
    edition = services.edition_create(title="测试专刊 · 街道活力篇", issue_label="2026年第1期")
    volume = services.volume_create(edition=edition, name="街道活力篇", kind="streets")
    sketches = services.section_create(volume=volume, title="速写：市、县（市、区）级试点")
    features = services.section_create(volume=volume, title="重点报道：市、县（市、区）级试点")
    services.entries_add(section=sketches, articles=[articles[u] for u in (a, b, c, d, e)])
    return {
        "edition": edition,
        "volume": volume,
        "sketches": sketches,
        "features": features,
        "units": (a, b, c, d, e),
        "articles": articles,
    }


@pytest.fixture
def editor_client(client, people):
    client.force_login(people["editor"])
    return client
