"""The record form as a person uses it: rendered, partly filled, saved, submitted, fixed after a return."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import AnnualRecord, RecordStatus
from reports.permissions import Action, can

from .rendered_form import filled, rendered_form


def _page(client, record):
    response = client.get(reverse("reports:record-edit", args=[record.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_form_with_only_indicators_filled_saves_blank_rows_and_all(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    fields = rendered_form(_page(client, record))
    assert ("measures-TOTAL_FORMS", "2") in fields and ("positions-TOTAL_FORMS", "2") in fields
    data = filled(fields, value_members="1.3万", value_new_members="800", intent="save")
    response = client.post(reverse("reports:record-edit", args=[record.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    assert {v.definition.code: v.value for v in record.values.all()} == {
        "members": Decimal(13000),
        "new_members": Decimal(800),
    }
    assert not record.measures.exists() and not record.positions.exists()


def test_blank_rows_offer_an_empty_choice_and_no_prefilled_count(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    fields = dict(rendered_form(_page(client, record)))
    assert fields["positions-0-tier"] == "" and fields["positions-0-kind"] == ""
    assert fields["positions-0-count"] == ""


def test_a_returned_record_is_fixed_and_resubmitted_through_the_rendered_form(client, accounts, a_record):
    record = a_record("submitted")
    client.force_login(accounts["reviewer_county"])
    client.post(reverse("reports:record-transition", args=[record.pk, "return"]), {"comment": "会员数请核实"})
    record.refresh_from_db()
    assert record.status == RecordStatus.RETURNED
    client.force_login(accounts["submitter_own"])
    html = _page(client, record)
    assert "会员数请核实" in html
    data = filled(rendered_form(html), value_members="1250", intent="submit")
    response = client.post(reverse("reports:record-edit", args=[record.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:record-confirm", args=[record.pk, "submit"])
    client.post(reverse("reports:record-transition", args=[record.pk, "submit"]))
    record.refresh_from_db()
    assert record.status == RecordStatus.SUBMITTED and record.values.get().value == Decimal(1250)


def test_a_half_filled_row_is_named_in_a_summary_at_the_top_with_a_link(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    data = filled(rendered_form(_page(client, record)), **{"positions-1-name": "东社区职工服务站", "intent": "save"})
    response = client.post(reverse("reports:record-edit", args=[record.pk]), data)
    html = response.content.decode()
    summary = html[html.index('class="error-summary"') :]
    assert summary.index("error-summary") < 200
    assert html.index('class="error-summary"') < html.index('name="value_members"')
    assert 'href="#id_positions-1-tier"' in summary and "层级" in summary
    assert 'href="#id_positions-1-kind"' in summary
    assert not record.positions.exists()


def test_a_filled_measure_and_position_are_saved_with_practices_ticked(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    data = filled(
        rendered_form(_page(client, record)),
        **{
            "measures-0-title": "网格化管理",
            "measures-0-practices": "grid_management",
            "positions-0-tier": "station",
            "positions-0-kind": "service_station",
            "positions-0-name": "东社区职工服务站",
            "intent": "save",
        },
    )
    response = client.post(reverse("reports:record-edit", args=[record.pk]), data)
    assert response.status_code == 302
    measure = record.measures.get()
    assert [p.code for p in measure.practices.all()] == ["grid_management"]
    assert record.positions.get().count == 1


def test_practices_are_checkboxes_grouped_by_area(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    html = _page(client, record)
    assert '<select name="measures-0-practices"' not in html
    assert 'type="checkbox" name="measures-0-practices" value="grid_management"' in html
    first_row = html[html.index('id="id_measures-0-practices"') :][:20000]
    # one heading per area, each practice under its own area
    assert (
        first_row.index("干部队伍")
        < first_row.index("专兼挂")
        < first_row.index("基层组织")
        < first_row.index("网格化管理")
    )


def test_the_add_row_button_works_without_javascript(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    data = filled(rendered_form(_page(client, record)), intent="add-measure", value_members="1300")
    response = client.post(reverse("reports:record-edit", args=[record.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert ("measures-TOTAL_FORMS", "3") in rendered_form(html)
    assert 'name="measures-2-title"' in html and 'value="1300"' in html
    record.refresh_from_db()
    assert record.values.get().value == Decimal(1200)  # nothing saved yet
    assert '<script src="/static/js/record_form.js"' in html and "<script>" not in html


def test_the_warning_note_appears_only_when_there_are_warnings(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    assert 'name="warning_notes"' in _page(client, record)
    assert "对提示的说明" not in _page(client, record)
    data = filled(rendered_form(_page(client, record)), value_new_members="5000", intent="save")
    client.post(reverse("reports:record-edit", args=[record.pk]), data)
    html = _page(client, record)
    assert "对提示的说明" in html and "新发展会员" in html


def test_a_new_record_defaults_to_the_reporting_year_and_refuses_future_years(client, accounts, home_unit, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 11, 27))
    client.force_login(accounts["submitter_own"])
    html = client.get(reverse("reports:record-list")).content.decode()
    assert 'value="2025"' in html[html.index('name="year"') - 200 :][:400]
    response = client.post(reverse("reports:record-new"), {"unit": home_unit.pk, "year": 2027}, follow=True)
    assert "不能填报未来的年度" in response.content.decode()
    assert not AnnualRecord.objects.filter(year=2027).exists()
    client.post(reverse("reports:record-new"), {"unit": home_unit.pk, "year": 2025})
    assert AnnualRecord.objects.filter(year=2025).exists()


def test_an_empty_record_cannot_be_submitted(client, accounts, home_unit):
    record = AnnualRecord.objects.create(unit=home_unit, year=2020)
    client.force_login(accounts["submitter_own"])
    page = client.get(reverse("reports:record-confirm", args=[record.pk, "submit"]))
    assert page.status_code == 400 and "报告还是空的" in page.content.decode()
    client.post(reverse("reports:record-transition", args=[record.pk, "submit"]))
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT


DELETE = {
    "submitter_own": "ok",
    "submitter_foreign": 404,
    "reviewer_county": 403,
    "reviewer_city": 403,
    "reviewer_foreign": 404,
    "staff": 403,
    "editor": 404,
    "admin": "ok",
    "no_role": 404,
}


@pytest.mark.parametrize("actor", DELETE)
def test_a_mistaken_draft_is_deleted_by_its_submitter(client, accounts, a_record, actor):
    record = a_record("draft")
    client.force_login(accounts[actor])
    response = client.post(reverse("reports:record-delete", args=[record.pk]))
    exists = AnnualRecord.objects.filter(pk=record.pk).exists()
    if DELETE[actor] == "ok":
        assert response.status_code == 302 and not exists
    else:
        assert response.status_code == DELETE[actor] and exists


@pytest.mark.parametrize("status", ["submitted", "approved", "returned"])
def test_only_drafts_are_deleted(accounts, a_record, status):
    assert not can(accounts["submitter_own"], Action.DELETE, a_record(status))


def test_a_draft_once_submitted_is_not_deleted(client, accounts, a_record):
    record = a_record("submitted")
    client.force_login(accounts["reviewer_county"])
    client.post(reverse("reports:record-transition", args=[record.pk, "return"]), {"comment": "改"})
    record.refresh_from_db()
    record.status = "draft"
    record.save()
    assert not can(accounts["submitter_own"], Action.DELETE, record)
    assert can(accounts["submitter_own"], Action.EDIT, record)
