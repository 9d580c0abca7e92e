"""From a file's bytes to the pieces it holds, with everything each piece states (no database writes)."""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from .decode import ImportInputError, decode_source
from .extract import figures_in, positions_in, practices_in
from .gazetteer import Gazetteer
from .repair import join_body, read_lines
from .split import Piece, detect_format, split_articles, split_compilation

FORMATS = ("auto", "compilation", "article")
_ISSUE_YEAR = re.compile(r"^(?P<year>20\d\d)年第[\d\-—－]+期$")
_MENTION = re.compile(r"[\u4e00-\u9fff（）]{2,30}?(?:总工会|工会联合会|工会)")


@dataclass
class ParsedPiece:
    """One piece as the importer read it; ``as_json`` is the contract of ``import_cases --json``."""

    section: str
    unit_name: str | None
    city: str | None
    county: str | None
    street: str | None
    unit_kind: str | None
    headline: str | None
    subheadline: str | None
    reporter: str | None
    body: str
    start_line: int
    end_line: int
    indicators: list = field(default_factory=list)
    positions: list = field(default_factory=list)
    practices: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "unit_name": self.unit_name,
            "city": self.city,
            "county": self.county,
            "street": self.street,
            "unit_kind": self.unit_kind,
            "section": self.section,
            "headline": self.headline,
            "subheadline": self.subheadline,
            "reporter": self.reporter,
            "body": self.body,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "indicators": [figure.as_json() for figure in self.indicators],
            "positions": self.positions,
            "practices": self.practices,
        }


@dataclass
class ParsedFile:
    name: str
    sha256: str
    encoding: str
    format: str
    year: int | None
    pieces: list[ParsedPiece]
    warnings: list[str]
    volume: str = ""
    publication: str = ""


def parse_source(data: bytes, *, name: str, fmt: str = "auto", gazetteer: Gazetteer) -> ParsedFile:
    """Decode, repair, split and extract one file; raises ImportInputError when nothing can be read."""
    decoded = decode_source(data, name=name)
    lines = read_lines(decoded.text)
    chosen = detect_format(lines, gazetteer) if fmt == "auto" else fmt
    splitter = split_compilation if chosen == "compilation" else split_articles
    pieces, warnings = splitter(lines, gazetteer)
    year = _publication_year(lines)
    parsed = [_extract(piece, gazetteer, year) for piece in pieces]
    if not any(piece.unit_name or piece.section == "overview" for piece in parsed):
        raise ImportInputError(f"{name}：没有找到可识别的案例（既没有栏目、署名，也没有以单位名称标识的文章）。")
    return ParsedFile(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        format=chosen,
        year=year,
        pieces=parsed,
        warnings=warnings + [w for piece in parsed for w in piece.warnings],
        volume=_volume(lines),
        publication="浙江工运" if any(line.text.startswith("浙江工运") for line in lines) else "",
    )


_VOLUMES = {"乡镇振兴篇": "townships", "街道活力篇": "streets", "新业态探索篇": "new_forms"}


def _volume(lines) -> str:
    """The volume of the special issue, from its running head (街道活力篇)."""
    heads = Counter(line.text for line in lines if line.text in _VOLUMES)
    return _VOLUMES[heads.most_common(1)[0][0]] if heads else ""


_ANY_YEAR = re.compile(r"(20[0-4]\d)年")


def _publication_year(lines) -> int | None:
    """The issue's year ("2018年第5-6期"), else the latest year the text mentions, else None."""
    for line in lines:
        match = _ISSUE_YEAR.match(line.text)
        if match:
            return int(match["year"])
    years = [int(year) for line in lines for year in _ANY_YEAR.findall(line.text)]
    return max(years) if years else None


_BARE_STREET_UNIT = re.compile(r"(?P<street>[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡))(?:总工会|工会)")


def mentioned_unit(text: str, gazetteer: Gazetteer):
    """The first unit a text names with its place (温岭市城东街道总工会), or None.

    Failing that, a street's federation named without its place ("城东街道总工会") is placed in
    the first county the text names.
    """
    for match in _MENTION.finditer(text):
        candidate = match.group(0)
        for offset in range(len(candidate) - 3):
            if gazetteer.starts_with_place(candidate[offset:]):
                unit = gazetteer.parse_unit(candidate[offset:])
                if unit is not None:
                    return unit
                break
    county = gazetteer.first_county_in(text)
    bare = _BARE_STREET_UNIT.search(text)
    if county and bare:
        return gazetteer.parse_unit(f"{county}{bare['street']}总工会")
    return None


def _article_unit(text: str, gazetteer: Gazetteer):
    """The unit an article without a unit line is about.

    The first unit named with its place, unless the article names a street of that county (one
    the gazetteer knows) at least as often as the federation itself: then it is about that
    street's federation ("……与城东街道……" in a report of 温岭市总工会's pilot in 城东).
    """
    unit = mentioned_unit(text, gazetteer)
    if unit is None or unit.county is None or unit.street:
        return unit
    counts = Counter({street: text.count(street) for street in gazetteer.streets.get(unit.county, ())})
    if counts:
        street, count = counts.most_common(1)[0]
        if count and count >= text.count(unit.name):
            return gazetteer.parse_unit(f"{unit.county}{street}总工会") or unit
    return unit


def _extract(piece: Piece, gazetteer: Gazetteer, year: int | None) -> ParsedPiece:
    body = join_body(piece.lines)
    unit = gazetteer.parse_unit(piece.unit_name) if piece.unit_name else None
    if unit is None and piece.section == "article":
        unit = _article_unit(f"{piece.headline or ''}\n{body}", gazetteer)
    warnings = list(piece.warnings)
    if unit is None and piece.section != "overview":
        warnings.append(f"第{piece.start_line}–{piece.end_line}行：没有识别出所属单位。")
    figures = figures_in([(line.number, line.text) for line in piece.lines], default_year=year)
    return ParsedPiece(
        section=piece.section,
        unit_name=unit.name if unit else None,
        city=unit.city if unit else None,
        county=unit.county if unit else None,
        street=unit.street if unit else None,
        unit_kind=unit.kind if unit else None,
        headline=piece.headline,
        subheadline=piece.subheadline,
        reporter=piece.reporter,
        body=body,
        start_line=piece.start_line,
        end_line=piece.end_line,
        indicators=figures,
        positions=positions_in(body),
        practices=practices_in(body) if piece.section != "overview" else [],
        warnings=warnings,
    )


def read_source(path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportInputError(f"{path}：无法读取文件（{exc.strerror}）。") from exc
