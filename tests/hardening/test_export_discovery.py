"""Every CSV and XLSX the portal serves writes formula-like text as text — found, not listed.

The URL resolver is walked: every route without parameters (and DRF's ``.csv``/``.xlsx`` suffix
routes) is asked for ``format=csv`` and ``format=xlsx`` — bare, and with the parameters exports take
(a unit, a year, an indicator) — by an administrator and by the unit's submitter. Whatever answers a
CSV or XLSX file is an export. The data behind them is poisoned: a city, a county, a street, a
unit, its short name, a practice, a practice area and an indicator are renamed to start with ``=``,
``+``, ``-`` or ``@``. Each export must contain at least one of those names, escaped (``'=…``), and no
cell that a spreadsheet would run. A new export that skips ``safe_row``/``safe_cell`` fails here.
"""

import csv
import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

from accounts.models import Role
from accounts.services import account_setup
from pilots.models import IndicatorDefinition, Practice, PracticeArea, ReformMeasure, Region
from pilots.spreadsheets import FORMULA_STARTERS
from reports.models import AnnualRecord, RecordStatus, RecordValue, ReportingDeadline
from tests.factories import a_street, a_unit, a_value

YEAR = 2019
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Exports known today: the discovery must find at least these (so that it cannot silently find nothing).
KNOWN = {
    "/api/cases/",
    "/api/dashboards/map/",
    "/api/dashboards/pilots/",
    "/api/dashboards/practices/",
    "/api/dashboards/indicators/",
    "/api/dashboards/reporting/",
    "/dashboards/workbook/",
    "/reporting-rate/",
    "/records/template/",
}


def _routes() -> list[str]:
    """Every GET-able path the resolver knows that needs no id (DRF's format suffix filled in later)."""

    def walk(patterns, prefix):
        for pattern in patterns:
            text = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern):
                yield text

    paths = set()
    for text in walk(get_resolver().url_patterns, ""):
        text = text.replace("\\.(?P<format>[a-z0-9]+)/?", ".{format}").replace("\\.", ".")
        if "<" in text or "(" in text or text.startswith("admin/"):
            continue
        paths.add("/" + text)
    return sorted(paths)


@pytest.fixture
def poisoned(db):
    street = a_street("公式街道", "温岭市")
    unit = a_unit("温岭市公式街道总工会", short_name="公式", region=street)
    measure = ReformMeasure.objects.create(unit=unit, title="专兼挂")
    practice = Practice.objects.order_by("pk").first()
    measure.practices.set([practice])
    a_value(unit, "members", 1200, year=YEAR).save()
    record = AnnualRecord.objects.create(unit=unit, year=YEAR, status=RecordStatus.APPROVED)
    RecordValue.objects.create(record=record, definition=IndicatorDefinition.objects.get(code="members"), value=1200)
    ReportingDeadline.objects.create(year=YEAR, due_on=datetime.date(YEAR + 1, 3, 31))
    submitter, _ = account_setup(username="export_sub", role=Role.SUBMITTER, unit=unit)
    admin, _ = account_setup(username="export_admin", role=Role.ADMIN)
    county = street.parent
    # Renamed after the set-up (the factories find places by name).
    Region.objects.filter(pk=county.city_id).update(name="+A1*2台州市")
    Region.objects.filter(pk=county.pk).update(name="=cmd|'/Ccalc'!A0")
    Region.objects.filter(pk=street.pk).update(name="@SUM(1)街道")
    type(unit).objects.filter(pk=unit.pk).update(name="=1+1温岭市公式街道总工会", short_name="-2+3")
    Practice.objects.filter(pk=practice.pk).update(name='=HYPERLINK("http://x","做法")')
    PracticeArea.objects.filter(pk=practice.area_id).update(name="@领域")
    IndicatorDefinition.objects.filter(code="members").update(name="=会员数")
    cache.clear()
    yield {"unit": unit, "clients": [_client(admin), _client(submitter)]}
    cache.clear()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _cells(response) -> list[str]:
    if response["Content-Type"].startswith(CSV):
        return [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    book = load_workbook(io.BytesIO(response.content))
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cells.append(f"FORMULA {cell.value}")
                elif isinstance(cell.value, str):
                    cells.append(cell.value)
    return cells


def _is_number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?%?", text) is not None


def test_every_csv_and_xlsx_export_escapes_formulas(poisoned):
    extra = {"unit": poisoned["unit"].pk, "year": YEAR, "indicator": "members"}
    found: dict[str, list[str]] = {}
    for route in _routes():
        for fmt in ("csv", "xlsx"):
            path = route.replace("{format}", fmt)
            for params in ({"format": fmt}, {"format": fmt, **extra}):
                for client in poisoned["clients"]:
                    response = client.get(path, params)
                    kind = response.get("Content-Type", "")
                    if response.status_code == 200 and kind.startswith((CSV, XLSX)):
                        found.setdefault(f"{path}?{'&'.join(f'{k}={v}' for k, v in params.items())}", _cells(response))
                        break
                else:
                    continue
                break
    assert {url.split("?")[0].replace(".csv", "/").replace(".xlsx", "/") for url in found} >= KNOWN, sorted(found)
    print(f"{len(found)} exports found:", *sorted(found), sep="\n  ")
    problems = []
    for url, cells in sorted(found.items()):
        live = [cell for cell in cells if cell.startswith(("FORMULA", *FORMULA_STARTERS)) and not _is_number(cell)]
        if live:
            problems.append(f"{url}: {live[:3]}")
        if not any(cell[:1] == "'" and cell[1:2] in "=+-@" for cell in cells):
            problems.append(f"{url}: none of the poisoned names reached this export (add them to the fixture)")
    assert not problems, "\n".join(problems)
