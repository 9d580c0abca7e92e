"""Leave-one-outlet-out: each outlet's labelled files read with the rules that do not mention it.

The importer's rules are strings and patterns in module constants (furniture words, byline forms,
cue words). A rule "mentions" an outlet when it holds a run of three Chinese characters that the
outlet's pages print and no other labelled file does ("投稿邮箱" of one news site, "劳动者港湾" of one
union site). For each outlet such runs are broken in every module constant (a non-character is put
inside them), the outlet's files are evaluated, and the constants are put back. What is left is
what the rules learned elsewhere: an honest estimate for a page the importer has never seen.
Strings written inside functions are not reached; the report counts what was broken.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module

RULE_MODULES = (
    *("importing.bylines", "importing.furniture", "importing.newspaper", "importing.sources", "importing.split"),
    *("importing.repair", "importing.extract", "importing.naming", "importing.gazetteer", "importing.pipeline"),
    *("pilots.vocabulary", "pilots.plans", "pilots.senses", "pilots.text"),
)
_RUN = 3
_BREAK = "\ufffe"
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{3,}")


def runs(text: str) -> set[str]:
    """Every run of three Chinese characters in a text."""
    found = set()
    for match in _CJK_RUN.finditer(text):
        word = match.group(0)
        found.update(word[i : i + _RUN] for i in range(len(word) - _RUN + 1))
    return found


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, re.Pattern):
        yield value.pattern
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


def rule_runs() -> set[str]:
    """The runs that the rules' module constants hold."""
    found = set()
    for name in RULE_MODULES:
        for attribute, value in vars(import_module(name)).items():
            if not attribute.startswith("__"):
                for text in _strings(value):
                    found |= runs(text)
    return found


def _broken(value, words: set[str]):
    """The same constant with each of ``words`` broken, or the constant itself when none is in it."""
    if isinstance(value, str):
        text = value
        for word in words:
            text = text.replace(word, word[0] + _BREAK + word[1:])
        return text
    if isinstance(value, re.Pattern):
        pattern = _broken(value.pattern, words)
        return value if pattern == value.pattern else re.compile(pattern, value.flags)
    if isinstance(value, (tuple, list, set, frozenset)):
        items = [_broken(item, words) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else type(value)(items)
    if isinstance(value, dict):
        pairs = [(_broken(k, words), _broken(v, words)) for k, v in value.items()]
        changed = any(a is not k or b is not v for (a, b), (k, v) in zip(pairs, value.items(), strict=True))
        return dict(pairs) if changed else value
    return value


@contextmanager
def rules_without(words: set[str]) -> Iterator[int]:
    """Within the block, every rule constant holding one of ``words`` has it broken; yields how many
    constants changed."""
    saved = []
    for name in RULE_MODULES:
        module = import_module(name)
        for attribute, value in list(vars(module).items()):
            if attribute.startswith("__") or (callable(value) and not isinstance(value, re.Pattern)):
                continue
            new = _broken(value, words)
            if new is not value:
                saved.append((module, attribute, value))
                setattr(module, attribute, new)
    try:
        yield len(saved)
    finally:
        for module, attribute, value in saved:
            setattr(module, attribute, value)
