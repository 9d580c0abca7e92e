"""Small text helpers shared by models, loaders and importers."""

import re

from django.db import models
from django.utils.translation import get_language

_SPACE = re.compile(r"\s+")
_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})


def normalise_name(name: str) -> str:
    """A unit or region name in the form used for matching: no spaces, full-width brackets.

    The sources mix ``缙云经济开发区(新碧街道)`` and ``缙云经济开发区（新碧街道）``; both must find
    the same record.
    """
    return _SPACE.sub("", name or "").translate(_HALF_TO_FULL)


def undouble_runs(line: str) -> str:
    """Collapse every run of characters printed twice in a row, greedily from the left.

    The longest repeated run wins, so "291291家省家省" becomes "291家省".
    """
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        for size in range((n - i) // 2, 0, -1):
            if line.startswith(line[i : i + size], i + size):
                out.append(line[i : i + size])
                i += 2 * size
                break
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


def undouble(line: str) -> str:
    """Undo the OCR doubling of the overview, where every run is printed twice.

    "至今至今，，省委选定的省委选定的" becomes "至今，省委选定的". Lines that are not doubled
    are returned unchanged: the result is kept only when it halves the line.
    """
    result = undouble_runs(line)
    return result if len(result) <= 0.6 * len(line) else line


SENTENCE_END = tuple("。！？”；：…")


# The special issue's furniture that the OCR set inside the text: "■记者 王艳", "■特约记者 阮向民"
# bylines, the "2018年第5-6期" issue label of the page foot, running heads.
_SQUARE_BYLINE = re.compile(
    r"■\s*(?:(?:特约)?(?:记者|通讯员)\s*)?[\u4e00-\u9fff]{2,3}"
    r"(?:[ \u3000、，,][\u4e00-\u9fff]{2,3})*?(?=\d|[ \u3000]|$)"
    r"|■\s*(?:(?:特约)?(?:记者|通讯员)\s*)?[\u4e00-\u9fff]{2,3}"
)
# An issue label as printed ("2018年第5-6期"): the cleaner removes it, the editions' proofing finds it.
ISSUE_LABEL = re.compile(r"(?:19|20)\d\d年第\d+(?:[-—－]\d+)?期")
# A magazine's masthead printed as a running head: its Chinese name, then its English one
# ("浙江工运 Labour Movement of Zhejiang"); the importer reads the publication's name from it.
MASTHEAD = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,10})\s*(?:[A-Z][a-z]+)(?:\s+(?:[A-Z][a-z]+|of|and|the|for|in))+$")
_RUNNING_HEAD = re.compile(rf"{MASTHEAD.pattern}|^(?:乡镇振兴|街道活力|新业态探索)篇$")
# A newspaper's jump line: "（下转第4版）", "(上接第1版)", "（转A3版）" — where the rest is printed, not text.
_JUMP_LINE = re.compile(r"[（(]\s*(?:下转|上接|转|接)第?\s*[A-Za-z]?\d{1,2}\s*版\s*[）)]")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、；：“”（）])[ \t\u3000]+(?=[\u4e00-\u9fff，。、；：“”（）])")
_HEADING_MARKS = re.compile(r"^#{1,6}\s*")


def clean_line(text: str) -> str:
    """One line of public text without the scan's furniture: bylines behind ■, issue labels, running
    heads, heading marks, a newspaper's jump lines ("（下转第4版）"), and the stray spaces between
    Chinese characters ("覆 盖 企 业")."""
    text = _HEADING_MARKS.sub("", text.strip())
    if _RUNNING_HEAD.match(text):
        return ""
    text = _SQUARE_BYLINE.sub("", text)
    text = _JUMP_LINE.sub("", ISSUE_LABEL.sub("", text)).replace("■", "")
    return _CJK_GAP.sub("", text).strip()


# A page of the OCR'd issue starts on a line indented by a space; a few pages kept their folio, a
# line holding only the number, set between running heads ("速写：…" / 19 / "浙江工运 Labour…").
_FOLIO = re.compile(r"^\s*(\d{1,3})\s*$")
_COLUMN_HEAD = re.compile(r"^(?:特别报道|重点报道|速写|综述)[：:]\S+$")


def is_column_head(text: str) -> bool:
    """A column's running head: "速写：市、县（市、区）级试点", or the overview's bare "综述"."""
    text = text.strip()
    return text == "综述" or bool(_COLUMN_HEAD.match(text))


def _is_head(text: str) -> bool:
    text = text.strip()
    return bool(_RUNNING_HEAD.match(text) or ISSUE_LABEL.fullmatch(text) or is_column_head(text))


