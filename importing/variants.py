"""The labelled pages printed the ways other sites print the same news: ASCII marks in their full-width forms, dates
with 年/月/日, no headline line, two articles to a page. The labels move with the text (line numbers, and headlines
taken out), so ``evaluate_import --variants`` measures how much of the importer's accuracy holds on layouts the
labels never show: an estimate for real pages it has not seen, without labelling new ones.

Each variant changes one thing only; a drop in one row names the layout the importer depends on."""

import copy
import re

# ASCII marks as a full-width page prints them (a time's colon, a number's comma too: "09：39", "1，000").
_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\b")
_SPACES = re.compile(r"\s+")


def full_width(lines: list[str], labels: dict) -> tuple[list[str], dict]:
    return [line.translate(_FULL_WIDTH) for line in lines], labels


def dates_in_characters(lines: list[str], labels: dict) -> tuple[list[str], dict]:
    return [_ISO_DATE.sub(r"\1年\2月\3日", line) for line in lines], labels


def without_headlines(lines: list[str], labels: dict) -> tuple[list[str], dict]:
    """Every line that is mostly a labelled headline taken out (the page's own and a browser title repeating it); the
    labels then expect no headline."""
    labels = copy.deepcopy(labels)
    heads = [_SPACES.sub("", piece.get("headline") or "") for piece in labels["pieces"]]
    heads = [head for head in heads if head]

    def is_headline(line: str) -> bool:
        text = _SPACES.sub("", line)
        return bool(text) and any(head in text and len(head) * 5 >= len(text) * 3 for head in heads)

    kept, new_number = [], {}
    for number, line in enumerate(lines, 1):
        if not is_headline(line):
            kept.append(line)
            new_number[number] = len(kept)

    def after(number: int) -> int:  # the first kept line at or after ``number``
        while number <= len(lines) and number not in new_number:
            number += 1
        return new_number.get(number, len(kept))

    def before(number: int) -> int:  # the last kept line at or before ``number``
        while number >= 1 and number not in new_number:
            number -= 1
        return new_number.get(number, 1)

    for piece in labels["pieces"]:
        piece["headline"] = None
        piece["start_line"], piece["end_line"] = after(piece["start_line"]), before(piece["end_line"])
        for fact in piece.get("facts") or []:
            fact["line"] = after(fact["line"])
    return kept, labels


def two_to_a_page(first: tuple[list[str], dict], second: tuple[list[str], dict]) -> tuple[list[str], dict]:
    """The labelled articles of two single-article pages, their spans only, one after the other with a blank line
    between (a union site's list, a digest): the second's lines and facts renumbered."""
    lines, pieces = [], []
    for text, labels in (first, second):
        piece = copy.deepcopy(labels["pieces"][0])
        if lines:
            lines.append("")
        shift = len(lines) - (piece["start_line"] - 1)
        lines += text[piece["start_line"] - 1 : piece["end_line"]]
        piece["start_line"] += shift
        piece["end_line"] += shift
        for fact in piece.get("facts") or []:
            fact["line"] += shift
        for key in ("outlet", "page", "date"):
            piece.pop(key, None)  # the furniture stating them stays on the pages they came from
        pieces.append(piece)
    return lines, {**first[1], "pieces": pieces}


# The variants of one page, by the name the table prints.
PAGE_VARIANTS = {"全角标点": full_width, "中文日期": dates_in_characters, "去掉标题": without_headlines}
