"""The full role × scope × action matrix, through the API and through the browser's forms.

The record belongs to a street union of 温岭市 (台州市). "own" actors: its submitter, the 温岭市
and 台州市 reviewers; "foreign": a submitter of an 安吉县 union and the 安吉县 reviewer.
Expected: 404 outside the scope (existence not revealed), 403 without the right, success otherwise.
"""

import pytest
from django.urls import reverse

from reports.models import AnnualRecord, RecordStatus, RecordTransition

from .conftest import api_client
from .matrix import ACTORS, MATRIX

AFTER = {
    "submit": RecordStatus.SUBMITTED,
    "approve": RecordStatus.APPROVED,
    "return": RecordStatus.RETURNED,
    "reopen": RecordStatus.RETURNED,
}
BODIES = {"return": {"comment": "请补充会员数据"}, "reopen": {"reason": "会员人数有误"}}
CASES = [(action, actor) for action in MATRIX for actor in ACTORS]


def _api_call(client, action: str, record: AnnualRecord):
    if action.startswith("retrieve"):
        return client.get(reverse("record-detail", args=[record.pk]))
    if action == "patch":
        return client.patch(
            reverse("record-detail", args=[record.pk]),
            {"version": record.version, "highlights": "新的亮点"},
            format="json",
        )
    return client.post(reverse(f"record-{action}", args=[record.pk]), BODIES.get(action, {}), format="json")


@pytest.mark.parametrize(("action", "actor"), CASES)
def test_api_answers_each_role_by_scope_and_right(accounts, a_record, action, actor):
    state, outcomes = MATRIX[action]
    expected = outcomes[actor]
    record = a_record(state)
    response = _api_call(api_client(accounts[actor]), action, record)
    record.refresh_from_db()
    if expected == "ok":
        assert response.status_code == 200, response.content
        if action in AFTER:
            assert record.status == AFTER[action]
            step = RecordTransition.objects.get(record=record)
            assert (step.actor, step.from_status, step.to_status) == (accounts[actor], state, AFTER[action])
        if action == "patch":
            assert record.highlights == "新的亮点"
    else:
        assert response.status_code == expected, response.content
        assert record.status == state
        assert record.highlights == ""
        assert not RecordTransition.objects.filter(record=record).exists()


@pytest.mark.parametrize(("action", "actor"), [(a, b) for a, b in CASES if a in AFTER])
def test_browser_forms_answer_each_role_by_scope_and_right(client, accounts, a_record, action, actor):
    state, outcomes = MATRIX[action]
    expected = outcomes[actor]
    record = a_record(state)
    client.force_login(accounts[actor])
    response = client.post(reverse("reports:record-transition", args=[record.pk, action]), BODIES.get(action, {}))
    record.refresh_from_db()
    if expected == "ok":
        assert response.status_code == 302
        assert record.status == AFTER[action]
    else:
        assert response.status_code == expected
        assert record.status == state


@pytest.mark.parametrize("actor", ACTORS)
def test_browser_record_page_follows_the_view_scope(client, accounts, a_record, actor):
    record = a_record("draft")
    client.force_login(accounts[actor])
    response = client.get(reverse("reports:record-detail", args=[record.pk]))
    expected = MATRIX["retrieve"][1][actor]
    assert response.status_code == (200 if expected == "ok" else expected)


CREATE = dict(zip(ACTORS, [201, 403, 403, 403, 403, 403, 403, 201, 403], strict=True))


@pytest.mark.parametrize("actor", ACTORS)
def test_api_create_is_for_the_units_own_submitter_and_admins(accounts, home_unit, actor):
    response = api_client(accounts[actor]).post(
        reverse("record-list"),
        {"unit": home_unit.pk, "year": 2020, "values": [{"indicator": "members", "value": 100}]},
        format="json",
    )
    assert response.status_code == CREATE[actor], response.content
    assert AnnualRecord.objects.filter(unit=home_unit, year=2020).exists() == (CREATE[actor] == 201)


@pytest.mark.parametrize("actor", ACTORS)
def test_api_list_shows_only_records_in_scope(accounts, a_record, actor):
    record = a_record("draft")
    response = api_client(accounts[actor]).get(reverse("record-list"))
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert (record.pk in ids) == (MATRIX["retrieve"][1][actor] == "ok")


@pytest.mark.parametrize("actor", ACTORS)
def test_browser_new_record_form_is_for_own_submitter_and_admins(client, accounts, home_unit, actor):
    client.force_login(accounts[actor])
    client.post(reverse("reports:record-new"), {"unit": home_unit.pk, "year": 2021})
    assert AnnualRecord.objects.filter(unit=home_unit, year=2021).exists() == (CREATE[actor] == 201)


def test_api_refuses_anonymous_clients(a_record):
    from rest_framework.test import APIClient

    record = a_record("draft")
    assert APIClient().get(reverse("record-detail", args=[record.pk])).status_code == 401


def test_state_conflicts_answer_409_and_change_nothing(accounts, a_record):
    record = a_record("draft")
    reviewer = api_client(accounts["reviewer_county"])
    response = reviewer.post(reverse("record-approve", args=[record.pk]), format="json")
    assert response.status_code == 409
    assert "草稿" in response.json()["detail"]
    approved = a_record("approved", year=2020)
    response = api_client(accounts["submitter_own"]).patch(
        reverse("record-detail", args=[approved.pk]), {"version": approved.version, "plans": "x"}, format="json"
    )
    assert response.status_code == 409
    approved.refresh_from_db()
    assert approved.plans == ""
