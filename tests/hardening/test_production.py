"""Production setup: a strict Content-Security-Policy, no inline script, Chinese error pages, check --deploy."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from portal.errors import server_error

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "library-cases", "api-docs", "accounts:login"])
def test_pages_carry_a_strict_content_security_policy(client, name):
    response = client.get(reverse(name))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy or (name == "api-docs" and "script-src 'self';" in policy + ";")
    body = response.content.decode()
    inline = [tag for tag in re.findall(r"<script\b[^>]*>", body) if "src=" not in tag and "json" not in tag]
    assert not inline, inline
    assert not re.search(r"\son[a-z]+=", body), "inline event handler"


def test_no_template_holds_an_inline_script_or_style_attribute():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append((path.name, tag))
        offenders += [(path.name, m) for m in re.findall(r"\s(on[a-z]+|style)=\"", text)]
        offenders += [(path.name, "javascript:") for _ in re.findall(r"javascript:", text)]
    assert not offenders


@pytest.mark.django_db
def test_the_error_pages_are_chinese_with_debug_off(client, settings, accounts):
    settings.DEBUG = False
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()
    client.force_login(accounts["submitter_own"])
    forbidden = client.get(reverse("reports:reporting-rate"))
    assert forbidden.status_code == 403 and "无权访问" in forbidden.content.decode()
    bad = client.get("/", HTTP_HOST="evil.example")
    assert bad.status_code == 400 and "请求有误" in bad.content.decode()
    failed = server_error(RequestFactory().get("/cases/"))
    assert failed.status_code == 500 and "服务器出错" in failed.content.decode()


@pytest.mark.django_db
def test_the_api_answers_errors_in_json(client, settings):
    settings.DEBUG = False
    response = client.get("/api/no-such-thing/")
    assert response.status_code == 404 and response.json()["detail"]
    failed = server_error(RequestFactory().get("/api/cases/"))
    assert failed.status_code == 500 and failed["Content-Type"] == "application/json"


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "portal.example.org",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
