"""The rights registry: each app declares its actions and pages, the menu is built from them."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from accounts.permissions import AccountAction, declared, has_right, may_open, menu
from accounts.services import account_setup
from curation.permissions import ImportAction
from editions.permissions import EditionAction
from pilots.models import Region
from reports.permissions import Action

pytestmark = pytest.mark.own_data


def test_every_app_with_rights_declares_them_in_the_registry():
    tables = {declaration.actions: declaration for declaration in declared()}
    assert {Action, EditionAction, ImportAction, AccountAction} <= set(tables)
    for declaration in tables.values():
        # every role has a row (None: visitors and accounts without a role), and a label per action
        assert set(declaration.rights) == {*Role.values, None}
        assert set(declaration.labels) == set(declaration.actions), declaration.actions


@pytest.mark.django_db
def test_rights_come_from_the_declarations():
    editor = account_setup(username="reg_editor", role=Role.EDITOR)[0]
    reviewer = account_setup(username="reg_reviewer", role=Role.REVIEWER, region=_county())[0]
    assert has_right(editor, ImportAction.REVIEW) and not has_right(reviewer, ImportAction.REVIEW)
    assert has_right(reviewer, AccountAction.MANAGE_ACCOUNTS) and not has_right(editor, AccountAction.MANAGE_ACCOUNTS)
    assert has_right(reviewer, Action.APPROVE) and not has_right(editor, Action.APPROVE)
    assert may_open(reviewer, "accounts") and not may_open(editor, "accounts")
    with pytest.raises(ValueError):
        may_open(editor, "no-such-page")


@pytest.mark.django_db
def test_the_menu_is_built_from_the_declared_pages(client):
    editor = account_setup(username="menu_editor", role=Role.EDITOR)[0]
    assert [page.key for page in menu(editor)] == ["records", "editions", "imports"]
    client.force_login(editor)
    html = client.get(reverse("home")).content.decode()
    for url in (reverse("reports:record-list"), reverse("editions:list"), reverse("curation:import-list")):
        assert f'href="{url}"' in html
    assert f'href="{reverse("accounts:login")}"' not in html
    client.logout()
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("accounts:login")}"' in html
    assert f'href="{reverse("curation:import-list")}"' not in html


def test_the_base_template_loads_no_app_tags():
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text(encoding="utf-8")
    assert "{% load static i18n %}" in base and "_tags" not in base


def _county():
    return Region.objects.get(name="温岭市")
