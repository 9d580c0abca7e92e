"""Splitting a repaired text into pieces: one piece per case article, in document order.

Two layouts are understood. A *compilation* (the special issue) prints column labels as page
footers, features with a "■特约记者" byline next to the unit-name line and headline, and sketches
each closed by the unit-name line (and, in some, a headline). An *article* file (newspaper pages,
reports) marks pieces with ``#`` headings, "UNIT：HEADLINE" lines or speaker lines, and bylines
such as "记者XX报道".
"""

import re
from dataclasses import dataclass, field, replace

from pilots.text import printed_pages, undouble_runs

from .gazetteer import Gazetteer
from .repair import BYLINE, SENTENCE_END, Line, is_furniture, join_body, section_label
from .sources import meta_line

# A sketch closes with its unit-name line only once it has a body: a name line printed at the
# top of a piece (缙云经济开发区（新碧街道）总工会) or a sentence that happens to fill a column
# line with a unit's name is not a closer.
MIN_SKETCH_BODY = 120
_WORD_SPACE = re.compile(r"[\u4e00-\u9fff”]{2} [“\u4e00-\u9fff]{2}")
AFTERWORD = ("后记", "记后", "编后")


@dataclass
class Piece:
    section: str
    start_line: int
    end_line: int
    lines: list[Line]
    unit_name: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    reporter: str | None = None
    warnings: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    kicker: str | None = None  # a unit-naming line ending in "：" above the headline
    lead_text: str | None = None  # the first paragraph of the body (where the unit is named)
    outlet: str | None = None  # the source as the page states it (see sources.py)
    page: str | None = None
    date: str | None = None


def display_text(line: Line) -> str:
    """A heading as printed, keeping the single spaces between its parts (“共建 共治 共享”)."""
    return " ".join(line.raw.replace("\u3000", " ").split()).lstrip("#").strip()


def detect_format(lines: list[Line], gazetteer: Gazetteer) -> str:
    """compilation when the text has the special issue's column labels or bylines, or (its labels
    lost) several pieces closed by a line holding only a unit's name and no ``#`` headings."""
    closers = 0
    for line in lines:
        if section_label(line.text) in ("special", "feature", "sketch") or line.text.startswith("■特约记者"):
            return "compilation"
        if line.raw.lstrip().startswith("#"):
            return "article"
        closers += gazetteer.parse_unit(line.text) is not None
    return "compilation" if closers >= 2 else "article"


# --- compilation ------------------------------------------------------------------------------


