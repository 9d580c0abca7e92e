"""Comparing two frozen versions of an issue: pieces added, removed, moved and changed, and the
editors' own texts (overviews, notes) line by line. Read from the versions' stored content only.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import EditionVersion


@dataclass
class Comparison:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    moved: list[tuple[dict, str, str]] = field(default_factory=list)  # (entry, where before, where now)
    changed: list[dict] = field(default_factory=list)
    texts: list[dict] = field(default_factory=list)  # {"label": ..., "lines": [(sign, text)]}: the editors' texts

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.changed or self.texts)


def _placed(content: dict) -> dict[int, tuple[dict, str, int]]:
    places = {}
    for volume in content["volumes"]:
        for section in volume["sections"]:
            for index, entry in enumerate(section["entries"], 1):
                places[entry["article_id"]] = (entry, f"{volume['name']} · {section['title']}", index)
    return places


def _ranks(places: dict[int, tuple[dict, str, int]], common: set[int]) -> dict[int, int]:
    """Each common entry's place among the common entries of its section (insertions do not move others)."""
    ranks: dict[int, int] = {}
    counters: dict[str, int] = {}
    for article_id, (_entry, where, _index) in sorted(places.items(), key=lambda item: (item[1][1], item[1][2])):
        if article_id in common:
            counters[where] = counters.get(where, 0) + 1
            ranks[article_id] = counters[where]
    return ranks


def versions_compare(old: EditionVersion, new: EditionVersion) -> Comparison:
    """What changed from ``old`` to ``new``: entries added, removed, moved (section or place), changed (text, note)."""
    before, after = _placed(old.content), _placed(new.content)
    common = set(before) & set(after)
    rank_before, rank_after = _ranks(before, common), _ranks(after, common)
    result = Comparison()
    for article_id, (entry, where, index) in after.items():
        if article_id not in before:
            result.added.append(entry)
            continue
        old_entry, old_where, old_index = before[article_id]
        if old_where != where or rank_before[article_id] != rank_after[article_id]:
            result.moved.append((entry, f"{old_where} 第{old_index}篇", f"{where} 第{index}篇"))
        if old_entry["text_hash"] != entry["text_hash"] or old_entry["note"] != entry["note"]:
            result.changed.append(entry)
    result.removed = [entry for article_id, (entry, _w, _i) in before.items() if article_id not in after]
    result.texts = _text_differences(old.content, new.content, before, after)
    return result


def _editors_texts(content: dict, places: dict) -> dict[str, str]:
    edition = content.get("edition", {})
    texts = {
        _("卷首语"): "\n".join(edition.get("foreword", [])),
        _("后记"): "\n".join(edition.get("afterword", [])),
    }
    for volume in content.get("volumes", []):
        texts[_("“%(volume)s”综述") % {"volume": volume["name"]}] = volume.get("overview", {}).get("text", "")
    for entry, _where, _index in places.values():
        texts[_("编者按：《%(title)s》") % {"title": entry["headline"]}] = entry.get("note", "")
    return texts


def _text_differences(old: dict, new: dict, before: dict, after: dict) -> list[dict]:
    """The overview, notes, foreword and afterword compared line by line (what was taken out, put in)."""
    old_texts, new_texts = _editors_texts(old, before), _editors_texts(new, after)
    differences = []
    for label in dict.fromkeys([*old_texts, *new_texts]):
        a, b = old_texts.get(label, ""), new_texts.get(label, "")
        if a == b:
            continue
        lines = [
            (line[0], line[2:]) for line in difflib.ndiff(a.splitlines(), b.splitlines()) if line[:1] in ("-", "+", " ")
        ]
        differences.append({"label": label, "lines": lines})
    return differences
