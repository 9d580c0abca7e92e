"""The menu's API link: only for accounts that use the API, to a Chinese guide that links to the
Swagger documentation, which links back."""

import re

import pytest
from django.contrib.auth import get_user_model

from accounts.services import account_token

pytestmark = pytest.mark.django_db


def test_the_api_link_is_for_accounts_with_a_token_and_opens_the_chinese_guide(client):
    nav = re.compile(r"<header.*?</header>", re.S)
    assert ">API<" not in nav.search(client.get("/").content.decode()).group()
    user = get_user_model().objects.create_user("script-user", password="x-Unused-1")
    client.force_login(user)
    assert ">API<" not in nav.search(client.get("/").content.decode()).group()
    account_token(user=user)
    header = nav.search(client.get("/").content.decode()).group()
    assert '<a href="/api/guide/">API</a>' in header
    guide = client.get("/api/guide/").content.decode()
    assert "API 使用说明" in guide and 'href="/api/docs/"' in guide and "Authorization: Token" in guide


def test_the_swagger_documentation_links_back_and_names_every_section_in_chinese(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "(/api/guide/)" in schema["info"]["description"]
    tags = {tag for path in schema["paths"].values() for op in path.values() for tag in op.get("tags", [])}
    assert tags and all(re.search(r"[\u4e00-\u9fff]", tag) for tag in tags), tags
