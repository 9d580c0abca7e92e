"""Work a request does once: the scope question per form submit, last year's values per record page,
indicator labels per page; and a value is validated before it reaches the public series."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import reports.permissions
import reports.selectors
from pilots.models import IndicatorDefinition, IndicatorValue
from reports.models import RecordTransition, RecordValue, TransitionAction
from reports.services.publication import record_publish
from tests.forms import page_forms

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """How often each watched function ran."""
    counted: dict[str, int] = {}

    def watch(module, name):
        original = getattr(module, name)

        def counting(*args, **kwargs):
            counted[name] = counted.get(name, 0) + 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, counting)

    return counted, watch


def test_a_save_and_submit_asks_the_records_scope_once(client, accounts, a_record, calls):
    record = a_record("draft")
    counted, watch = calls
    watch(reports.permissions, "visible_records")
    watch(reports.selectors, "visible_records")
    client.force_login(accounts["submitter_own"])
    url = reverse("reports:record-edit", args=[record.pk])
    form = next(form for form in page_forms(client.get(url).content.decode()) if "version" in form)
    counted.clear()
    response = client.post(url, {**form, "intent": "submit"})
    # Saved, then on to the confirmation step (the submission itself is the next, separate request).
    assert response.status_code == 302
    assert response.url == reverse("reports:record-confirm", args=[record.pk, "submit"])
    assert counted == {"visible_records": 1}


def test_the_record_page_reads_last_years_values_once(client, accounts, a_record, calls):
    record = a_record("submitted")
    counted, watch = calls
    watch(reports.selectors, "previous_year_values")
    client.force_login(accounts["reviewer_county"])
    assert client.get(reverse("reports:record-detail", args=[record.pk])).status_code == 200
    assert counted == {"previous_year_values": 1}


def test_comment_labels_cost_no_query_each(client, accounts, a_record):
    record = a_record("returned")
    step = RecordTransition.objects.create(
        record=record,
        action=TransitionAction.RETURN,
        from_status="submitted",
        to_status="returned",
        actor=accounts["reviewer_county"],
    )
    client.force_login(accounts["submitter_own"])
    url = reverse("reports:record-detail", args=[record.pk])

    def queries_with(comments: int) -> int:
        step.field_comments.all().delete()
        for code in IndicatorDefinition.objects.values_list("code", flat=True)[:comments]:
            step.field_comments.create(field=f"value:{code}", comment="请核对")
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        assert html.count("请核对") >= comments
        return len(captured)

    queries_with(1)  # labels read once
    assert queries_with(8) == queries_with(2)


def test_an_invalid_value_never_reaches_the_public_series(a_record):
    record = a_record("approved")
    percent = IndicatorDefinition.objects.filter(value_type="percent").first()
    RecordValue.objects.filter(record=record).update(definition=percent, value=Decimal(150))
    before = IndicatorValue.objects.count()
    with CaptureQueriesContext(connection) as captured, pytest.raises(ValidationError):
        record_publish(record=record)
    assert IndicatorValue.objects.count() == before
    written = [query["sql"] for query in captured if query["sql"].startswith(("INSERT", "UPDATE"))]
    assert not written  # refused before writing, not rolled back after
