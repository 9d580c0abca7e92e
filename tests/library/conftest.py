import re

import pytest

from search.query import Term, parse_query


@pytest.fixture
def indexing(django_capture_on_commit_callbacks):
    """Run the index updates that would follow a commit (tests run inside a transaction that never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def search():
    from search.backends import get_engine

    engine = get_engine()
    return lambda text: engine.matching_ids(parse_query(text))


@pytest.fixture
def reference_ids():
    """What a query means, computed in Python over the stored documents: the oracle for every engine."""
    from search.models import SearchDocument

    def meaning(text: str) -> set[int]:
        query = parse_query(text)
        documents = SearchDocument.objects.values_list("unit_id", "text", "tokens", "chars")

        def written(phrase, group):
            # A run of Chinese characters, letters and digits that is not itself one word: found
            # wherever it is written, whatever words the segmenter cut around it.
            one_word = group.alternatives == ((Term(phrase.lower(), "tokens"),),)
            return bool(re.fullmatch(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}", phrase)) and not one_word

        def has(group, tokens, chars):
            return any(
                all(term.value in (tokens if term.field == "tokens" else chars) for term in alternative)
                for alternative in group.alternatives
            )

        found = set()
        for unit_id, original, tokens, chars in documents:
            # The engines' own tokenisers (FTS5 unicode61, PostgreSQL's simple parser) split a
            # stored word at signs: the word "50%" is indexed as 50.
            tokens = {part for token in tokens.split() for part in (token, *re.split(r"[^\w]+", token)) if part}
            chars = set(chars.split())
            # several words: all of them (any of them only when asked with words=any)
            combine = any if query.any_word else all
            if query.groups and not combine(has(group, tokens, chars) for group in query.groups):
                continue
            if not all(
                phrase.lower() in original.lower()
                if written(phrase, group)
                else has(group, tokens, chars) and phrase in original
                for phrase, group in query.phrases
            ):
                continue
            if any(has(group, tokens, chars) for group in query.exclusions):
                continue
            found.add(unit_id)
        return found

    return meaning