class CompilationSplitter:
    def __init__(self, lines: list[Line], gazetteer: Gazetteer):
        self.lines = [line for line in lines if line.text]
        self.gaz = gazetteer
        self.pieces: list[Piece] = []
        self.warnings: list[str] = []
        self._unit_cache: dict[str, bool] = {}

    def is_unit_line(self, line: Line) -> bool:
        cached = self._unit_cache.get(line.text)
        if cached is None:
            cached = self._unit_cache[line.text] = self.gaz.parse_unit(line.text) is not None
        return cached

    def split(self) -> tuple[list[Piece], list[str]]:
        segments: list[tuple[list[Line], str | None]] = []
        current: list[Line] = []
        for line in self.lines:
            section = section_label(line.text)
            if section:
                segments.append((current, section))
                current = []
            else:
                current.append(line)
        segments.append((current, None))  # the last page has no footer: sketches, then the afterword

        stream: list[Line] = []
        for items, section in segments:
            orphan_feature = section == "feature" and not self._bylines(items) and not self._last("feature")
            if section in ("sketch", None) or orphan_feature:
                stream += items
                continue
            self._sketches(stream)
            stream = []
            if section == "overview":
                self._overview(items)
            elif section == "special":
                self._special(items)
            elif section == "feature":
                self._feature(items)
        self._sketches(stream, final=True)
        return self.pieces, self.warnings

    def _last(self, section: str) -> Piece | None:
        return self.pieces[-1] if self.pieces and self.pieces[-1].section == section else None

    @staticmethod
    def _content(items: list[Line]) -> list[Line]:
        return [line for line in items if not is_furniture(line.text)]

    @staticmethod
    def _bylines(items: list[Line]) -> list[int]:
        return [i for i, line in enumerate(items) if BYLINE.match(line.text)]

    @staticmethod
    def _reporter(line: Line) -> str | None:
        match = BYLINE.match(line.text)
        return match["names"].replace(" ", "、") if match else None

    def _overview(self, items: list[Line]) -> None:
        items = self._content(items)
        first = next((i for i, line in enumerate(items) if line.doubled), None)
        if first is None:
            first = 0  # an overview printed normally: the whole page is the overview
        elif first:
            self.warnings.append(f"第{items[0].number}–{items[first - 1].number}行是卷首语，不是案例，已跳过。")
        body, headline, reporter = [], None, None
        for i, line in enumerate(items[first:], first):
            if BYLINE.match(line.text):
                reporter = self._reporter(line)
                if i > first and not items[i - 1].doubled:
                    headline = display_text(items[i - 1])
                    if body and body[-1] is items[i - 1]:
                        body.pop()
            elif line.doubled or not items[first].doubled:
                body.append(line)
            elif len(line.text) < 6 and len(undouble_runs(line.text)) * 2 == len(line.text):
                line.text = undouble_runs(line.text)  # short doubled lines ("盖盖，，") escape the length test
                body.append(line)
            elif i + 1 < len(items) and not items[i + 1].doubled and not BYLINE.match(items[i + 1].text):
                body.append(line)
            # else: a title line printed once inside the doubled text (the overview's subtitle)
        self.pieces.append(
            Piece("overview", items[first].number, items[-1].number, body, headline=headline, reporter=reporter)
        )

    def _special(self, items: list[Line]) -> None:
        items = self._content(items)
        if not items:
            return
        header = next((i for i, line in enumerate(items[:5]) if self._unit_prefix(line.text)), None)
        previous = self._last("special")
        if header is None and previous is not None:
            previous.lines += items
            previous.end_line = items[-1].number
            return
        piece = Piece("special", items[0].number, items[-1].number, [])
        if header is not None:
            piece.unit_name = self._unit_prefix(items[header].text)
            piece.headline = " ".join(display_text(line) for line in items[:header]) or None
            rest = items[header + 1 :]
            if rest and len(rest[0].raw.split()) >= 2 and not rest[0].text.endswith(SENTENCE_END):
                name = rest[0].raw.split()[-1]  # "……区总工会主席 陈华": the author signs the report
                if 2 <= len(name) <= 4:
                    piece.reporter = name
                    rest = rest[1:]
            piece.lines = rest
        else:
            piece.lines = items
            piece.warnings.append(f"第{items[0].number}行起的特别报道没有找到单位名称。")
        self.pieces.append(piece)

    def _unit_prefix(self, text: str) -> str | None:
        match = re.match(r"^(.{4,40}?(?:总工会|工会联合会|工会))", text)
        if match and self.gaz.parse_unit(match[1]):
            return self.gaz.parse_unit(match[1]).name
        return None

    def _feature(self, items: list[Line]) -> None:
        items = self._content(items)
        bylines = self._bylines(items)
        if not bylines:
            previous = self._last("feature")
            previous.lines += items
            previous.end_line = items[-1].number
            return
        piece = Piece("feature", items[0].number, items[-1].number, [])
        b = bylines[0]
        if len(bylines) > 1:
            piece.warnings.append(f"第{items[0].number}行起的页面有多个署名，只取第一个。")
        piece.reporter = self._reporter(items[b])
        unit_at = next((i for i in range(b - 1, max(b - 4, -1), -1) if self.is_unit_line(items[i])), None)
        skip = {b}
        if unit_at is not None:
            piece.unit_name = self.gaz.parse_unit(items[unit_at].text).name
            piece.headline = " ".join(display_text(line) for line in items[unit_at + 1 : b]) or None
            skip |= set(range(unit_at, b))
        else:
            piece.warnings.append(f"第{items[b].number}行的署名附近没有单位名称行。")
        piece.lines = [line for i, line in enumerate(items) if i not in skip]
        self.pieces.append(piece)

    def _sketches(self, items: list[Line], *, final: bool = False) -> None:
        if not items:
            return
        content = self._content(items)
        boundary_after = {}  # content index -> is the next printed line furniture / a page start / the end?
        positions = {id(line): k for k, line in enumerate(items)}
        for i, line in enumerate(content):
            k = positions[id(line)] + 1
            boundary_after[i] = k >= len(items) or is_furniture(items[k].text) or items[k].page_start
        body_start, i = 0, 0
        while i < len(content):
            body_chars = sum(len(line.text) for line in content[body_start:i])
            if not (self.is_unit_line(content[i]) and body_chars >= MIN_SKETCH_BODY):
                i += 1
                continue
            j = i
            while j + 1 < len(content) and self.is_unit_line(content[j + 1]):
                j += 1
            headline = None
            if j + 1 < len(content) and self._looks_like_headline(content[j + 1], boundary_after[j + 1]):
                headline = content[j + 1]
            group = content[i : j + 1]
            self._close_sketches(content[body_start:i], group, headline)
            body_start = i = j + (2 if headline else 1)
        rest = content[body_start:]
        if rest:
            text = "".join(line.text for line in rest)
            if final and any(word in text for word in AFTERWORD):
                self.warnings.append(f"第{rest[0].number}–{rest[-1].number}行是后记，不是案例，已跳过。")
            else:
                self.warnings.append(f"第{rest[0].number}–{rest[-1].number}行没有以单位名称结尾，未归入任何案例。")

    @staticmethod
    def _looks_like_headline(line: Line, at_page_end: bool) -> bool:
        """Whether the line after a closing name line is the sketch's headline.

        A headline ends its page (the next line is furniture or a new page); where the OCR kept no
        page marks, only a short line of two-word phrases set apart by a space ("党工共建 工益有我")
        is taken for one: a body line never spaces words.
        """
        if len(line.text) > 24 or line.text.endswith((*SENTENCE_END, "，", ",", "、")):
            return False
        return at_page_end or bool(_WORD_SPACE.search(display_text(line)))

    def _close_sketches(self, body: list[Line], group: list[Line], headline: Line | None) -> None:
        names = [self.gaz.parse_unit(line.text) for line in group]
        body = [line for line in body if line.text not in {name.name for name in names}]
        parts = self._divide(body, names) if len(names) > 1 else [(names[0], body)]
        for k, (name, part) in enumerate(parts):
            if not part:
                continue
            last = k == len(parts) - 1
            end = part[-1].number
            if last and headline is not None:
                end = headline.number
            elif last and group[0].text == name.name:
                end = group[0].number  # its own name line follows the body directly
            piece = Piece("sketch", part[0].number, end, part, unit_name=name.name)
            if last and headline is not None:
                piece.headline = display_text(headline)
            self.pieces.append(piece)

    @staticmethod
    def _divide(body: list[Line], names: list) -> list[tuple[object, list[Line]]]:
        """Share one run of text among the units whose name lines close it together.

        The page layout sometimes prints two sketches' name lines one after the other; each body
        is found where its unit's street is first named, moved back to the paragraph's start.
        """

        def key(name) -> str:
            if name.street:
                return re.sub(r"(街道|镇|乡)$", "", name.street)
            return name.name[-6:]

        first_mention = {}
        for name in names:
            first_mention[id(name)] = next((k for k, line in enumerate(body) if key(name) in line.text), len(body))
        ordered = sorted(names, key=lambda name: first_mention[id(name)])
        cuts = [0]
        for name in ordered[1:]:
            k = min(first_mention[id(name)], len(body) - 1)
            while k > cuts[-1] + 1 and not body[k - 1].text.endswith(SENTENCE_END):
                k -= 1
            cuts.append(max(k, cuts[-1] + 1))
        cuts.append(len(body))
        return [(name, body[cuts[n] : cuts[n + 1]]) for n, name in enumerate(ordered)]


