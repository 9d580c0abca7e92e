from pathlib import Path

import pytest
import yaml

from importing.gazetteer import Gazetteer
from importing.pipeline import parse_source
from tests.conftest import COMPILATION, seed_path

EXPECTED_DIR = Path(__file__).parent / "expected"


@pytest.fixture(scope="session")
def gazetteer(django_db_setup, django_db_blocker) -> Gazetteer:
    with django_db_blocker.unblock():
        return Gazetteer.from_db()


@pytest.fixture(scope="session")
def compilation(gazetteer):
    """The street-vitality compilation as the importer reads it (parsed once per run)."""
    return parse_source(seed_path(COMPILATION).read_bytes(), name=COMPILATION, gazetteer=gazetteer)


@pytest.fixture(scope="session")
def expected_streets() -> dict:
    return yaml.safe_load((EXPECTED_DIR / "streets.yaml").read_text(encoding="utf-8"))


def read_labelled(labels: dict, gazetteer: Gazetteer, compilation=None):
    """The seed file a label file names, as the importer reads it; a file it refuses reads as nothing found."""
    from django.conf import settings

    from importing.decode import ImportInputError
    from importing.pipeline import ParsedFile

    if compilation is not None and labels["source"] == compilation.name:
        return compilation
    source = Path(settings.SEEDS_DIR) / labels["source"]
    try:
        return parse_source(source.read_bytes(), name=source.name, gazetteer=gazetteer)
    except ImportInputError:
        return ParsedFile(source.name, "", "", "", None, [], [])


def page_pieces(page: str | list[str], gazetteer: Gazetteer):
    """The pieces the importer reads from an invented page, given as its text or its lines."""
    text = page if isinstance(page, str) else "\n".join(page)
    return parse_source(text.encode("utf-8"), name="page.txt", gazetteer=gazetteer).pieces


def only_piece(page: str | list[str], gazetteer: Gazetteer):
    """The one piece of an invented page (the page read as several fails, naming what it found)."""
    pieces = page_pieces(page, gazetteer)
    assert len(pieces) == 1, [(p.headline, p.body[:30]) for p in pieces]
    return pieces[0]
