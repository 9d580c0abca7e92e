"""The admin goes through the workflow: permissions decide the locks, a saved change bumps the version
and sends a returned record back to draft; values alone are never changed behind the record's back."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from reports.models import RecordStatus, RecordTransition, TransitionAction

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """The fields of the admin's change form as a browser would submit them untouched."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(
                attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")
            )
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


def change_form(client, url) -> dict[str, list[str]]:
    form = _Form()
    form.feed(client.get(url).content.decode())
    return {name: values for name, values in form.data.items() if "__prefix__" not in name}


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