def split_compilation(lines: list[Line], gazetteer: Gazetteer) -> tuple[list[Piece], list[str]]:
    """The compilation's pieces, each with the printed page it starts on (where the scan says)."""
    pieces, warnings = CompilationSplitter(lines, gazetteer).split()
    pages = dict(zip((line.number for line in lines), printed_pages([line.raw for line in lines]), strict=True))
    for piece in pieces:
        page = pages.get(piece.start_line)
        piece.page = str(page) if page else None
    return pieces, warnings


# --- articles ---------------------------------------------------------------------------------

_HEADING = re.compile(r"^(?P<marks>#{1,6})\s*(?P<text>.*)$")
_SPEAKER = re.compile(r"^(?P<unit>\S{3,30}?(?:总工会|工会))(?:作|的)?\S{0,8}(?:交流|发言|介绍)。?$")
_UNIT_COLON = re.compile(r"^(?P<unit>[^，。；：:]{3,30}?(?:总工会|工会联合会|工会))\s*[：:]\s*(?P<headline>.{2,40})$")
_BYLINE_ROLE = re.compile(r"(?:本报讯|特约记者|记者|通讯员|[（()）])")
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


_LEAD_BYLINE = re.compile(r"^本报讯\s*[（(](?P<by>[^）)]{2,40})[）)]\s*(?P<rest>.*)$")


