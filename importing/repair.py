"""Repairing OCR'd column text line by line: spacing, doubled runs, page furniture, column labels.

Each source line keeps its 1-based number so every piece and every figure can point back to the
line it was read from.
"""

import re
from dataclasses import dataclass

from pilots.text import MASTHEAD, clean_line, join_column_lines, undouble_runs

CJK = r"\u3400-\u9fff\uf900-\ufaff"
PUNCT = "，。、；：？！“”‘’（）《》—…·"
# Spaces the OCR put between characters ("涛 头 村", "建会率 95%") carry no meaning in Chinese.
_INNER_SPACE = re.compile(rf"(?<=[{CJK}{PUNCT}0-9%])[ \t\u3000]+(?=[{CJK}{PUNCT}0-9%])")

# Column labels of the special issue: printed as page footers, so a label closes the page above it.
SECTION_LABELS = (
    (re.compile(r"^特别报道[：:]"), "special"),
    (re.compile(r"^重点报道[：:]"), "feature"),
    (re.compile(r"^速写[：:]"), "sketch"),
    (re.compile(r"^综述$"), "overview"),
)
_FURNITURE = (
    re.compile(r"^\d{1,3}$"),  # page number
    MASTHEAD,  # the magazine's running head ("浙江工运 Labour Movement of Zhejiang")
    re.compile(r"^(乡镇振兴|街道活力|新业态探索)篇$"),  # running head of the volume
    re.compile(r"^\d{4}年第[\d\-—－]+期$"),  # issue number
    re.compile(r"^.$"),  # one character of a title printed vertically
    re.compile(r"^(?:▲|图为|图：|（图）)"),  # photo caption
)
BYLINE = re.compile(r"^■\s*(?:特约)?(?:记者|通讯员)\s*(?P<names>[^\s■]{2,4}(?:[ 、，,][^\s■]{2,4})*)$")
SENTENCE_END = tuple("。！？；…")


@dataclass
class Line:
    """One source line after repair: ``number`` is 1-based, ``text`` has the spurious spaces removed."""

    number: int
    raw: str
    text: str
    page_start: bool = False  # the OCR indents the first line of every page
    doubled: bool = False


# Web copies print ASCII punctuation in Chinese text ("近日,杭州", "(记者 王明)"): next to a
# Chinese character it is read as its full-width form; "1,000" and "3.5" are left alone.
_ASCII_PUNCT = re.compile(rf"(?<=[{CJK}”’）])([,:;!?()])|([,:;!?()])(?=[{CJK}“‘（])")
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def full_width_punctuation(text: str) -> str:
    return _ASCII_PUNCT.sub(lambda m: _FULL_WIDTH[m.group(1) or m.group(2)], text)


def clean_text(raw: str) -> str:
    text = full_width_punctuation(raw.replace("\ufeff", "").strip())
    return _INNER_SPACE.sub("", text)


def is_doubled(text: str) -> bool:
    """Whether a line is an OCR-doubled one: collapsing repeated runs halves it.

    Ordinary repetitions ("一步一步") do not halve a whole line, so they are left alone.
    """
    if len(text) < 6:
        return False
    return len(undouble_runs(text)) * 2 <= len(text) + 2


def section_label(text: str) -> str | None:
    for pattern, section in SECTION_LABELS:
        if pattern.search(text):
            return section
    return None


def is_furniture(text: str) -> bool:
    return any(pattern.search(text) for pattern in _FURNITURE)


def read_lines(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(text.splitlines(), 1):
        cleaned = clean_text(raw)
        doubled = is_doubled(cleaned)
        lines.append(
            Line(
                number=number,
                raw=raw,
                text=undouble_runs(cleaned) if doubled else cleaned,
                page_start=bool(raw[:1].isspace()) and bool(cleaned),
                doubled=doubled,
            )
        )
    return lines


def join_body(lines: list[Line]) -> str:
    """The repaired text of a run of lines: furniture dropped, hard column breaks joined."""
    kept = [
        clean_line(line.text)
        for line in lines
        if line.text and not is_furniture(line.text) and not section_label(line.text)
    ]
    return join_column_lines([text for text in kept if text])
