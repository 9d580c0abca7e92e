"""Snippets and highlighting from the original text, the same for both engines.

Markup safety: every piece of data and query is escaped first; the only tags in the output are
our own ``<mark>``. Terms are matched on the unescaped text and the pieces between matches are
escaped one by one, so an escaped entity (``&lt;``) can never be split or marked.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 60
MAX_SNIPPETS = 2


def _pattern(terms: list[str]) -> re.Pattern | None:
    terms = sorted({term for term in terms if term}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)


def _marked(text: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlight(text: str, terms: list[str]) -> SafeString:
    """The whole text, escaped, with every occurrence of the terms marked."""
    return mark_safe(_marked(text, _pattern(terms)))


# The label lines at the head of a unit's document (search.documents.unit_text: its name, short
# name, places, kind and level) are for finding, not for reading: a snippet of them reads as the
# index's tokens. They are the leading lines, at most four, that are short and no sentence.
LABEL_LINES = 4
LABEL_CHARS = 40
SENTENCE = re.compile(r"[，。；：！？,.;:!?]")


def _passages(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    head = 0
    while head < min(LABEL_LINES, len(lines)) and len(lines[head]) < LABEL_CHARS and not SENTENCE.search(lines[head]):
        head += 1
    return " ".join(line for line in lines[head:] if line)


def snippets(text: str, terms: list[str], *, count: int = MAX_SNIPPETS, width: int = SNIPPET_CHARS) -> list[SafeString]:
    """Up to ``count`` short passages around the first occurrences of different terms: always text
    (the profile, measures, articles), never the label lines at the head of a document; a unit
    whose passages hold none of the terms shows the start of its first passage."""
    pattern = _pattern(terms)
    text = _passages(text)
    windows: list[tuple[int, int]] = []
    seen: set[str] = set()
    if pattern:
        for match in pattern.finditer(text):
            term = match.group().lower()
            if term in seen or any(start <= match.start() < end for start, end in windows):
                continue
            seen.add(term)
            start = max(0, match.start() - width // 3)
            windows.append((start, min(len(text), start + width)))
            if len(windows) == count:
                break
    if not windows and text:
        windows = [(0, min(len(text), width))]
    result = []
    for start, end in sorted(windows):
        piece = _marked(text[start:end], pattern)
        result.append(mark_safe(("…" if start else "") + piece + ("…" if end < len(text) else "")))
    return result