def _byline(line: Line) -> tuple[str | None, str | None]:
    """A byline's names, and the text after it on the same line ("本报讯（记者 王明）近日……")."""
    lead = _LEAD_BYLINE.match(line.text)
    if lead:
        names = _byline_names(lead["by"])
        return (names, lead["rest"] or None) if names else (None, None)
    if len(line.text) > 40:
        return None, None
    return _byline_names(line.raw), None


def _is_title(line: Line) -> bool:
    return len(line.text) <= 30 and not _SENTENCE_MARK.search(line.text) and not line.text.endswith(SENTENCE_END)


def _byline_names(raw: str) -> str | None:
    """Names of a newspaper byline ("记者洪蕾婷 通讯员钟迪良报道"), joined with 、, or None."""
    text = raw.strip()
    if not text.startswith(("记者", "通讯员", "本报讯", "特约记者", "■")) and not text.endswith("报道"):
        return None
    text = re.sub(r"(报道|摄)$", "", text.lstrip("■"))
    if not _BYLINE_ROLE.search(text):
        return None
    names = [name for part in _BYLINE_ROLE.split(text) for name in re.split(r"[、，,\s]+", part) if name]
    if not names or not all(_PERSON.match(name) for name in names):
        return None
    return "、".join(names)


_SENTENCE_MARK = re.compile(r"[，。；！？,;]")
_CAPTION = re.compile(r"^(?:图为|▲|图：|图片|（图|\(图)")


def _content(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.text and not _CAPTION.match(line.text)]


def articles_marked(lines: list[Line], gazetteer: Gazetteer) -> bool:
    """Whether an article file marks its pieces (``#`` headings or speaker lines).

    A file that does not is read as newspaper pages (``importing.newspaper.split_newspaper``; the
    pipeline chooses).
    """
    content = _content(lines)
    return any(_HEADING.match(line.raw.strip()) for line in content) or any(
        (match := _SPEAKER.match(line.text)) and gazetteer.parse_unit(match["unit"]) for line in content
    )


