"""The bulk rebuild gives the index that indexing unit by unit gives, and the index the path before
the speed work gave: the same documents, the same matches, counts and best hits for a set of queries.

The speed work (docs/scaling.md, "Index builds") changed how the index is written: a clause is
segmented once per rebuild (its Chinese-only blocks by rjieba, jieba in Rust), the pairs and quads
are cut in one pass, rows go in one statement a batch (COPY on PostgreSQL), and the engine indexes
them at the end (FTS5's ``rebuild`` with the triggers set aside on SQLite, GIN's pending list on
PostgreSQL). The reference below is the earlier path written out: jieba over each whole text, the
pieces from ``char_grams`` on their own, one ORM insert per document through the triggers or
generated columns.

The pairs are held without positions since migration 0006, the quads too on PostgreSQL (a phrase
that is more than one of them is checked against the text of its candidates): what a phrase finds
is checked against the texts themselves, for phrases of one to eight characters, across signs,
with exclusions.
"""

import pytest

from pilots import selectors
from search.backends import get_engine
from search.documents import QUAD, RUN_BREAK, char_grams, distinct_chars, phrase_fields, unit_text
from search.indexing import search_index_rebuild, search_index_units
from search.management.commands.bench_search import QUERIES, SHAPES
from search.models import SearchDocument
from search.query import parse_query
from search.segment import index_tokens, initialise
from tests.library.test_segment import jiebas  # jieba's own tokens (rjieba cuts the Chinese-only blocks)

FIELDS = ["unit_id", "text", "tokens", "chars", "pairs", "quads"]
ASKED = [
    *QUERIES,
    *(shape["q"] for shape in SHAPES.values()),
    '"线下服务"',
    "职",
    '"1+14+N"',
    "工会 -调解",
    '"职工服务站"',
    "户外劳动者 OR 快递小哥",
    "wifi",
]
# Phrases of 1, 2, 3, 4, 5, 6 and 8 characters, across signs, found nowhere; those that are one
# indexed word (会服, 职工服务站) are answered as the word (SearchEngine.phrase_is_word).
PHRASES = [
    '"职"',
    '"屋"',
    '"会服"',
    '"工服"',
    '"务站"',
    '"工服务"',
    '"社区职"',
    '"线下服"',
    '"职工服务"',
    '"职工服务站"',
    '"社区职工服"',
    '"区职工服务站"',
    '"困难职工帮扶"',
    '"服务职工群众"',
    '"实名制会员数据库"',
    '"个社区职工服务站"',
    '"楼宇、商圈"',
    '"培训、劳动"',
    '"服务，务实"',
    '"职工服务站站站"',
]
ASKED += [
    *PHRASES,
    '"职工服务站" -调解',
    '"工服务" -温岭',
    '工会 "线下服"',
    '"困难职工帮扶" "职工服务站"',
]


def snapshot() -> tuple[list[tuple], dict[str, tuple]]:
    """The documents as stored, and per query: the matching ids, their count, the best 20 with scores."""
    engine = get_engine()
    documents = list(SearchDocument.objects.order_by("unit_id").values_list(*FIELDS))
    answers = {}
    for text in ASKED:
        query = parse_query(text)
        hits, total = engine.top(query, 20)
        answers[text] = (
            sorted(engine.matching_ids(query)),
            engine.count(query),
            total,
            [(hit.unit_id, round(hit.score, 6)) for hit in hits],
        )
    return documents, answers


def pieces(text: str, size: int) -> str:
    """The distinct pieces of ``size`` characters, in the order first met, from the positional form."""
    return " ".join(dict.fromkeys(piece for piece in char_grams(text, size) if piece != RUN_BREAK))


def reference_index() -> int:
    """The index as the path before the speed work wrote it."""
    SearchDocument.objects.all().delete()
    written = 0
    initialise()
    for unit in selectors.public_unit_detail().order_by("pk"):
        text = unit_text(unit)
        SearchDocument.objects.create(
            unit_id=unit.pk,
            text=text,
            tokens=" ".join(jiebas(text)),
            chars=" ".join(distinct_chars(text)),
            pairs=pieces(text, 2),
            quads=" ".join(char_grams(text, QUAD)),
        )
        written += 1
    return written


@pytest.mark.django_db
def test_the_rebuild_gives_the_index_the_earlier_path_gave():
    written = reference_index()
    before = snapshot()
    assert len(before[0]) == written > 50
    found = [text for text, (ids, *_) in before[1].items() if ids]
    assert len(found) >= len(ASKED) // 2, found
    assert any(count > 20 for _, count, _, _ in before[1].values())  # a query whose best 20 are a choice

    assert search_index_rebuild() == written
    assert snapshot() == before
    # segmented in two worker processes (a large rebuild's default): the same again
    assert search_index_rebuild(processes=2) == written
    assert snapshot() == before


@pytest.mark.django_db
def test_a_bulk_rebuild_gives_the_index_that_indexing_unit_by_unit_gives():
    unit_ids = list(SearchDocument.objects.values_list("unit_id", flat=True))
    SearchDocument.objects.all().delete()
    search_index_units(unit_ids=unit_ids)
    one_by_one = snapshot()
    assert len(one_by_one[0]) == len(unit_ids) > 50

    rebuilt = search_index_rebuild()
    assert rebuilt == len(unit_ids)
    assert snapshot() == one_by_one
    # and the index keeps following single writes afterwards (the triggers are back on SQLite)
    SearchDocument.objects.filter(unit_id__in=unit_ids[:5]).update(text="")
    search_index_units(unit_ids=unit_ids[:5])
    assert snapshot() == one_by_one
    SearchDocument.objects.filter(unit_id=unit_ids[0]).delete()
    assert all(unit_ids[0] not in ids for ids, *_ in snapshot()[1].values())


@pytest.mark.django_db
def test_segmenting_by_blocks_and_cutting_pairs_and_quads_in_one_pass_change_nothing():
    """Over every real record's text: the block cache's tokens are jieba's over the whole text,
    and the one-pass phrase fields are char_grams' pieces."""
    blocks = {}
    texts = list(SearchDocument.objects.values_list("text", flat=True))
    assert len(texts) > 50
    for text in [*texts, *texts, "Wi-Fi 与 3.5 个 “职工之家”，1+14+N；A工会B"]:
        assert index_tokens(text, blocks) == jiebas(text)
        assert phrase_fields(text) == {"pairs": pieces(text, 2), "quads": " ".join(char_grams(text, QUAD))}
    assert len(blocks) > 100


@pytest.mark.django_db
@pytest.mark.parametrize("phrase", PHRASES)
def test_a_phrase_finds_the_documents_whose_text_holds_it(phrase):
    """Pieces without positions: a phrase longer than one piece is checked against the text."""
    engine = get_engine()
    written = phrase.strip('"')
    texts = dict(SearchDocument.objects.values_list("unit_id", "text"))
    expected = {unit_id for unit_id, text in texts.items() if written in text}
    query = parse_query(phrase)
    if engine.phrase_is_word(*query.phrases[0]):  # found as the word: jieba may cut it otherwise
        assert engine.matching_ids(query) <= expected
        return
    assert engine.matching_ids(query) == expected
    assert engine.count(query) == len(expected)
    hits, total = engine.top(query, 20)
    assert total == len(expected) and {hit.unit_id for hit in hits} <= expected
    if phrase not in ('"服务，务实"', '"职工服务站站站"'):
        assert expected, phrase
