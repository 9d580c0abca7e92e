import importlib
import random
import sqlite3
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from pilots.models import Article, PilotUnit, PublicationStatus, ReformMeasure
from search.backends import SqliteEngine, get_engine
from search.documents import PAIR_RUN
from search.models import SearchDocument
from search.query import parse_query
from tests.factories import a_unit, an_article

pytestmark = pytest.mark.django_db

QUERIES = [
    "茶",
    "桥",
    "帮扶",
    "维权",
    "工匠",
    "市总",
    "妈咪小屋 爱心驿站",
    '"职工服务站"',
    '"职工服务"',
    '"妈咪小屋"',
    '"2018年"',
    '"服务中心" -温岭',
    '"职工之家" 帮扶',
    # Found where written though the segmenter cut other words around them in some records:
    '"线下服务"',
    '"工活动中心"',
    '"线下服务" -温岭',
    # Signs inside a phrase are part of it: the model's name as written, not 114n.
    '"1+14+N"',
    "帮扶 -温岭",
    "街道 缺 场地 共享 阵地",
]


def _texts() -> dict[int, str]:
    return dict(SearchDocument.objects.values_list("unit_id", "text"))


class _Cursor:
    """A DB-API cursor with Django's ``%s`` placeholders, so an engine can run on a bare sqlite3 connection."""

    def __init__(self, raw):
        self.raw = raw.cursor()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.raw.close()

    def execute(self, sql, params=()):
        self.raw.execute(sql.replace("%s", "?"), params)

    def fetchall(self):
        return self.raw.fetchall()

    def fetchone(self):
        return self.raw.fetchone()


class _Connection:
    vendor = "sqlite"

    def __init__(self, raw):
        self.raw = raw

    def cursor(self):
        return _Cursor(self.raw)


@pytest.fixture
def fts5_copy():
    """The same documents in an in-memory SQLite FTS5 index: the second engine, whatever the test database is."""
    raw = sqlite3.connect(":memory:")
    raw.execute(
        "CREATE TABLE search_searchdocument "
        "(unit_id INTEGER PRIMARY KEY, text TEXT, tokens TEXT, chars TEXT, pairs TEXT, quads TEXT)"
    )
    for name in ("0002_engine_index", "0008_quads_with_positions"):
        for forward, _ in importlib.import_module(f"search.migrations.{name}").SQLITE:
            raw.execute(forward)
    raw.executemany(
        "INSERT INTO search_searchdocument VALUES (?, ?, ?, ?, ?, ?)",
        SearchDocument.objects.values_list("unit_id", "text", "tokens", "chars", "pairs", "quads"),
    )
    yield SqliteEngine(_Connection(raw))
    raw.close()


@pytest.mark.parametrize("text", QUERIES)
def test_the_engine_finds_what_the_query_means(text, search, reference_ids):
    expected = reference_ids(text)
    assert expected, f"the seed data should match {text!r}"
    assert search(text) == expected


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="compares PostgreSQL's engine with FTS5: runs on CI's PostgreSQL pass (on SQLite both would be FTS5)",
)
@pytest.mark.parametrize("text", QUERIES)
def test_both_engines_agree_on_the_same_documents(text, fts5_copy, reference_ids):
    engine = get_engine()
    assert engine.vendor == "postgresql" and fts5_copy.vendor == "sqlite"
    query = parse_query(text)
    assert engine.matching_ids(query) == fts5_copy.matching_ids(query) == reference_ids(text)
    assert engine.count(query) == fts5_copy.count(query)
    # Ranking formulas differ; the best few must overlap.
    ours = [hit.unit_id for hit in engine.ranked(query, 10)]
    theirs = [hit.unit_id for hit in fts5_copy.ranked(query, 10)]
    assert set(ours) & set(theirs)


# Facet filters reach the engines as a subquery of unit ids; this one needs only the documents.
# (MOD, not "%": the subquery is interpolated by the database driver.)
EVEN_UNITS = ("SELECT unit_id FROM search_searchdocument WHERE MOD(unit_id, %s) = 0", [2])


