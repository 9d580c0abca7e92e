"""The library's exports speak the request's language as its pages do: on an English page the XLSX and
the CSV of /cases/ carry English headers, kinds, practice names and indicator names (practices and
indicators by their ``name_en``, as the case page shows them); on a Chinese page, Chinese. Places,
units' names and figures as printed ("95%以上") are data and stay as printed in either language."""

import csv
import io
import re
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pilots.models import IndicatorDefinition, PilotUnit, Practice
from pilots.spreadsheets import LIST_SEPARATOR

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")


def _unit_with_practices() -> PilotUnit:
    """A published unit of the fixture cases with several practices, all of which have English names."""
    for unit in PilotUnit.objects.published().filter(measures__practices__isnull=False).distinct().order_by("pk"):
        practices = [p for m in unit.measures.all() for p in m.practices.all()]
        if len({p.pk for p in practices}) > 1 and all(p.name_en for p in practices):
            return unit
    raise AssertionError("no unit with several practices named in English")


def _names(unit: PilotUnit, attribute: str) -> str:
    practices = [p for m in unit.measures.order_by("pk") for p in m.practices.all()]
    return LIST_SEPARATOR.join(dict.fromkeys(getattr(p, attribute) for p in practices))


def _xlsx(client, language: str, **params) -> tuple[list, dict]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("case-list"), {"format": "xlsx", **params})
    assert response.status_code == 200, response.content[:300]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return list(rows[0]), {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def test_the_xlsx_names_practices_kinds_and_headers_in_the_page_language(client):
    unit = _unit_with_practices()
    members = IndicatorDefinition.objects.get(code="members")
    assert members.name_en

    headers, rows = _xlsx(client, "en", city=unit.city.name)
    row = rows[unit.pk]
    assert not any(HAN.search(str(h)) for h in headers), [h for h in headers if HAN.search(str(h))]
    assert "Reform practice" in headers and f"{members.name_en} (persons)" in headers, headers
    assert row["Reform practice"] == _names(unit, "name_en")
    assert not HAN.search(row["Reform practice"])
    with translation.override("en"):
        assert row["Kind"] == str(unit.get_kind_display())
    assert not HAN.search(row["Kind"])
    assert row["Full name"] == unit.name  # a unit's name is data, as printed
    assert row["City"] == unit.city.name

    headers, rows = _xlsx(client, "zh-hans", city=unit.city.name)
    row = rows[unit.pk]
    assert "改革做法" in headers and f"{members.name}（人）" in headers, headers
    assert row["改革做法"] == _names(unit, "name")
    assert row["类型"] == unit.get_kind_display()


def test_the_csv_and_the_file_name_follow_the_language(client):
    practice = Practice.objects.filter(measures__unit__status="published").exclude(name_en="").order_by("pk").first()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("case-list"), {"format": "csv", "practice": practice.code})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and all(practice.name_en in row["Reform practice"].split(LIST_SEPARATOR) for row in rows)
    # The file says what the list was narrowed to, in the same words.
    disposition = unquote(response["Content-Disposition"])
    assert practice.name not in disposition
    assert practice.name_en.split()[0] in disposition, disposition
