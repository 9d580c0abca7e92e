"""Steps are confirmed on a page that says what happens; plausibility warnings name what looks wrong."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pilots.models import IndicatorDefinition
from reports.consistency import record_warnings
from reports.models import RecordStatus, RecordValue


def _values(record, **values):
    for code, value in values.items():
        RecordValue.objects.update_or_create(
            record=record, definition=IndicatorDefinition.objects.get(code=code), defaults={"value": Decimal(value)}
        )
    return [w.message for w in record_warnings(record)]


def test_new_members_above_members_are_questioned(a_record):
    record = a_record("draft")  # 1200 members
    assert any("新发展会员（5000）大于会员人数（1200）" in m for m in _values(record, new_members=5000))


def test_unions_by_kind_above_all_unions_are_questioned(a_record):
    messages = _values(a_record("draft"), enterprise_unions=40, joint_unions=30, grassroots_unions=50)
    assert any("合计 70 个，多于基层工会总数 50 个" in m for m in messages)


def test_a_rate_without_its_counts_is_questioned(a_record):
    messages = _values(a_record("draft"), union_founding_rate=95)
    assert any("填写了建会率，但没有填写计算它的覆盖企业数和辖区企业数" in m for m in messages)


def test_a_rate_that_contradicts_its_counts_is_questioned(a_record):
    messages = _values(a_record("draft"), union_founding_rate=95, enterprises_covered=50, enterprises_in_area=100)
    assert any("建会率填写为 95%" in m and "约为 50.0%" in m for m in messages)


def test_consistent_figures_raise_no_plausibility_warning(a_record):
    messages = _values(
        a_record("draft"), new_members=100, union_founding_rate=50, enterprises_covered=50, enterprises_in_area=100
    )
    assert messages == []


def test_the_reviewer_sees_the_warnings_on_the_record_and_before_approving(client, accounts, a_record):
    record = a_record("submitted")
    _values(record, new_members=5000)
    client.force_login(accounts["reviewer_county"])
    assert (
        "新发展会员（5000）大于会员人数"
        in client.get(reverse("reports:record-detail", args=[record.pk])).content.decode()
    )
    page = client.get(reverse("reports:record-confirm", args=[record.pk, "approve"])).content.decode()
    assert "新发展会员（5000）大于会员人数" in page and "发布到该单位的公开案例页面" in page


@pytest.mark.parametrize("step", ["submit", "approve", "return", "reopen", "delete"])
def test_a_confirmation_page_changes_nothing(client, accounts, a_record, step):
    state = {"submit": "draft", "approve": "submitted", "return": "submitted", "reopen": "approved", "delete": "draft"}
    actor = "submitter_own" if step in ("submit", "delete") else "reviewer_county"
    record = a_record(state[step])
    client.force_login(accounts[actor])
    response = client.post(reverse("reports:record-confirm", args=[record.pk, step]), {"comment": "改", "reason": "错"})
    assert response.status_code == 200 and "返回，不做任何改变" in response.content.decode()
    record.refresh_from_db()
    assert record.status == state[step] and record.version == 1


def test_the_return_confirmation_carries_the_comments_to_the_step(client, accounts, a_record):
    record = a_record("submitted")
    client.force_login(accounts["reviewer_county"])
    page = client.post(
        reverse("reports:record-confirm", args=[record.pk, "return"]),
        {"comment": "请补充", "pin:value:members": "口径不对", "pin:plans": ""},
    ).content.decode()
    assert 'name="pin:value:members" value="口径不对"' in page and 'name="comment" value="请补充"' in page
    assert 'name="pin:plans"' not in page
    assert f'action="{reverse("reports:record-transition", args=[record.pk, "return"])}"' in page


def test_a_return_without_a_comment_is_stopped_on_the_confirmation_page(client, accounts, a_record):
    record = a_record("submitted")
    client.force_login(accounts["reviewer_county"])
    response = client.post(reverse("reports:record-confirm", args=[record.pk, "return"]), {"comment": " "})
    assert response.status_code == 400 and "退回时请填写意见" in response.content.decode()
    assert "data-confirm-step" not in response.content.decode()  # no button to take the step


def test_a_step_the_state_does_not_allow_is_not_offered(client, accounts, a_record):
    record = a_record("approved")
    client.force_login(accounts["reviewer_county"])
    response = client.get(reverse("reports:record-confirm", args=[record.pk, "approve"]), follow=True)
    assert "不能审核通过" in response.content.decode()
    record.refresh_from_db()
    assert record.status == RecordStatus.APPROVED


def test_the_detail_page_leads_to_the_confirmation_not_straight_to_the_step(client, accounts, a_record):
    record = a_record("submitted")
    client.force_login(accounts["reviewer_county"])
    html = client.get(reverse("reports:record-detail", args=[record.pk])).content.decode()
    assert f'action="{reverse("reports:record-confirm", args=[record.pk, "approve"])}"' in html
    assert f'action="{reverse("reports:record-transition", args=[record.pk, "approve"])}"' not in html
    assert "<script>" not in html and "onclick" not in html