def printed_pages(lines: list[str]) -> list[int | None]:
    """The printed page of each line of an OCR'd issue (None for every line when the file cannot say).

    Pages are counted at their starts (an indented line, or a folio); the folios the scan kept say
    which number the count stands at (in 街道活力篇 the count meets all five: 19, 20, 53, 64, 67).
    A file without a folio gives no pages: where its first page sits in the issue is unknown.
    """
    folios: list[tuple[int, int]] = []
    counts: list[int] = []
    count = 0
    for index, raw in enumerate(lines):
        folio = _FOLIO.match(raw)
        if folio:
            near = [text for text in lines[max(0, index - 4) : index + 5] if text.strip() and text is not raw]
            folio = folio if any(_is_head(text) for text in near) else None
        if folio or (raw[:1].isspace() and raw.strip()) or index == 0:
            count += 1
        if folio:
            folios.append((index, int(folio[1]) - count))
        counts.append(count)
    if not folios:
        return [None] * len(lines)
    # Each stretch of lines follows the offset of the folio before it (the first folio's before it).
    pages: list[int | None] = []
    at = 0
    for index, count in enumerate(counts):
        while at + 1 < len(folios) and folios[at + 1][0] <= index:
            at += 1
        pages.append(count + folios[at][1])
    return pages


def is_subhead(line: str) -> bool:
    """A short line without any sentence punctuation: a subheading set on its own line."""
    return 2 <= len(line) <= 20 and not re.search(r"[，。；：！？,;:!?、]", line)


# Wider than any printed column of the sources: the compilation's lines are 15–17 characters, 44 at most.
PRINTED_COLUMN = 48


def join_column_lines(lines: list[str]) -> str:
    """Join the hard-wrapped lines of a printed column into paragraphs.

    A line that ends a sentence and is clearly shorter than the column is the last line of a
    paragraph; every other line break is an artefact of the column width. A line wider than any
    printed column (a web page's paragraph, one to a line) that ends a sentence ends its paragraph
    too, even where it is among the text's widest lines.
    """
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return ""
    width = sorted(len(line) for line in lines)[int(len(lines) * 0.8)]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not current and is_subhead(line) and len(line) < width * 0.7:
            paragraphs.append(line)  # a subheading stays on its own line
            continue
        current += line
        if line.endswith(SENTENCE_END) and (len(line) < width - 1 or len(line) > PRINTED_COLUMN):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


# The official order of Zhejiang's eleven cities, as the province lists them: lists of cities
# follow it everywhere (never code-point order, which puts 丽水 before 杭州).
CITY_ORDER = (
    "杭州市",
    "宁波市",
    "温州市",
    "嘉兴市",
    "湖州市",
    "绍兴市",
    "金华市",
    "衢州市",
    "舟山市",
    "台州市",
    "丽水市",
)


def city_rank(name: str) -> int:
    """Position of a city in :data:`CITY_ORDER` ("台州" and "台州市" alike); unknown names last."""
    full = name if name.endswith("市") else f"{name}市"
    try:
        return CITY_ORDER.index(full)
    except ValueError:
        return len(CITY_ORDER)


def pinyin_key(name: str) -> str:
    """A sort key that orders Chinese names by pinyin (临海市 before 三门县), for Python sorts and indexed columns.

    Tone numbers follow each syllable so that homophones of different tones stay apart; letters and
    digits sort as themselves.
    """
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True, errors="default")).lower()


def unit_sort_keys(name: str, city_name: str | None, county_name: str | None) -> tuple[str, str]:
    """``(sort_name, sort_place)`` of a unit: its name in pinyin order, and its place in the official
    city order then its county in pinyin order (the indexed columns that list units by name or city)."""
    place = f"{city_rank(city_name) if city_name else len(CITY_ORDER):02d} {pinyin_key(county_name or '')}"
    return pinyin_key(name), place.strip()


_CHOICE_LABELS: dict[tuple, str] = {}


def choice_label(choices: type[models.Choices], value) -> str:
    """What ``get_FOO_display()`` shows for ``value`` of ``choices``, in the active language.

    ``get_FOO_display()`` rebuilds the field's choices and translates every one of them on every
    call (about ten look-ups in the catalogue for one label); a page of results needs a handful of
    labels, each translated once per language (the catalogues do not change while a process runs).
    """
    key = (get_language(), choices, value)
    label = _CHOICE_LABELS.get(key)
    if label is None:
        label = _CHOICE_LABELS[key] = str(dict(choices.choices).get(value, value))
    return label
