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
