"""Chinese segmentation with jieba and the project's user dictionary, loaded once per process.

The index's search-mode cut of a block of Chinese characters, ASCII letters and digits (most of a
text) is done by rjieba, jieba's algorithm in Rust (jieba-rs), about twelve times faster than
jieba's pure Python and with the same tokens: it is given the same user dictionary, and
tests/library/test_segment.py checks its tokens against jieba's own on the real source texts.
Blocks with signs stay with jieba (the two differ there: "1-9", "2025-03-27"), as do queries and
the importer.

Loaded on first use, not at start-up: jieba's dictionary takes about two seconds and 90 MB
(rjieba's 0.2 s and 35 MB), and most processes (migrations, the importer's dry runs,
``manage.py --help``) never segment. A web server calls :func:`initialise` from
``portal/wsgi.py``, so gunicorn ``--preload`` loads it once in the master and its workers share it.
"""

import logging
import re
import threading
from functools import cache
from pathlib import Path

from django.conf import settings

DATA_DIR = Path(__file__).resolve().parent / "data"
USER_DICT = DATA_DIR / "userdict.txt"
SHORT_FORMS = DATA_DIR / "short_forms.txt"

# A token worth indexing has at least one letter, digit or Chinese character.
WORD = re.compile(r"\w")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# At most this many blocks' tokens are kept by one caller of index_tokens (tens of MB).
BLOCKS_KEPT = 200_000

_lock = threading.Lock()
_ready = False
_rjieba = None  # rjieba's instance with the user dictionary, once initialise() ran

# A block (a run of jieba's re_han_default) that rjieba cuts exactly as jieba does: Chinese
# characters (the range jieba's own re_han takes for Chinese), ASCII letters and digits. With the
# signs re_han_default also keeps in a block (+#&._%-) the two differ: jieba cuts "1-9" into 1 and 9,
# rjieba keeps it whole.
SAME_CUT = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9]+")


def initialise() -> None:
    """Load jieba's dictionary and ours (into jieba and rjieba); jieba's cache goes to a directory the portal owns."""
    global _ready, _rjieba
    if _ready:
        return
    import jieba

    with _lock:
        if _ready:
            return
        cache_dir = Path(settings.VAR_DIR) / "jieba"
        cache_dir.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(cache_dir)
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        # rjieba's own instance, made when the module is imported: a second one would cost 25 MB more.
        import rjieba as segmenter

        for word, freq, tag in user_words():
            jieba.add_word(word, freq, tag)
            segmenter.add_word(word, freq, tag)
        _rjieba = segmenter
        _ready = True


def user_words() -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of each line of the user dictionary, read as ``jieba.load_userdict`` reads it."""
    import jieba

    words = []
    for line in USER_DICT.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if line:
            word, freq, tag = jieba.re_userdict.match(line).groups()
            words.append((word, int(freq) if freq is not None else None, tag and tag.strip()))
    return words


def _cut_block(block: str) -> tuple[str, ...]:
    """A block's index tokens: rjieba for Chinese characters, letters and digits, jieba for anything else."""
    if SAME_CUT.fullmatch(block):
        return tuple(token.lower() for token in _rjieba.cut_for_search(block, True))  # every token a word
    if not WORD.search(block):
        return ()  # signs and spaces only (most blocks between runs): every token would be dropped
    import jieba

    return tuple(token.lower() for token in jieba.cut_for_search(block) if WORD.search(token))


def index_tokens(text: str, blocks: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Search-mode segmentation: every dictionary sub-word as well as the longest word.

    jieba cuts a text block by block (runs of Chinese characters, letters and digits, split at
    jieba's own ``re_han_default``), each on its own, so a text's tokens are its blocks' tokens in
    order (the same tokens as ``jieba.cut_for_search(text)``, lowercased, words only).
    ``blocks``: the tokens of blocks already cut (a dict the caller keeps across many texts, a
    rebuild's); a clause met again (a region's name, a practice, a sentence repeated across
    records) is then cut once.
    """
    initialise()
    import jieba

    if blocks is None:
        blocks = {}
    tokens = []
    for block in jieba.re_han_default.split(text):
        if not block:
            continue
        cut = blocks.get(block)
        if cut is None:
            cut = _cut_block(block)
            if len(blocks) < BLOCKS_KEPT:
                blocks[block] = cut
        tokens += cut
    return tokens


def query_tokens(word: str) -> list[str]:
    """Precise-mode segmentation of one query word (its sub-words are in the index anyway)."""
    initialise()
    import jieba

    return [token.lower() for token in jieba.cut(word, HMM=False) if WORD.search(token) and not token.isspace()]


def distinct_chars(text: str) -> list[str]:
    # The characters of the text once each first (a few hundred instead of thousands to match).
    return sorted(HAN.findall("".join(set(text))))


@cache
def short_forms() -> dict[str, tuple[str, ...]]:
    """The curated short forms (市总 → 市总工会) from the data file."""
    forms = {}
    for line in SHORT_FORMS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            short, *full = line.split()
            forms[short] = tuple(full)
    return forms
