"""The qualifier (以上, 左右, 近, 余) is offered only where the indicator takes one, and refused elsewhere —
by the form, the API and the uploaded template alike — with a Chinese message naming the indicator."""

import io

import pytest
import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from pilots.models import IndicatorDefinition, IndicatorValue
from reports.models import RecordValue

from .conftest import api_client

pytestmark = pytest.mark.django_db

TAKES_ONE, TAKES_NONE = "members", "service_stations"  # "1000余人"; a union's stations are counted exactly


FORMSETS = {
    "measures-TOTAL_FORMS": "0",
    "measures-INITIAL_FORMS": "0",
    "positions-TOTAL_FORMS": "0",
    "positions-INITIAL_FORMS": "0",
}


def _edit(client, record):
    return client.get(reverse("reports:record-edit", args=[record.pk])).content.decode()


def test_the_definitions_say_which_indicators_take_a_qualifier():
    definitions = {d.code: d for d in IndicatorDefinition.objects.all()}
    assert definitions[TAKES_ONE].allows_qualifier and not definitions[TAKES_NONE].allows_qualifier
    # Every rate takes one ("95%以上"); so does every indicator a source printed with one.
    assert all(d.allows_qualifier for d in definitions.values() if d.value_type == "percent")
    printed_with_one = set(IndicatorValue.objects.exclude(qualifier="exact").values_list("definition__code", flat=True))
    assert printed_with_one and all(definitions[code].allows_qualifier for code in printed_with_one)
    # The fixtures and the migration agree (a fresh load and a migrated database hold the same).
    fixture = yaml.safe_load((settings.BASE_DIR / "fixtures" / "indicators.yaml").read_text(encoding="utf-8"))
    assert {item["code"] for item in fixture["indicators"] if item.get("qualifier") is False} == {
        code for code, d in definitions.items() if not d.allows_qualifier
    }
    from importlib import import_module

    migration = import_module("pilots.migrations.0012_indicator_allows_qualifier")
    assert set(migration.EXACT_ONLY) == {code for code, d in definitions.items() if not d.allows_qualifier}


def test_the_form_offers_the_qualifier_only_where_the_indicator_takes_one(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    html = _edit(client, record)
    assert f'name="qualifier_{TAKES_ONE}"' in html
    assert f'name="value_{TAKES_NONE}"' in html and f'name="qualifier_{TAKES_NONE}"' not in html
    offered = {d.code for d in IndicatorDefinition.objects.all() if f'name="qualifier_{d.code}"' in html}
    assert offered == set(IndicatorDefinition.objects.filter(allows_qualifier=True).values_list("code", flat=True))


def test_the_form_refuses_a_qualifier_posted_where_none_is_taken(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    response = client.post(
        reverse("reports:record-edit", args=[record.pk]),
        {
            "version": record.version,
            "value_members": "1200",
            f"value_{TAKES_NONE}": "12",
            f"qualifier_{TAKES_NONE}": "at_least",
            "intent": "save",
            **FORMSETS,
        },
    )
    assert response.status_code == 200
    assert "职工服务站（点）数不带限定词" in response.content.decode()
    assert not record.values.filter(definition__code=TAKES_NONE).exists()  # nothing saved


def test_the_form_still_saves_a_qualifier_where_one_is_taken(client, accounts, a_record):
    record = a_record("draft")
    client.force_login(accounts["submitter_own"])
    client.post(
        reverse("reports:record-edit", args=[record.pk]),
        {
            "version": record.version,
            "value_members": "1.3万",
            "qualifier_members": "more_than",
            "intent": "save",
            **FORMSETS,
        },
    )
    assert record.values.get(definition__code="members").qualifier == "more_than"


def test_a_value_saved_before_the_rule_shows_its_qualifier_to_be_corrected(client, accounts, a_record):
    record = a_record("draft")
    RecordValue.objects.create(
        record=record, definition=IndicatorDefinition.objects.get(code=TAKES_NONE), value=12, qualifier="at_least"
    )
    client.force_login(accounts["submitter_own"])
    assert f'name="qualifier_{TAKES_NONE}"' in _edit(client, record)  # shown, not dropped unseen


def test_the_api_refuses_a_qualifier_where_none_is_taken(accounts, a_record):
    record = a_record("draft")
    response = api_client(accounts["submitter_own"]).patch(
        reverse("record-detail", args=[record.pk]),
        {"version": record.version, "values": [{"indicator": TAKES_NONE, "value": 12, "qualifier": "以上"}]},
        format="json",
    )
    assert response.status_code == 400
    assert "职工服务站（点）数不带限定词" in response.content.decode()
    assert not record.values.filter(definition__code=TAKES_NONE).exists()


def test_the_template_offers_the_qualifier_only_where_taken_and_the_upload_refuses_one(client, accounts, home_unit):
    client.force_login(accounts["submitter_own"])
    response = client.get(reverse("reports:sheet-template"), {"unit": home_unit.pk, "year": 2019})
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    codes = {row[0]: row[1] for row in book["代码"].iter_rows(min_row=2, values_only=True)}
    listed = {str(cell) for validation in sheet.data_validations.dataValidation for cell in validation.sqref.ranges}
    rows = {code: number for number, code in codes.items()}
    assert f"G{rows[TAKES_ONE]}" in listed and f"G{rows[TAKES_NONE]}" not in listed
    sheet.cell(row=rows[TAKES_NONE], column=6).value = 12
    sheet.cell(row=rows[TAKES_NONE], column=7).value = "以上"
    out = io.BytesIO()
    book.save(out)
    upload = client.post(reverse("reports:sheet-upload"), {"file": SimpleUploadedFile("filled.xlsx", out.getvalue())})
    assert "职工服务站（点）数不带限定词" in upload.content.decode()
    assert not RecordValue.objects.filter(record__unit=home_unit, definition__code=TAKES_NONE).exists()
