import pytest

from search.backends import get_engine
from search.query import MAX_QUERY_LENGTH, QueryError, Term, parse_query


def test_a_query_over_200_characters_is_refused_with_a_message():
    with pytest.raises(QueryError, match="200"):
        parse_query("帮" * (MAX_QUERY_LENGTH + 1))
    assert parse_query("帮" * MAX_QUERY_LENGTH).groups


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ['"', "*", "^", "NEAR", "AND", "OR", "(帮扶)", "帮扶 OR", '"帮扶', "帮扶*^", "NEAR(a b)", "帮扶 NOT 维权"]
)
def test_engine_syntax_is_read_as_plain_words(text, reference_ids):
    """Through the engine: operators and stray quotes are words to look up, never the engine's syntax."""
    try:
        query = parse_query(text)
    except QueryError:
        return  # nothing searchable left: a message, not a crash
    engine = get_engine()
    assert engine.matching_ids(query) == reference_ids(text)
    assert engine.count(query) == len(reference_ids(text))
    engine.ranked(query, 10)
    for group in [*query.groups, *query.exclusions]:
        for alternative in group.alternatives:
            assert all(term.value.replace("_", "").isalnum() for term in alternative)


def test_words_are_each_required_and_quotes_make_a_required_phrase():
    query = parse_query('街道 共享阵地 "职工服务站" -温岭')
    assert [group.word for group in query.groups] == ["街道", "共享阵地"]
    assert [phrase for phrase, _ in query.phrases] == ["职工服务站"]
    assert [group.word for group in query.exclusions] == ["温岭"]
    assert query.word_operator == "AND" and query.any_words().word_operator == "OR"


@pytest.mark.parametrize(
    ("typed", "phrase"),
    [
        ('"1+14+N"', "1+14+N"),  # signs inside stay
        ('"服务，务实"', "服务，务实"),
        ('" 职工 服务 "', "职工服务"),  # Chinese is written without spaces
        ('"<b>职工</b>服务。"', "职工服务"),  # markup and the signs at the ends go
    ],
)
def test_a_phrase_is_read_as_written_between_the_quotes(typed, phrase):
    assert [text for text, _ in parse_query(typed).phrases] == [phrase]


def test_a_query_of_exclusions_only_is_refused():
    with pytest.raises(QueryError):
        parse_query("-温岭 -台州")


def test_single_characters_are_looked_up_in_the_character_field():
    assert parse_query("茶").groups[0].alternatives == ((Term("茶", "chars"),),)


def test_short_forms_come_from_the_data_file():
    alternatives = parse_query("市总").groups[0].alternatives
    assert (Term("市总工会", "tokens"),) in alternatives
    # 职工之家 and 职工服务中心 are different things: no synonym.
    assert len(parse_query("职工之家").groups[0].alternatives) == 1
