import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pilots.models import IndicatorValue, PilotUnit

pytestmark = pytest.mark.django_db


def test_bench_dashboards_prints_every_panels_figures_and_changes_nothing():
    before = (PilotUnit.objects.count(), IndicatorValue.objects.count())
    out = StringIO()
    call_command("bench_dashboards", units=30, years=2, repeat=1, in_place=True, stdout=out, stderr=StringIO())
    figures = json.loads(out.getvalue())
    assert figures["engine"] in {"sqlite", "postgresql"} and figures["units"] >= 30 and figures["values"] > 0
    assert set(figures["panels"]) == {"map", "pilots", "practices", "indicators", "reporting"}
    for stats in [*figures["panels"].values(), figures["count_ms"]]:
        assert set(stats) == {"median_ms", "p95_ms", "max_ms"} and stats["median_ms"] > 0
    assert (PilotUnit.objects.count(), IndicatorValue.objects.count()) == before
    # The multi-year province's trends, as the panels answer them (few units: not every year has figures).
    trends = figures["trends"]
    assert set(trends["indicator_years"]) <= {2018, 2023, 2024} and trends["indicator_kind"]
    assert set(trends["practice_designated_years"]) <= {2017, 2018, 2019}
    assert set(trends["practice_reporting_years"]) <= {2023, 2024}


def test_bench_dashboards_refuses_a_non_positive_size():
    with pytest.raises(CommandError):
        call_command("bench_dashboards", units=0, stdout=StringIO())
