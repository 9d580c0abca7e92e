"""The screens render for every role (no server error), in Chinese, with the actions the role has."""

import pytest
from django.urls import reverse

from .matrix import ACTORS, MATRIX


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "no_role"])
def test_list_queue_and_detail_render_for_every_role(client, accounts, a_record, actor):
    record = a_record("approved")
    client.force_login(accounts[actor])
    for url in (reverse("reports:record-list"), reverse("reports:review-queue")):
        response = client.get(url)
        assert response.status_code == 200
        assert "年度报告" in response.content.decode() or "审核队列" in response.content.decode()
    detail = client.get(reverse("reports:record-detail", args=[record.pk]))
    expected = MATRIX["retrieve_approved"][1][actor]
    assert detail.status_code == (200 if expected == "ok" else expected)


def test_a_user_without_a_role_is_told_so(client, accounts):
    client.force_login(accounts["no_role"])
    assert client.get(reverse("reports:record-list")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("reports:record-list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    page = client.get(reverse("accounts:login"))
    assert "登录" in page.content.decode() and 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_the_detail_shows_each_role_only_its_buttons(client, accounts, a_record):
    record = a_record("submitted")
    approve = reverse("reports:record-transition", args=[record.pk, "approve"])
    client.force_login(accounts["reviewer_county"])
    assert approve in client.get(reverse("reports:record-detail", args=[record.pk])).content.decode()
    client.force_login(accounts["staff"])
    assert approve not in client.get(reverse("reports:record-detail", args=[record.pk])).content.decode()


def test_the_edit_form_is_generated_from_the_indicator_definitions(client, accounts, a_record):
    from pilots.models import IndicatorDefinition

    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    html = client.get(reverse("reports:record-edit", args=[record.pk])).content.decode()
    for definition in IndicatorDefinition.objects.all():
        assert f'name="value_{definition.code}"' in html
        # the qualifier only where the indicator takes one (tests/records/test_qualifier_allowed.py)
        assert (f'name="qualifier_{definition.code}"' in html) == definition.allows_qualifier
    assert "0–100 %" in html and 'value="1200"' in html


def test_an_approved_record_cannot_be_edited_through_the_form(client, accounts, a_record):
    record = a_record("approved")
    client.force_login(accounts["submitter_own"])
    response = client.get(reverse("reports:record-edit", args=[record.pk]), follow=True)
    assert "不能修改" in response.content.decode()


def test_markup_in_narratives_is_escaped(client, accounts, a_record):
    record = a_record("submitted", highlights="<script>alert(1)</script>")
    client.force_login(accounts["reviewer_county"])
    html = client.get(reverse("reports:record-detail", args=[record.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_the_admin_lists_records_with_their_history(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["admin"])
    assert client.get(reverse("admin:reports_annualrecord_changelist")).status_code == 200
    assert client.get(reverse("admin:reports_annualrecord_change", args=[record.pk])).status_code == 200
    assert client.get(reverse("admin:reports_reportingdeadline_add")).status_code == 200


def test_the_admin_shows_submitted_and_approved_records_read_only(client, accounts, a_record):
    draft, approved = a_record("draft"), a_record("approved", year=2020)
    client.force_login(accounts["admin"])
    url = reverse("admin:reports_annualrecord_change", args=[approved.pk])
    client.post(url, {"unit": approved.unit_id, "year": 2020, "highlights": "后台改动"})
    approved.refresh_from_db()
    assert approved.highlights == ""
    assert 'name="highlights"' not in client.get(url).content.decode()
    assert (
        'name="highlights"'
        in client.get(reverse("admin:reports_annualrecord_change", args=[draft.pk])).content.decode()
    )


def test_a_reviewer_filters_the_queue_by_its_own_regions_only(client, accounts):
    client.force_login(accounts["reviewer_city"])
    html = client.get(reverse("reports:review-queue")).content.decode()
    region_select = html[html.index('name="region"') :].split("</select>")[0]
    assert "温岭市" in region_select and "安吉县" not in region_select