def split_articles(lines: list[Line], gazetteer: Gazetteer) -> tuple[list[Piece], list[str]]:
    """Pieces of a report file: headings, unit-and-colon lines and speaker lines start them."""
    content = _content(lines)
    pieces: list[Piece] = []
    warnings: list[str] = []
    current: Piece | None = None

    def start(line: Line, *, unit: str | None = None, headline: str | None = None) -> Piece:
        piece = Piece("article", line.number, line.number, [], unit_name=unit, headline=headline)
        pieces.append(piece)
        return piece

    for index, line in enumerate(content):
        heading = _HEADING.match(line.raw.strip())
        text = heading["text"].strip() if heading else line.text
        if heading:
            title = " ".join(text.split())
            if title.startswith(("——", "--", "—")):
                target = current if current is not None and not current.lines else None
                if target is not None:
                    target.subheadline = title.lstrip("—- ")
                    target.end_line = line.number
                continue
            following = content[index + 1] if index + 1 < len(content) else None
            if following is None:
                continue
            colon = _UNIT_COLON.match(title.replace(" ", ""))
            unit = gazetteer.parse_unit(colon["unit"]) if colon else None
            if unit is not None:
                headline = re.split(r"[：:]", title, maxsplit=1)[1].strip()
                current = start(line, unit=unit.name, headline=headline)
            else:
                current = start(line, headline=title)
            continue
        following = content[index + 1] if index + 1 < len(content) else None
        if (
            len(line.text) <= 12
            and not _SENTENCE_MARK.search(line.text)
            and following
            and _HEADING.match(following.raw.strip())
        ):
            continue  # a column name over the next article (工运速递, 大调研·样本)
        colon = _UNIT_COLON.match(line.text)
        speaker = _SPEAKER.match(line.text)
        if colon and gazetteer.parse_unit(colon["unit"]):
            current = start(line, unit=gazetteer.parse_unit(colon["unit"]).name, headline=colon["headline"])
            continue
        speaker_unit = gazetteer.parse_unit(speaker["unit"]) if speaker else None
        if speaker_unit is not None:
            # "XX总工会作经验交流。" introduces that unit's report; repeated inside it, it is a caption.
            if current is None or (current.lines and current.unit_name != speaker_unit.name):
                current = start(line, unit=speaker_unit.name)
            continue
        source = meta_line(line.raw) if current is not None and not current.lines else None
        if source is not None:
            # a web copy written with "#" headings: the source line under its headline
            current.outlet, current.date = current.outlet or source.outlet, current.date or source.date
            current.reporter = current.reporter or "、".join(source.byline.reporters) or None
            current.end_line = line.number
            continue
        reporters, rest = _byline(line)
        if reporters:
            # A byline opens an article; with body text above it, a new article starts here and
            # the short unpunctuated line just above it is that article's headline.
            if current is None or current.lines:
                title = current.lines[-1] if current is not None and _is_title(current.lines[-1]) else None
                if title is not None:
                    current.lines.pop()
                    current.end_line = current.lines[-1].number if current.lines else current.start_line
                current = start(title or line, headline=display_text(title) if title else None)
            current.reporter = current.reporter or reporters
            current.end_line = line.number
            if rest is None:
                continue
            line = Line(line.number, rest, rest)
        if current is None:
            current = start(line)
        current.lines.append(line)
        current.end_line = line.number
    # Titles and column names left without a body of their own ("大调研·样本") are not pieces.
    pieces = [piece for piece in pieces if any(not _is_title(line) for line in piece.lines)]
    return pieces, warnings


def join_title_blocks(pieces: list[Piece]) -> list[Piece]:
    """An e-paper's title block read apart from its story: a piece with a headline whose body is only
    a photo's caption (one short sentence, no byline but perhaps its photographer's "记者X 摄"),
    followed at once by a piece with a byline and no headline, is that story's title; the caption is
    left out and its photographer kept."""
    joined: list[Piece] = []
    for piece in pieces:
        title = joined[-1] if joined else None
        if (
            title is not None
            and title.section == piece.section == "article"
            and title.headline
            and _photo_credit_only(title)
            and not piece.headline
            and piece.reporter
            and piece.start_line - title.end_line <= 3
            and _caption_only(title)
        ):
            joined[-1] = replace(
                piece,
                start_line=title.start_line,
                headline=title.headline,
                subheadline=title.subheadline,
                kicker=title.kicker,
                unit_name=piece.unit_name or title.unit_name,
                outlet=piece.outlet or title.outlet,
                page=piece.page or title.page,
                date=piece.date or title.date,
                warnings=title.warnings + piece.warnings,
                photographers=piece.photographers + [n for n in title.photographers if n not in piece.photographers],
            )
            continue
        joined.append(piece)
    return joined


def _photo_credit_only(piece: Piece) -> bool:
    """No byline, or only the caption's photographer(s) ("……。 记者X 摄")."""
    if not piece.reporter:
        return True
    names = [name for name in re.split(r"[、，,\s]+", piece.reporter) if name]
    return bool(piece.photographers) and all(name in piece.photographers for name in names)


def _caption_only(piece: Piece) -> bool:
    text = join_body(piece.lines)
    return 0 < len(text) <= 40 and "\n" not in text and text.count("。") <= 1
