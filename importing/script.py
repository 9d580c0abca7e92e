"""The page's script: a copy in traditional characters is read as simplified, pinyin glosses are dropped.

Reposting sites serve Zhejiang's news through Big5 gateways ("某某鎮:工會驛站…") or with the pinyin
of each word glossed after it ("經(jīng)濟開(kāi)發(fā)區"). Every name list of the importer (the
province's places, its unions, the practices' words) is in simplified characters, so such a page
would be read as no article at all. OpenCC's phrase-aware t2s conversion turns the page into the
simplified text an editor would have typed; the line structure is kept, so every line number the
review screen and the labels cite still points at the same line.

A page is converted only when it is written in traditional characters (a tenth of its Chinese
characters or more change): a simplified page with one stray traditional character keeps it as printed.
"""

import re
from dataclasses import dataclass
from functools import cache

import opencc

_HAN = re.compile(r"[\u4e00-\u9fff]")
# A traditional page changes a third of its characters; a simplified one under one in a thousand.
_TRADITIONAL_SHARE = 0.1
_MIN_CHANGED = 10

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLES = rf"[a-zü{_TONED}]{{1,30}}(?: [a-zü{_TONED}]{{1,12}}){{0,5}}"  # "jīngjì" or "jīng jì"
# "經(jīng)", "职工(zhígōng)": a word followed by its pinyin in brackets.
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（]({_SYLLABLES})[)）]")
_MIN_GLOSSES = 3  # fewer toned glosses than this and a bracketed word is the writer's, not a gloss


# Full-width digits and Latin letters ("２０２１", "ＡＰＰ") are the ASCII ones; between digits a full-width colon,
# point, slash or dash is a time's, a decimal's or a date's ("09：39", "３．５", "2021／06／10").
_WIDE_ALNUM = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_WIDE_BETWEEN_DIGITS = re.compile(r"(?<=\d)[：．／－](?=\d)")
_ASCII_OF = {"：": ":", "．": ".", "／": "/", "－": "-"}


def ascii_digits(text: str) -> str:
    text = text.translate(_WIDE_ALNUM)
    return _WIDE_BETWEEN_DIGITS.sub(lambda m: _ASCII_OF[m.group()], text)


@dataclass(frozen=True)
class Script:
    text: str
    traditional: int = 0  # characters converted from traditional to simplified
    glosses: int = 0  # pinyin glosses dropped

    @property
    def notes(self) -> list[str]:
        """What was changed, for the editor who checks the import (Chinese)."""
        notes = []
        if self.glosses:
            notes.append(f"原文在词后注了拼音，已去掉 {self.glosses} 处拼音注音后读取。")
        if self.traditional:
            notes.append(
                f"原文是繁体字，已转为简体字后读取（改动 {self.traditional} 个字），请对照原文核对人名、地名和单位名。"
            )
        return notes


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def _is_traditional(text: str, changed: int) -> bool:
    return changed >= _MIN_CHANGED and changed >= len(_HAN.findall(text)) * _TRADITIONAL_SHARE


def _changed(before: str, after: str) -> int:
    return sum(a != b for a, b in zip(before, after, strict=False)) + abs(len(before) - len(after))


def without_glosses(text: str) -> str:
    """A short text (a title, a name) without the pinyin glosses its words carry, however few."""
    return _GLOSS.sub("", text) if any(ch in _TONED for ch in text) else text


def _strip_glosses(text: str) -> tuple[str, int]:
    toned = [m for m in _GLOSS.finditer(text) if any(ch in _TONED for ch in m[1])]
    if len(toned) < _MIN_GLOSSES:
        return text, 0
    return _GLOSS.subn("", text)


def read_script(text: str) -> Script:
    """The page in simplified characters without pinyin glosses (and with ASCII digits), and how many of each were
    changed."""
    text, glosses = _strip_glosses(ascii_digits(text))
    simplified = to_simplified(text)
    changed = _changed(text, simplified)
    if not _is_traditional(text, changed):
        return Script(text, glosses=glosses)
    return Script(simplified, traditional=changed, glosses=glosses)
