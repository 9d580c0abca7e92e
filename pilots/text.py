"""Small text helpers shared by models, loaders and importers."""

import re

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


def join_column_lines(lines: list[str]) -> str:
    """Join the hard-wrapped lines of a printed column into paragraphs.

    A line that ends a sentence and is clearly shorter than the column is the last line of a
    paragraph; every other line break is an artefact of the column width.
    """
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return ""
    width = sorted(len(line) for line in lines)[int(len(lines) * 0.8)]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        current += line
        if line.endswith(SENTENCE_END) and len(line) < width - 1:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)
