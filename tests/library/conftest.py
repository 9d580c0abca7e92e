import pytest

from search.query import parse_query


@pytest.fixture
def indexing(django_capture_on_commit_callbacks):
    """Run the index updates that would follow a commit (tests run inside a transaction that never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def search():
    from search.engines import get_engine

    engine = get_engine()
    return lambda text: engine.matching_ids(parse_query(text))
