"""The admin goes through the workflow: permissions decide the locks, a saved change bumps the version
and sends a returned record back to draft; values alone are never changed behind the record's back."""

import pytest
from django.urls import reverse

from reports.models import RecordStatus, RecordTransition, TransitionAction
from tests.forms import page_forms

pytestmark = pytest.mark.django_db


def change_form(client, url) -> dict[str, list[str]]:
    form = next(form for form in page_forms(client.get(url).content.decode()) if "_save" in form or "year" in form)
    return {name: values for name, values in form.items() if "__prefix__" not in name}


def test_a_returned_record_edited_in_the_admin_is_a_draft_again_with_a_new_version(client, accounts, a_record):
    record = a_record("returned", highlights="原来的亮点")
    client.force_login(accounts["admin"])
    url = reverse("admin:reports_annualrecord_change", args=[record.pk])
    data = change_form(client, url)
    data["highlights"] = ["后台改过的亮点"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record.refresh_from_db()
    assert record.highlights == "后台改过的亮点"
    assert record.status == RecordStatus.DRAFT and record.version > 1
    assert RecordTransition.objects.filter(record=record, action=TransitionAction.REVISE).exists()


def test_a_value_changed_in_the_records_admin_bumps_its_version(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["admin"])
    url = reverse("admin:reports_annualrecord_change", args=[record.pk])
    data = change_form(client, url)
    value_field = next(name for name in data if name.endswith("-0-value"))
    data[value_field] = ["1300"]
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert record.values.get().value == 1300 and record.version == 2


def test_saving_the_admin_form_unchanged_keeps_the_version(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["admin"])
    url = reverse("admin:reports_annualrecord_change", args=[record.pk])
    assert client.post(url, change_form(client, url)).status_code == 302
    record.refresh_from_db()
    assert record.version == 1


def test_values_are_not_changed_on_their_own_admin_page(client, accounts, a_record):
    value = a_record("draft").values.get()
    client.force_login(accounts["admin"])
    url = reverse("admin:reports_recordvalue_change", args=[value.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"record": value.record_id, "definition": value.definition_id, "value": "9", "qualifier": "exact"})
    value.refresh_from_db()
    assert value.value == 1200


def test_the_admin_asks_the_permissions_who_may_edit(client, accounts, a_record, django_user_model):
    """A Django staff account with every admin permission but no workflow role cannot change a record."""
    from django.contrib.auth.models import Permission

    record = a_record("draft")
    url = reverse("admin:reports_annualrecord_change", args=[record.pk])
    client.force_login(accounts["admin"])
    data = change_form(client, url)  # the complete form, as an editing account sees it
    data["highlights"] = ["无角色改动"]
    clerk = django_user_model.objects.create_user("clerk", password="x-Unused-1", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(content_type__app_label="reports"))
    client.force_login(clerk)
    assert client.get(url).status_code == 200  # may look
    assert client.post(url, data).status_code == 403
    record.refresh_from_db()
    assert record.highlights == "" and record.version == 1
