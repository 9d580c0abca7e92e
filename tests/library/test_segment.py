"""The index's segmentation is jieba's search mode, token for token, though most blocks are cut by
rjieba (jieba-rs): checked on every real source text, read from ../shared/seeds at test time, and
on blocks mixed at random from them.

A block is a run of jieba's ``re_han_default`` (Chinese characters, letters, digits and a few
signs); a text's tokens are its blocks' tokens in order. The blocks made only of Chinese
characters, ASCII letters and digits go to rjieba, the others to jieba (search.segment).
"""

import random
import string
from pathlib import Path

import jieba
import pytest
from django.conf import settings

from search import segment
from search.segment import SAME_CUT, WORD, index_tokens, initialise, user_words
from tests.conftest import seed_path

SOURCES = sorted(path.name for path in Path(settings.SEEDS_DIR).glob("*.txt"))


def jiebas(text: str) -> list[str]:
    """jieba's own search-mode tokens, as the index keeps them (lowercased, words only); jieba and
    the user dictionary loaded (``initialise``) first."""
    return [token.lower() for token in jieba.cut_for_search(text) if WORD.search(token)]


def test_the_sources_are_there():
    assert len(SOURCES) >= 20


@pytest.mark.parametrize("name", SOURCES)
def test_index_tokens_are_jiebas_block_by_block_on_each_source_text(name):
    initialise()
    text = seed_path(name).read_text(encoding="utf-8-sig")
    blocks = [block for block in jieba.re_han_default.split(text) if block]
    by_rjieba = 0
    for block in blocks:
        by_rjieba += bool(SAME_CUT.fullmatch(block))
        assert index_tokens(block) == jiebas(block), block
    assert by_rjieba > len(blocks) // 4  # the rjieba path is what most of a text goes through
    # the whole text, with a block cache kept across two passes, is jieba's over the whole text
    cache = {}
    assert index_tokens(text, cache) == index_tokens(text, cache) == jiebas(text)


def test_blocks_of_chinese_letters_and_digits_are_cut_by_rjieba(monkeypatch):
    """So the comparison above is rjieba's against jieba's: a different cut there fails it."""
    initialise()

    class Other:
        def cut_for_search(self, text, hmm):
            return list(text)

    monkeypatch.setattr(segment, "_rjieba", Other())
    assert index_tokens("职工服务站") == ["职", "工", "服", "务", "站"] != jiebas("职工服务站")
    assert index_tokens("5G基站") == ["5", "g", "基", "站"] != jiebas("5G基站")
    # with signs a block stays with jieba: rjieba would keep "1-9" whole
    assert index_tokens("Wi-Fi 3.5 共5-9人") == jiebas("Wi-Fi 3.5 共5-9人")
    assert "5-9" not in index_tokens("共5-9人")


def test_mixed_blocks_of_chinese_letters_and_digits_are_cut_as_jieba_cuts_them():
    """Chinese runs of the sources glued to letters and digits at random (a new seed each run)."""
    initialise()
    seed = random.randrange(1 << 30)
    rnd = random.Random(seed)
    runs = [
        run
        for name in SOURCES[:6]
        for run in SAME_CUT.findall(seed_path(name).read_text(encoding="utf-8-sig"))
        if not run.isascii()
    ]
    glue = ["5G", "iPhone15Pro", "A", "3", "2023", "O2O", "WiFi", "APP", "e", "0571", "K12"]
    for _ in range(3000):
        parts = []
        for _ in range(rnd.randint(2, 5)):
            if rnd.random() < 0.5:
                run = rnd.choice(runs)
                start = rnd.randrange(len(run))
                parts.append(run[start : start + rnd.randint(1, 8)])
            elif rnd.random() < 0.7:
                parts.append(rnd.choice(glue))
            else:
                parts.append("".join(rnd.choices(string.ascii_letters + string.digits, k=rnd.randint(1, 6))))
        block = "".join(parts)
        assert index_tokens(block) == jiebas(block), (seed, block)


def test_rjieba_has_the_user_dictionary():
    initialise()
    words = [word for word, _, _ in user_words()]
    assert "专兼挂轮" in words and "杭工e家" in words
    for word in words:
        assert index_tokens(word) == jiebas(word), word
        if SAME_CUT.fullmatch(word):
            assert word in segment._rjieba.cut_for_search(word, True), word
