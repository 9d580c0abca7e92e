import subprocess
import sys
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_links_the_api_and_the_admin_only_to_staff(client, admin_user):
    html = client.get(reverse("home")).content.decode()
    assert reverse("admin:index") not in html and reverse("unit-list") in html
    client.force_login(admin_user)
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()
    assert 'lang="zh-hans"' in html


def test_the_page_is_in_english_when_asked(client):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in html and "Case Portal" in html and "案例库" not in html


def test_model_labels_are_chinese_with_an_english_catalogue():
    from django.utils import translation

    from pilots.models import PilotUnit

    with translation.override("zh-hans"):
        assert str(PilotUnit._meta.verbose_name) == "试点单位"
    with translation.override("en"):
        assert str(PilotUnit._meta.verbose_name) == "Pilot unit"


def test_demo_accounts_print_their_password_once(settings):
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("create_demo_accounts", stdout=first)
    call_command("create_demo_accounts", stdout=second)
    # admin, editor, and the reporting workflow's submitter, reviewer and staff (reports app)
    assert first.getvalue().count("，密码：") == 5 and "，密码：" not in second.getvalue()
    assert get_user_model().objects.get(username="admin").is_superuser
    assert get_user_model().objects.get(username="editor").groups.filter(name="编辑").exists()


def test_demo_accounts_are_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_accounts", stdout=StringIO())


def _settings_with(env: dict) -> subprocess.CompletedProcess:
    code = "import portal.settings as s; print(s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)"
    clean = {"PATH": "/usr/bin:/bin", "PORTAL_VAR_DIR": "/tmp/portal-settings-test", **env}
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False)


def test_with_no_variables_it_runs_on_sqlite():
    result = _settings_with({})
    assert result.returncode == 0 and "sqlite3" in result.stdout


def test_database_url_switches_to_postgresql():
    result = _settings_with({"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/portal"})
    assert "postgresql" in result.stdout


def test_production_needs_a_secret_key_and_named_hosts():
    assert "SECRET_KEY must be set" in _settings_with({"DEBUG": "false"}).stderr
    refused = _settings_with({"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "*"})
    assert "ALLOWED_HOSTS=* is not allowed" in refused.stderr
    ok = _settings_with({"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "portal.example.org"})
    assert ok.returncode == 0 and "portal.example.org" in ok.stdout
