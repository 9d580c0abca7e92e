import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pilots.models import PilotUnit
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_bench_search_prints_the_figures_and_changes_nothing():
    units, documents = PilotUnit.objects.count(), SearchDocument.objects.count()
    out = StringIO()
    call_command("bench_search", records=40, repeat=1, in_place=True, stdout=out, stderr=StringIO())
    figures = json.loads(out.getvalue())
    assert figures["records"] == 40 and figures["engine"] in {"sqlite", "postgresql"}
    for key in ("api", "api_remembered", "raw", "icontains"):
        assert set(figures[key]) >= {"median_ms", "p95_ms"} and figures[key]["median_ms"] > 0
    assert figures["index_build_s"] > 0 and figures["index_bytes"] > 0
    assert figures["index_docs_per_s"] > 0 and figures["corpus_docs_per_s"] > 0
    assert (PilotUnit.objects.count(), SearchDocument.objects.count()) == (units, documents)


def test_bench_search_can_measure_the_shapes_alone():
    out = StringIO()
    call_command("bench_search", records=30, repeat=1, in_place=True, shapes_only=True, stdout=out, stderr=StringIO())
    figures = json.loads(out.getvalue())
    assert "api" not in figures and set(figures["shapes"]) >= {"rare", "phrase_common", "common_city_name_order"}
    assert all(shape["median_ms"] > 0 and shape["raw_median_ms"] > 0 for shape in figures["shapes"].values())
    assert (
        figures["shapes"]["phrase_common"]["unquoted_median_ms"] > 0
        and "unquoted_median_ms" not in figures["shapes"]["rare"]
    )


def test_bench_search_refuses_a_non_positive_record_count():
    with pytest.raises(CommandError):
        call_command("bench_search", records=0, stdout=StringIO())


def test_a_synthetic_units_sort_key_is_its_names_pinyin_key():
    from pilots.text import pinyin_key
    from search.management.commands.bench_search import synthetic_name

    for number in (0, 7, 123456):
        name, key = synthetic_name(number)
        assert name == f"合成试点{number:06d}号工会" and key == pinyin_key(name)
