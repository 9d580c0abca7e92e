"""From a file's bytes to the pieces it holds, with everything each piece states (no database writes)."""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from pilots.text import MASTHEAD
from pilots.vocabulary import positions_in, practices_in

from .bylines import names_only
from .decode import ImportInputError, decode_source
from .extract import figures_in
from .furniture import from_web_markdown, is_web_markdown
from .gazetteer import Gazetteer
from .headlines import plausible_headline
from .newspaper import split_newspaper
from .repair import full_width_punctuation, join_body, read_lines
from .script import read_script
from .split import Piece, articles_marked, detect_format, join_title_blocks, split_articles, split_compilation
from .subject import article_units

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
    photographers: list = field(default_factory=list)
    unit_names: list = field(default_factory=list)
    outlet: str | None = None
    page: str | None = None
    date: str | None = None  # ISO date the source states; None when it states none
    kicker: str | None = None

    @property
    def reporters(self) -> list[str]:
        return [name for name in (self.reporter or "").split("、") if name]

    def as_json(self) -> dict:
        return {
            "unit_name": self.unit_name,
            "unit_names": self.unit_names or ([self.unit_name] if self.unit_name else []),
            "city": self.city,
            "county": self.county,
            "street": self.street,
            "unit_kind": self.unit_kind,
            "section": self.section,
            "headline": self.headline,
            "subheadline": self.subheadline,
            "kicker": self.kicker,
            "reporter": self.reporter,
            "reporters": self.reporters,
            "photographers": self.photographers,
            "outlet": self.outlet,
            "page": self.page,
            "date": self.date,
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
    text: str = ""  # the decoded text as printed, kept with the import for the review screen
    traditional: bool = False  # printed in traditional characters: every field was read from the simplified text


def parse_source(data: bytes, *, name: str, fmt: str = "auto", gazetteer: Gazetteer) -> ParsedFile:
    """Decode, repair, split and extract one file; raises ImportInputError when nothing can be read."""
    decoded = decode_source(data, name=name)
    script = read_script(decoded.text)  # traditional characters read as simplified, pinyin glosses dropped
    lines = read_lines(script.text)
    if is_web_markdown(lines):
        lines = from_web_markdown(lines)  # a reader tool's Markdown of a web page: read as the page's text
    chosen = detect_format(lines, gazetteer) if fmt == "auto" else fmt
    if chosen == "compilation":
        splitter = split_compilation
    else:
        splitter = split_articles if articles_marked(lines, gazetteer) else split_newspaper
    pieces, warnings = splitter(lines, gazetteer)
    pieces = join_title_blocks(pieces)
    year = _publication_year(lines)
    pages = _pages_around(pieces, script.text)
    parsed = [_extract(piece, gazetteer, year, page) for piece, page in zip(pieces, pages, strict=True)]
    if not any(piece.unit_name or piece.section == "overview" or _about_a_union(piece) for piece in parsed):
        raise ImportInputError(f"{name}：没有找到可识别的案例（既没有栏目、署名，也没有以单位名称标识的文章）。")
    return ParsedFile(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        format=chosen,
        year=year,
        pieces=parsed,
        warnings=script.notes + warnings + [w for piece in parsed for w in piece.warnings],
        volume=_volume(lines),
        publication=_masthead(lines),
        text=decoded.text,
        traditional=bool(script.traditional),
    )


def _masthead(lines) -> str:
    """The publication a compilation's running head names ("浙江工运 Labour Movement of Zhejiang" → 浙江工运):
    the masthead printed most often, if it is printed on more than one page."""
    names = Counter(match["name"] for line in lines if (match := MASTHEAD.match(line.text)))
    name, count = names.most_common(1)[0] if names else ("", 0)
    return name if count >= 2 else ""


_VOLUMES = {"乡镇振兴篇": "townships", "街道活力篇": "streets", "新业态探索篇": "new_forms"}


def _volume(lines) -> str:
    """The volume of the special issue, from its running head (街道活力篇)."""
    heads = Counter(line.text for line in lines if line.text in _VOLUMES)
    return _VOLUMES[heads.most_common(1)[0][0]] if heads else ""


_ANY_YEAR = re.compile(r"(20[0-4]\d)年")
# A year a goal is set for: "到2026年", "至2030年" (not "截至2024年"), "2027年底前", "2025年前".
_GOAL_YEAR = re.compile(r"^(?:.?(?:到|(?<!截)至)\d{4}年|.{0,2}\d{4}年(?:底|末)?前)")


def _publication_year(lines) -> int | None:
    """The issue's year ("2018年第5-6期"), else the latest year the text mentions, else None."""
    for line in lines:
        match = _ISSUE_YEAR.match(line.text)
        if match:
            return int(match["year"])
    # a goal's year ("到2026年", "2027年底前") is not the year the page was written in
    years = [
        int(match.group(1))
        for line in lines
        for match in _ANY_YEAR.finditer(line.text)
        if not _GOAL_YEAR.match(line.text[max(0, match.start() - 2) : match.end() + 3])
    ]
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


def _pages_around(pieces: list[Piece], text: str) -> list[str]:
    """The page as each article sees it: its furniture (site, source and date lines) and the article itself, the other
    articles of a page of several blanked out (line numbers kept), so that one article's places and credits never
    place or credit the next one's unions."""
    articles = [piece for piece in pieces if piece.section == "article"]
    if len(articles) < 2:
        return [text] * len(pieces)
    lines = text.split("\n")
    pages = []
    for piece in pieces:
        if piece.section != "article":
            pages.append(text)
            continue
        seen = list(lines)
        for other in articles:
            if other is not piece:
                seen[other.start_line - 1 : other.end_line] = [""] * (other.end_line - other.start_line + 1)
        pages.append("\n".join(seen))
    return pages


def _extract(piece: Piece, gazetteer: Gazetteer, year: int | None, page_text: str = "") -> ParsedPiece:
    body = join_body(piece.lines)
    if piece.section == "article" and piece.headline and not plausible_headline(piece.headline, body):
        # a site's or channel's name above a text printed without a headline; a line of names there is its byline
        names = names_only(piece.headline)
        byline = "、".join(names.reporters) if names and len(names.reporters) >= 2 else None
        piece = replace(piece, headline=None, reporter=piece.reporter or byline)
    unit = gazetteer.parse_unit(piece.unit_name) if piece.unit_name else None
    units = [unit] if unit else []
    if piece.section == "article":
        named = article_units(piece, body, gazetteer, page_text)
        if unit is None:
            units = named
            unit = named[0] if named else None
        else:
            units += [u for u in named if u.name != unit.name and gazetteer.canonical(unit).name != u.name]
    warnings = list(piece.warnings)
    if unit is None and piece.section != "overview":
        warnings.append(f"第{piece.start_line}–{piece.end_line}行：没有识别出所属单位。")
    # a figure with no year of its own is of the year its page's date states, else of the page's
    year = int(piece.date[:4]) if piece.date else year
    figures = figures_in([(line.number, line.text) for line in piece.lines], default_year=year)
    return ParsedPiece(
        section=piece.section,
        unit_name=unit.name if unit else None,
        city=unit.city if unit else None,
        county=unit.county if unit else None,
        street=unit.street if unit else None,
        unit_kind=unit.kind if unit else None,
        headline=_typeset(piece.headline),
        subheadline=_typeset(piece.subheadline),
        reporter=piece.reporter,
        photographers=list(piece.photographers),
        unit_names=[u.name for u in units],
        outlet=piece.outlet,
        page=piece.page,
        date=piece.date,
        kicker=_typeset(piece.kicker),
        body=body,
        start_line=piece.start_line,
        end_line=piece.end_line,
        indicators=figures,
        positions=positions_in(body),
        practices=practices_in(body) if piece.section != "overview" else [],
        warnings=warnings,
    )


def _typeset(title: str | None) -> str | None:
    """A title with the punctuation a body gets: a web copy's "浙江湖州:为…" is "浙江湖州：为…"."""
    return full_width_punctuation(title) if title else title


def _about_a_union(piece: "ParsedPiece") -> bool:
    """An article with a headline, a byline or a dated source about a union whose name the importer could not place:
    kept as a piece (the editor gives its unit on the review screen), not a reason to drop the whole page."""
    # a byline opening a copy whose headline was lost, or the date its site printed above a text without either
    signed = bool(piece.headline) or bool(piece.reporter) or bool(piece.date)
    union = "工会" in piece.body or (piece.outlet or "").endswith("工会")
    # or about the workers a union serves, where the page names no union ("爱心驿站为户外劳动者…"): the editor gives it
    return piece.section == "article" and signed and (union or bool(_WORKERS.search(piece.body)))


_WORKERS = re.compile(r"职工|劳动者|劳模|工匠|外卖小哥|快递小哥|骑手|环卫工")


def read_source(path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportInputError(f"{path}：无法读取文件（{exc.strerror}）。") from exc
