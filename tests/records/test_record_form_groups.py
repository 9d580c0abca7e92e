"""The record form's indicators fold by practice area, each group counting what is filled, and each
field shows last year's figure beside it."""

import re

import pytest
from model_bakery import baker

from pilots.models import IndicatorDefinition, IndicatorValue, PracticeArea
from reports.models import RecordStatus

pytestmark = pytest.mark.django_db


def test_indicators_fold_by_area_with_counts_and_last_years_figures(client, accounts, home_unit, a_record):
    record = a_record(status=RecordStatus.DRAFT, year=2024)  # holds a members value
    members = IndicatorDefinition.objects.get(code="members")
    baker.make(IndicatorValue, unit=home_unit, definition=members, year=2023, value=1100)
    client.force_login(accounts["submitter_own"])
    page = client.get(f"/records/{record.pk}/edit/").content.decode()
    groups = re.findall(
        r"<details class=\"area\" data-area( open)?>\s*<summary><span>(.*?)</span>\s*"
        r"<span class=\"filled\" data-filled>已填 (\d+) / (\d+)</span>",
        page,
    )
    areas = PracticeArea.objects.filter(indicators__isnull=False).distinct().count()
    assert len(groups) == areas >= 5
    assert sum(int(total) for *_rest, total in groups) == IndicatorDefinition.objects.count()
    filled = [(name, int(n)) for opened, name, n, _total in groups if int(n)]
    assert filled == [(members.area.name, 1)]
    assert all(opened for opened, _name, n, _total in groups if int(n))  # a group with figures is open
    assert any(not opened for opened, *_rest in groups)  # the others fold away
    # last year's figure beside its field
    block = page[page.index('id="id_value_members"') :][:1500]
    assert "2023年：1,100" in block or "2023年：1100" in block
