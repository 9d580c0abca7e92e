"""How well the pieces' practices are tagged: precision and recall per practice area.

The reference is a set of pieces whose practices an editor labelled by reading them
(``tests/editions/expected/practices.yaml``). Two taggings are measured against it: the
fixtures' (the practices of the measures recorded with the piece in ``fixtures/cases/*.yaml`` —
what the overview statistics count for the seed pilots) and the importer's cue words applied to
the piece's text (what a fresh import would tag).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pilots.models import Article, Practice
from pilots.vocabulary import practices_in

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXPECTED = ROOT / "tests" / "editions" / "expected" / "practices.yaml"
FIXTURES = ROOT / "fixtures" / "cases"


def fixture_practices(source: str, fixtures: Path = FIXTURES) -> dict[int, set[str]]:
    """Per piece of ``source`` (by start line): the practices of the measures recorded with it."""
    found: dict[int, set[str]] = {}
    for path in sorted(fixtures.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if data.get("source") != source:
            continue
        for piece in data.get("pieces") or []:
            start = (piece.get("article") or {}).get("start_line")
            if start is not None:
                found[start] = {code for m in piece.get("measures") or [] for code in m.get("practices") or []}
    return found


@dataclass
class AreaScore:
    code: str
    name: str
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    misses: list[str] = field(default_factory=list)  # "unit: code" labelled but not tagged
    extras: list[str] = field(default_factory=list)  # "unit: code" tagged but not labelled

    @property
    def precision(self) -> float:
        tagged = self.true_positive + self.false_positive
        return self.true_positive / tagged if tagged else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_positive + self.false_negative
        return self.true_positive / labelled if labelled else 1.0


@dataclass
class TaggingQuality:
    pieces: int
    areas: list[AreaScore]
    missing: list[str] = field(default_factory=list)  # labelled pieces not found in the database

    def area(self, code: str) -> AreaScore:
        return next(area for area in self.areas if area.code == code)


def load_expected(path: Path = DEFAULT_EXPECTED) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def tagging_quality(expected: dict, *, source: str = "fixtures") -> TaggingQuality:
    """Score ``source`` ("fixtures": the pieces' recorded measures; "importer": cue words on the text)."""
    practices = {p.code: p for p in Practice.objects.select_related("area")}
    areas: dict[str, AreaScore] = {}
    for practice in sorted(practices.values(), key=lambda p: (p.area.order, p.area.code)):
        areas.setdefault(practice.area.code, AreaScore(practice.area.code, practice.area.name))
    result = TaggingQuality(pieces=0, areas=list(areas.values()))
    recorded = fixture_practices(expected["source"]) if source == "fixtures" else {}
    for piece in expected["pieces"]:
        article = Article.objects.filter(source_file=expected["source"], start_line=piece["start_line"]).first()
        if article is None:
            result.missing.append(f"{piece['unit']}（第{piece['start_line']}行）")
            continue
        result.pieces += 1
        tagged = set(practices_in(article.body)) if source == "importer" else recorded.get(piece["start_line"], set())
        labelled = set(piece["practices"])
        for code in tagged | labelled:
            if code not in practices:
                continue
            score = areas[practices[code].area.code]
            if code in tagged and code in labelled:
                score.true_positive += 1
            elif code in tagged:
                score.false_positive += 1
                score.extras.append(f"{piece['unit']}: {code}")
            else:
                score.false_negative += 1
                score.misses.append(f"{piece['unit']}: {code}")
    return result