@pytest.mark.parametrize("text", ["帮扶", '"职工服务"', "帮扶 -温岭"])
def test_both_engines_agree_within_a_filter(text, fts5_copy, reference_ids):
    engine, query = get_engine(), parse_query(text)
    expected = {pk for pk in reference_ids(text) if pk % 2 == 0}
    assert expected
    for each in (engine, fts5_copy):
        assert each.matching_ids(query, within=EVEN_UNITS) == expected
        assert each.count(query, within=EVEN_UNITS) == len(expected)
        hits, total = each.top(query, 500, within=EVEN_UNITS)
        assert total == len(expected) and {hit.unit_id for hit in hits} == expected


def test_a_filtered_ranking_is_the_unfiltered_one_restricted():
    engine, query = get_engine(), parse_query("妈咪小屋 爱心驿站").any_words()
    everything = [hit.unit_id for hit in engine.ranked(query, 500)]
    filtered = [hit.unit_id for hit in engine.ranked(query, 500, within=EVEN_UNITS)]
    assert filtered and filtered == [pk for pk in everything if pk % 2 == 0]


@pytest.mark.parametrize("char", ["茶", "桥"])
def test_a_single_character_finds_every_record_containing_it(char, search):
    texts = _texts()
    containing = {pk for pk, text in texts.items() if char in text}
    assert search(char) == containing
    # ... including records where the segmenter kept the character inside a longer word.
    tokens = dict(SearchDocument.objects.filter(unit_id__in=containing).values_list("unit_id", "tokens"))
    assert any(char not in value.split() for value in tokens.values())


@pytest.mark.parametrize("word", ["帮扶", "维权", "工匠"])
def test_two_character_queries_find_records_with_the_word(word, search):
    texts = _texts()
    found = search(word)
    assert found and all(word in texts[pk] for pk in found)


def test_a_short_form_finds_the_full_form(search):
    texts = _texts()
    with_full_form = {pk for pk, text in texts.items() if "市总工会" in text}
    assert with_full_form and with_full_form <= search("市总")


def test_a_phrase_must_occur_as_written(search):
    texts = _texts()
    found = search('"职工服务站"')
    assert found == {pk for pk, text in texts.items() if "职工服务站" in text}
    assert search('"服务站职工"') < search("服务站 职工")


@pytest.mark.parametrize("word", ["妈咪小屋", "专兼挂", "职工服务中心"])
def test_a_phrase_that_is_one_word_is_answered_by_the_word_alone(search, word):
    # A document's words are pieces of its own text: holding the word, it holds the phrase, so the
    # character pairs are not asked (the quoted word costs what the word costs) and nothing changes.
    sql, _params = get_engine().match_sql(parse_query(f'"{word}"'))
    assert "pairs" not in sql
    texts = _texts()
    found = search(f'"{word}"')
    assert found and found == search(word) == {pk for pk in search(word) if word in texts[pk].lower()}
    sql, _params = get_engine().match_sql(parse_query('"职工服务"'))  # two words: the quads decide
    assert "quads" in sql and "pairs" not in sql


def test_a_phrase_is_found_however_the_segmenter_cut_it_in_context(indexing, search):
    # In context jieba cuts 老职工|服务, so 职工 and 服务 are not neighbours among the tokens: the
    # phrase is found by its character pairs, not by the words' positions.
    with indexing():
        unit = a_unit("温岭市短语测试街道总工会", profile="开展老职工服务，务实推进")
    assert unit.pk in search('"职工服务"')
    # ... and never across punctuation: 服务，务实 holds no 服务实.
    assert unit.pk not in search('"服务实"')
    assert unit.pk in search('"务实推进"') and unit.pk not in search('"推进务实"')
    # Four characters and more are found by their quads, which stop at punctuation the same way.
    with indexing():
        apart = a_unit("温岭市短语测试二街道总工会", profile="关爱职工，服务站点遍布，街道职工服务")
    assert apart.pk not in search('"职工服务站"') and apart.pk not in search('"关爱职工服务"')
    assert apart.pk in search('"职工服务"') and apart.pk in search('"街道职工服务"')  # at the end of the text
    assert apart.pk in search('"服务站点遍布"') and apart.pk not in search('"服务站点遍布街道"')


