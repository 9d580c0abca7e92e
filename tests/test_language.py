"""No page of the Chinese UI speaks English or shows internals."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_browsable_api_names_its_pages_in_chinese(client, settings):
    from rest_framework.test import APIRequestFactory

    from library.api.views import UnitViewSet

    view = UnitViewSet.as_view({"get": "list"}, basename="unit", suffix="List")
    response = view(APIRequestFactory().get("/api/units/"))
    assert response.renderer_context["view"].get_view_name() == "试点单位列表"
    assert "已发布的试点单位" in response.renderer_context["view"].get_view_description()


def test_swagger_sections_are_named_in_chinese(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    tags = {
        tag
        for item in schema["paths"].values()
        for op in item.values()
        if isinstance(op, dict)
        for tag in op.get("tags", [])
    }
    assert {"试点单位", "案例检索", "年度报告"} <= tags and "units" not in tags


def test_the_admin_names_login_throttling_in_chinese(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "登录限制" in html and "Access attempts" not in html and "Axes" not in html


def test_the_lockout_page_says_how_long_in_minutes(client, settings):
    from django.template.loader import render_to_string

    settings.AXES_COOLOFF_TIME = 0.25
    html = render_to_string("accounts/locked_out.html", {"cooloff_time": "PT15M"})
    assert "15 分钟" in html and "PT15M" not in html
