"""Parsing what a user types into an engine-neutral query.

Several words mean all of them (``温岭 工会`` finds what ``温岭工会`` finds; ``any_words()`` asks for any of
them instead, a document with more of them ranking higher), ``"..."`` (or “...”) makes a phrase
that must occur as written, ``-word`` excludes. Everything else that engines treat as syntax
(``*``, ``^``, ``NEAR``, ``AND``, parentheses, stray quotes) is plain text here: only word
characters ever reach an engine, always quoted, so no input can break the engine's query.
"""

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from .segment import HAN, query_tokens, short_forms

MAX_QUERY_LENGTH = 200

PHRASE = re.compile(r'["“”](.*?)["“”]')
QUOTES = re.compile(r'["“”]')


class QueryError(ValueError):
    """A query that cannot be searched; the message is shown to the user."""


@dataclass(frozen=True)
class Term:
    """One token looked up in the ``tokens`` field, or a single character in ``chars``."""

    value: str
    field: str  # "tokens" | "chars"


@dataclass(frozen=True)
class Group:
    """What one query word means: any of its alternatives, each all of its terms."""

    word: str
    alternatives: tuple[tuple[Term, ...], ...]


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query; immutable, so that one parse can serve every part of a request (and the next)."""

    text: str
    groups: tuple[Group, ...] = ()  # each required (ANDed), or any of them with ``any_word``
    phrases: tuple[tuple[str, Group], ...] = ()  # each required, as written
    exclusions: tuple[Group, ...] = ()
    any_word: bool = False

    @property
    def word_operator(self) -> str:
        """How the engines join the words' groups: all of them, or any (the fallback offered when
        all of them find nothing)."""
        return "OR" if self.any_word else "AND"

    @property
    def widens(self) -> bool:
        """Whether asking for any of the words could find more than asking for all of them."""
        return len(self.groups) > 1

    def any_words(self) -> "SearchQuery":
        return replace(self, any_word=True)

    @property
    def highlight_terms(self) -> list[str]:
        """Strings to mark in the original text: the words, their alternatives and tokens, the phrases
        (a phrase as a whole: its words alone are not what was asked for)."""
        terms = set()
        for group in self.groups:
            terms.add(group.word)
            for alternative in group.alternatives:
                terms.update(term.value for term in alternative)
        terms.update(phrase for phrase, _group in self.phrases)
        return sorted((term for term in terms if term), key=len, reverse=True)


def _terms(word: str) -> tuple[Term, ...]:
    terms = []
    for token in query_tokens(word) or [word]:
        field_name = "chars" if len(token) == 1 and HAN.fullmatch(token) else "tokens"
        terms.append(Term(token, field_name))
    return tuple(dict.fromkeys(terms))


def _group(word: str) -> Group | None:
    word = word.lower()
    terms = _terms(word)
    if not terms or not any(re.search(r"\w", term.value) for term in terms):
        return None
    alternatives = [terms, *(_terms(full) for full in short_forms().get(word, ()))]
    return Group(word, tuple(dict.fromkeys(alternatives)))


# Markup pasted into the box ("<script>…</script>", "<b>") is not what anyone looks for.
MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,200}>|&[A-Za-z]+;|&#\d+;")
# A number of one or two digits standing alone ("alert(1)", "第 3") matches half the library:
# numbers count only as part of a word ("14个服务站") or with four digits (a year).
STRAY_NUMBER = re.compile(r"-?\d{1,2}")


def _words(text: str) -> list[str]:
    # Anything that is not a word character separates words ("共享+阵地", "(帮扶)").
    text = MARKUP.sub(" ", text)
    words = []
    for match in re.finditer(r"[\w-]+", text):
        word = match.group()
        if not word.strip("-"):
            continue
        # A short number joined by "+" is part of a model name ("1+14+N"), not a stray digit.
        joined = "+" in text[max(0, match.start() - 1) : match.end() + 1]
        if STRAY_NUMBER.fullmatch(word) and not joined:
            continue
        words.append(word)
    return words


def _phrase_text(phrase: str) -> str:
    """A phrase as written between the quotes: signs inside it stay ("1+14+N", "服务，务实"), spaces
    go (Chinese is written without them: "职工 服务" asks for 职工服务), and so do markup and the
    signs at either end."""
    text = re.sub(r"\s+", "", MARKUP.sub(" ", phrase))
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def parse_query(text: str) -> SearchQuery:
    text = (text or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(_("检索词不能超过 %(limit)d 个字符。") % {"limit": MAX_QUERY_LENGTH})
    return _parse(text)


# A results page reads its query in several places (the list, each facet): segment it once.
@lru_cache(maxsize=512)
def _parse(text: str) -> SearchQuery:
    phrases, groups, exclusions = [], [], []
    for phrase in PHRASE.findall(text):
        phrase_text = _phrase_text(phrase)
        group = _group(phrase_text) if phrase_text else None
        if group:
            phrases.append((phrase_text, group))
    rest = QUOTES.sub(" ", PHRASE.sub(" ", text))
    for word in _words(rest):
        excluded = word.startswith("-")
        word = word.strip("-")
        group = _group(word)
        if group is None:
            continue
        (exclusions if excluded else groups).append(group)
    if not groups and not phrases:
        raise QueryError(_("请输入要查找的词（只有排除词时无法检索）。") if exclusions else _("请输入检索词。"))
    return SearchQuery(text, tuple(groups), tuple(phrases), tuple(exclusions))