def test_phrases_cut_from_the_documents_are_found_where_they_occur(search, reference_ids, fts5_copy):
    # Phrases of two to nine characters cut from the documents themselves (some at the end of a
    # run of characters), against the oracle: the engine's quads and pairs must find exactly the
    # documents holding each phrase as written (and its words), on both engines.
    rng, texts = random.Random(14), sorted(_texts().items())
    runs = [run for _, text in texts for run in PAIR_RUN.findall(text.lower()) if len(run) >= 2]
    phrases = set()
    while len(phrases) < 40:
        run = rng.choice(runs)
        length = rng.randint(2, min(9, len(run)))
        start = len(run) - length if rng.random() < 0.3 else rng.randint(0, len(run) - length)
        phrases.add(run[start : start + length])
    engine, checked = get_engine(), 0
    for phrase in sorted(phrases):
        query = f'"{phrase}"'
        expected = reference_ids(query)
        checked += bool(expected)
        assert search(query) == expected, phrase
        assert fts5_copy.matching_ids(parse_query(query)) == expected, phrase
        assert engine.count(parse_query(query)) == len(expected), phrase
    assert checked >= 30


def test_minus_excludes_a_word(search):
    texts = _texts()
    found = search("帮扶 -温岭")
    assert found and not any("温岭" in texts[pk] for pk in found)
    assert found < search("帮扶")


def test_documents_with_more_of_the_words_rank_higher():
    # Asked for any of the words (words=any, the fallback when all of them find nothing).
    engine = get_engine()
    hits = engine.ranked(parse_query("妈咪小屋 爱心驿站").any_words(), 200)
    texts = _texts()
    both = [i for i, hit in enumerate(hits) if "妈咪小屋" in texts[hit.unit_id] and "爱心驿站" in texts[hit.unit_id]]
    one = [i for i, hit in enumerate(hits) if i not in both]
    assert both and one and min(both) < min(one)


def test_a_natural_question_finds_the_pilots_that_share_positions():
    hits = get_engine().ranked(parse_query("街道 缺 场地 共享 阵地"), 10)
    sharing = set(PilotUnit.objects.filter(measures__practices__code="shared_positions").values_list("pk", flat=True))
    assert len({hit.unit_id for hit in hits} & sharing) >= 3


def test_the_index_follows_saves_and_deletes(indexing, search):
    with indexing():
        unit = a_unit("温岭市索引测试街道总工会", profile="开展桑葚采摘活动")
    assert unit.pk in search("桑葚")
    with indexing():
        unit.profile = "开展杨梅采摘活动"
        unit.save()
    assert unit.pk not in search("桑葚") and unit.pk in search("杨梅")
    with indexing():
        measure = ReformMeasure.objects.create(unit=unit, title="枇杷节", summary="举办枇杷节")
    assert unit.pk in search("枇杷")
    with indexing():
        measure.delete()
    assert unit.pk not in search("枇杷")
    with indexing():
        article = an_article(unit, body="报道职工猕猴桃种植")
    assert unit.pk in search("猕猴桃")
    with indexing():
        article.units.remove(unit)
    assert unit.pk not in search("猕猴桃")
    with indexing():
        article.units.add(unit)
    assert unit.pk in search("猕猴桃")
    with indexing():
        Article.objects.filter(pk=article.pk).first().delete()
    assert unit.pk not in search("猕猴桃")
    with indexing():
        unit.status = PublicationStatus.DRAFT
        unit.save()
    assert unit.pk not in search("杨梅")
    with indexing():
        unit.status = PublicationStatus.PUBLISHED
        unit.save()
    with indexing():
        unit.delete()
    assert not SearchDocument.objects.filter(unit_id=unit.pk).exists() and not search("杨梅") & {unit.pk}


def test_rebuild_covers_writes_that_bypass_save(search):
    unit = PilotUnit.objects.published().first()
    PilotUnit.objects.filter(pk=unit.pk).update(profile="职工荔枝节")
    assert unit.pk not in search("荔枝")
    out, err = StringIO(), StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert unit.pk in search("荔枝")
    published = PilotUnit.objects.published().count()
    assert f"已索引 {published} 家" in out.getvalue() and "100%" in err.getvalue()
    assert SearchDocument.objects.count() == published


def test_words_in_very_many_records_rank_a_bounded_set_but_count_every_match(monkeypatch):
    engine = get_engine()
    query = parse_query("帮扶")
    everything = engine.matching_ids(query)
    monkeypatch.setattr(type(engine), "RANK_ALL", 10)
    monkeypatch.setattr(type(engine), "RANK_CANDIDATES", 15)
    hits, total = engine.top(query, 20)
    assert total == len(everything) > 15
    assert len(hits) == 15 and {hit.unit_id for hit in hits} <= everything
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
