"""The records' accounts and record builder, shared with the probes here; throttle rates set per test."""

import pytest
from django.core.cache import cache

from tests.records.conftest import _media_in_tmp, a_record, accounts, api_client, foreign_unit, home_unit  # noqa: F401


@pytest.fixture
def rates(settings):
    cache.clear()

    def set_rates(**rates):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token_failure": None, **rates},
        }

    yield set_rates
    cache.clear()
