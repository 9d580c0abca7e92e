"""Transitions are recorded; approved values join the public series; reopening withdraws them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pilots.models import IndicatorValue
from reports.models import RecordStatus, RecordTransition
from reports.services.records import RecordChanges, record_update
from reports.services.transitions import record_approve, record_reopen, record_return, record_submit

from .conftest import api_client


def _public_values(client, unit):
    return client.get(reverse("unit-detail", args=[unit.pk])).json()["indicator_values"]


def test_every_transition_is_recorded_with_who_when_from_to_and_comment(accounts, a_record):
    record = a_record("draft")
    submitter, reviewer = accounts["submitter_own"], accounts["reviewer_county"]
    record = record_submit(actor=submitter, record=record)
    record = record_return(actor=reviewer, record=record, comment="补充说明", field_comments={"value:members": "核实"})
    record, changed = record_update(
        actor=submitter, record=record, version=record.version, changes=RecordChanges(texts={"plans": "补充"})
    )
    assert changed and record.status == RecordStatus.DRAFT
    record = record_submit(actor=submitter, record=record)
    record = record_approve(actor=reviewer, record=record)
    record = record_reopen(actor=reviewer, record=record, reason="会员人数有误")
    steps = list(
        RecordTransition.objects.filter(record=record).values_list(
            "actor__username", "from_status", "to_status", "comment"
        )
    )
    assert steps == [
        ("sub_own", "draft", "submitted", ""),
        ("rev_county", "submitted", "returned", "补充说明"),
        ("sub_own", "returned", "draft", ""),
        ("sub_own", "draft", "submitted", ""),
        ("rev_county", "submitted", "approved", ""),
        ("rev_county", "approved", "returned", "会员人数有误"),
    ]
    assert all(step.at for step in RecordTransition.objects.filter(record=record))
    assert record.version == 8  # created 1, +1 for the edit and +1 for each of the six steps


def test_approved_values_reach_the_public_api_with_their_record_as_source(client, accounts, a_record, home_unit):
    record = a_record("submitted")
    assert not any(v["source"]["record"] for v in _public_values(client, home_unit))
    api_client(accounts["reviewer_county"]).post(reverse("record-approve", args=[record.pk]), format="json")
    published = [v for v in _public_values(client, home_unit) if v["source"]["record"] == record.pk]
    assert [(v["indicator"], v["year"], float(v["value"])) for v in published] == [("members", 2019, 1200.0)]


@pytest.mark.parametrize("status", ["draft", "submitted", "returned"])
def test_unapproved_records_never_reach_the_public_api(client, a_record, home_unit, status):
    a_record(status)
    assert _public_values(client, home_unit) == []
    assert not IndicatorValue.objects.filter(unit=home_unit).exists()


def test_reopening_withdraws_the_published_values_until_approved_again(client, accounts, a_record, home_unit):
    record = a_record("submitted")
    reviewer, submitter = accounts["reviewer_county"], accounts["submitter_own"]
    record = record_approve(actor=reviewer, record=record)
    assert len(_public_values(client, home_unit)) == 1
    response = api_client(reviewer).post(
        reverse("record-reopen", args=[record.pk]), {"reason": "数据有误"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "returned"
    assert _public_values(client, home_unit) == []
    record.refresh_from_db()
    record, _ = record_update(
        actor=submitter,
        record=record,
        version=record.version,
        changes=RecordChanges(values=[_value("members", 1500)]),
    )
    record_approve(actor=reviewer, record=record_submit(actor=submitter, record=record))
    assert [float(v["value"]) for v in _public_values(client, home_unit)] == [1500.0]
    assert IndicatorValue.objects.filter(unit=home_unit).count() == 1


def _value(code, number):
    from pilots.models import IndicatorDefinition
    from reports.services.records import ValueInput

    return ValueInput(IndicatorDefinition.objects.get(code=code), Decimal(number))


def test_reopen_and_return_need_a_reason_in_chinese(accounts, a_record):
    reviewer = api_client(accounts["reviewer_county"])
    submitted, approved = a_record("submitted"), a_record("approved", year=2020)
    response = reviewer.post(reverse("record-return", args=[submitted.pk]), {"comment": " "}, format="json")
    assert response.status_code == 400 and "意见" in response.json()["comment"][0]
    response = reviewer.post(reverse("record-reopen", args=[approved.pk]), {}, format="json")
    assert response.status_code == 400 and "原因" in response.json()["reason"][0]


def test_return_pins_comments_to_fields_that_the_submitter_sees_there(client, accounts, a_record):
    record = a_record("submitted")
    client.force_login(accounts["reviewer_county"])
    client.post(
        reverse("reports:record-transition", args=[record.pk, "return"]),
        {"comment": "请修改后重报", "pin:value:members": "会员人数与去年差距大", "pin:highlights": "请写具体做法"},
    )
    record.refresh_from_db()
    assert record.status == RecordStatus.RETURNED
    client.force_login(accounts["submitter_own"])
    html = client.get(reverse("reports:record-edit", args=[record.pk])).content.decode()
    assert "请修改后重报" in html
    members = html[html.index('for="id_value_members"') :][:2000]
    assert "会员人数与去年差距大" in members
    highlights = html[html.index('for="id_highlights"') :][:1000]
    assert "请写具体做法" in highlights


def test_return_refuses_comments_on_unknown_fields(accounts, a_record):
    record = a_record("submitted")
    response = api_client(accounts["reviewer_county"]).post(
        reverse("record-return", args=[record.pk]),
        {"comment": "改", "field_comments": {"nonsense": "x"}},
        format="json",
    )
    assert response.status_code == 400
    record.refresh_from_db()
    assert record.status == "submitted"


def test_field_changes_are_kept_in_a_history_the_admin_shows(client, accounts, a_record):
    record = a_record("draft")
    record_update(
        actor=accounts["submitter_own"],
        record=record,
        version=1,
        changes=RecordChanges(texts={"highlights": "第一版"}, values=[_value("members", 1300)]),
    )
    record.refresh_from_db()
    latest = record.history.first()
    assert latest.highlights == "第一版" and latest.history_user == accounts["submitter_own"]
    value = record.values.get()
    assert [h.value for h in value.history.all()] == [Decimal(1300), Decimal(1200)]
    client.force_login(accounts["admin"])
    page = client.get(reverse("admin:reports_annualrecord_history", args=[record.pk]))
    assert page.status_code == 200
    assert "sub_own" in page.content.decode()


def test_save_and_submit_saves_then_submits_after_confirmation(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    response = client.post(
        reverse("reports:record-edit", args=[record.pk]),
        {
            "version": record.version,
            "value_members": "1.3万",
            "qualifier_members": "more_than",
            "highlights": "建成服务站",
            "measures-TOTAL_FORMS": "1",
            "measures-INITIAL_FORMS": "0",
            "measures-0-title": "网格化管理",
            "measures-0-status": "begun",
            "positions-TOTAL_FORMS": "1",
            "positions-INITIAL_FORMS": "0",
            "positions-0-change": "added",
            "positions-0-tier": "station",
            "positions-0-kind": "service_station",
            "positions-0-name": "东社区职工服务站",
            "positions-0-count": "1",
            "intent": "submit",
        },
    )
    confirm = reverse("reports:record-confirm", args=[record.pk, "submit"])
    assert response.status_code == 302 and response["Location"] == confirm
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT and record.highlights == "建成服务站"
    page = client.get(confirm).content.decode()
    assert "审核期间不能修改" in page
    client.post(reverse("reports:record-transition", args=[record.pk, "submit"]))
    record.refresh_from_db()
    assert record.status == RecordStatus.SUBMITTED
    assert record.values.get().value == Decimal(13000)
    assert list(record.measures.values_list("title", flat=True)) == ["网格化管理"]
    assert record.positions.get().name == "东社区职工服务站"


def test_approval_publishes_measures_and_positions_naming_the_record_and_reopening_withdraws_them(
    client, accounts, a_record
):
    from pilots.models import Practice, ReformMeasure, ServicePosition
    from reports.models import RecordMeasure, RecordPosition

    record = a_record("submitted", year=2024)
    measure = RecordMeasure.objects.create(record=record, title="职工服务点单制", status="begun", summary="按需点单")
    measure.practices.set([Practice.objects.get(code="on_demand_services")])
    RecordPosition.objects.create(
        record=record, tier="station", kind="service_station", name="东社区职工服务站", count=3
    )
    client.force_login(accounts["reviewer_county"])
    client.post(reverse("reports:record-transition", args=[record.pk, "approve"]))
    public = ReformMeasure.objects.get(unit=record.unit, title="职工服务点单制")
    assert public.year_started == 2024 and [p.code for p in public.practices.all()] == ["on_demand_services"]
    assert ServicePosition.objects.get(unit=record.unit, name="东社区职工服务站").count == 3
    page = client.get(reverse("library-case", args=[record.unit_id])).content.decode()
    assert "职工服务点单制" in page and "东社区职工服务站" in page
    assert page.count("来源：2024年度报告（审核通过）") == 2 and "2024年度报告（审核通过）" in page
    client.post(reverse("reports:record-transition", args=[record.pk, "reopen"]), {"reason": "阵地数量有误"})
    assert not ReformMeasure.objects.filter(unit=record.unit, title="职工服务点单制").exists()
    assert not ServicePosition.objects.filter(unit=record.unit, name="东社区职工服务站").exists()


def test_an_editors_measure_of_the_same_title_is_not_overwritten(accounts, a_record):
    from pilots.models import ReformMeasure
    from reports.models import RecordMeasure
    from reports.services.transitions import record_approve

    record = a_record("submitted", year=2024)
    editorial = ReformMeasure.objects.create(unit=record.unit, title="网格化管理", summary="编辑写的概述")
    RecordMeasure.objects.create(record=record, title="网格化管理", summary="单位写的")
    record_approve(actor=accounts["reviewer_county"], record=record)
    editorial.refresh_from_db()
    assert editorial.summary == "编辑写的概述"
