"""The fixtures against the source documents, read from ../shared/seeds/ at test time."""

import itertools
import re
from collections import Counter

import pytest
import yaml

from pilots.models import Article, ArticleColumn, PilotUnit, Region, RegionLevel
from pilots.services.portal_data import case_files
from pilots.text import normalise_name

from .conftest import COMPILATION, compilation_unit_lines, seed_lines

pytestmark = pytest.mark.django_db


def place_prefixes() -> tuple[str, ...]:
    names = Region.objects.filter(level__in=[RegionLevel.CITY, *RegionLevel.county_levels()])
    return tuple(names.values_list("name", flat=True))


def test_every_piece_of_the_compilation_has_its_unit():
    lines = compilation_unit_lines(place_prefixes())
    names = {name for _, name in lines}
    assert len(names) >= 90, "the compilation names about ninety units; the pattern found too few"
    missing = sorted(names - set(PilotUnit.objects.values_list("name", flat=True)))
    assert missing == []


def test_every_compilation_unit_is_published_with_its_article():
    names = {name for _, name in compilation_unit_lines(place_prefixes())}
    units = PilotUnit.objects.filter(name__in=names)
    without_article = [u.name for u in units if not u.articles.filter(source_file=COMPILATION).exists()]
    assert without_article == []
    assert set(units.values_list("status", flat=True)) == {"published"}


def test_the_compilation_has_one_overview_and_its_columns():
    columns = Counter(Article.objects.filter(source_file=COMPILATION).values_list("column", flat=True))
    assert columns[ArticleColumn.OVERVIEW] == 1
    assert columns[ArticleColumn.SPECIAL] >= 1
    assert columns[ArticleColumn.FEATURE] >= 10
    assert columns[ArticleColumn.SKETCH] >= 70


def test_the_overview_reads_as_clean_text():
    overview = Article.objects.get(source_file=COMPILATION, column=ArticleColumn.OVERVIEW)
    assert "90家" in overview.body and "30.93%" in overview.body
    assert "9090" not in overview.body and "，，" not in overview.body
    assert overview.figures["facts"]["street_pilots"] == 90
    assert overview.units.count() >= 5


def _fixture_pieces():
    for path in case_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for piece in data["pieces"]:
            yield path.name, data["source"], piece


def _squeezed(lines: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(lines))


def test_every_recorded_figure_is_printed_near_its_line():
    """Each figure's phrase stands in the source within a few lines of the line it names."""
    wrong = []
    for fixture, source, piece in _fixture_pieces():
        lines = seed_lines(source)
        for value in piece.get("indicators") or []:
            window = _squeezed(lines[max(0, value["line"] - 6) : value["line"] + 5])
            if re.sub(r"\s+", "", value["phrase"]) not in window:
                wrong.append(f"{fixture}: {value['phrase']} (line {value['line']})")
    assert wrong == []


def test_every_headline_is_printed_in_its_span():
    wrong = []
    for fixture, source, piece in _fixture_pieces():
        article = piece.get("article") or {}
        if not article.get("headline"):
            continue
        lines = seed_lines(source)
        text = normalise_name(_squeezed(lines[max(0, article["start_line"] - 3) : article["end_line"] + 3]))
        headline = normalise_name(article["headline"]).replace("：", "").replace(":", "")
        if headline not in text.replace("：", "").replace(":", ""):
            wrong.append(f"{fixture}: {article['headline']}")
    assert wrong == []


def test_no_two_pieces_of_a_source_overlap():
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for _, source, piece in _fixture_pieces():
        article = piece.get("article")
        if article:
            spans.setdefault(source, []).append((article["start_line"], article["end_line"], article["headline"]))
    overlapping = []
    for source, items in spans.items():
        items.sort()
        for (s1, e1, h1), (s2, e2, h2) in itertools.pairwise(items):
            if s2 <= e1:
                overlapping.append(f"{source}: {h1} {s1}-{e1} / {h2} {s2}-{e2}")
    assert overlapping == []


def test_the_other_seed_files_have_their_units():
    for name in ["温岭市总工会", "杭州市总工会", "德清县总工会", "金华市总工会", "舟山市总工会", "温州市总工会"]:
        assert PilotUnit.objects.filter(name=name, status="published").exists(), name
