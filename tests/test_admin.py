import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from pilots.models import PilotUnit, Region

pytestmark = pytest.mark.django_db

PILOT_MODELS = [model for model in admin.site._registry if model._meta.app_label == "pilots"]


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", password="pw-for-tests")
    client.force_login(user)
    return client


def test_every_domain_model_is_registered():
    names = {model.__name__ for model in PILOT_MODELS}
    assert names >= {
        "Region",
        "PilotUnit",
        "Practice",
        "PracticeArea",
        "ReformMeasure",
        "ServicePosition",
        "IndicatorDefinition",
        "IndicatorValue",
        "Article",
    }


@pytest.mark.parametrize("model", PILOT_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_render(admin_client, model):
    meta = model._meta
    assert admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add")).status_code == 200
    obj = model.objects.first()
    response = admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))
    assert response.status_code == 200


def test_the_unit_list_filters_by_city_and_column(admin_client):
    city = Region.objects.get(name="台州市")
    url = reverse("admin:pilots_pilotunit_changelist")
    response = admin_client.get(url, {"city": city.pk, "articles__column": "sketch"})
    assert response.status_code == 200
    shown = {unit.name for unit in response.context["cl"].result_list}
    assert "温岭市城东街道总工会" in shown
    assert all(PilotUnit.objects.get(name=name).city == city for name in shown)


def test_the_unit_page_has_its_inlines_and_chinese_labels(admin_client):
    unit = PilotUnit.objects.get(name="杭州市上城区小营街道总工会")
    response = admin_client.get(reverse("admin:pilots_pilotunit_change", args=[unit.pk]))
    html = response.content.decode()
    assert "改革举措" in html and "服务阵地" in html and "指标值" in html and "试点层级" in html


def test_provenance_is_read_only(admin_client):
    unit = PilotUnit.objects.get(name="杭州市上城区小营街道总工会")
    article = unit.articles.first()
    response = admin_client.get(reverse("admin:pilots_article_change", args=[article.pk]))
    assert 'name="source_sha256"' not in response.content.decode()
    assert article.source_sha256 in response.content.decode()


def test_the_admin_requires_staff(client):
    response = client.get(reverse("admin:pilots_pilotunit_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_editors_publish_and_withdraw_in_bulk(admin_client, django_capture_on_commit_callbacks):
    from .factories import a_unit

    url = reverse("admin:pilots_pilotunit_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        draft = a_unit("温岭市待发布街道总工会", status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "published"
    found = admin_client.get(reverse("case-list"), {"q": "待发布"}).json()
    assert [row["name"] for row in found["results"]] == [draft.name]  # the search index followed
    admin_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "draft"
