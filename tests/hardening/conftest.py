"""The records' accounts and record builder, shared with the probes here."""

from tests.records.conftest import _media_in_tmp, a_record, accounts, api_client, foreign_unit, home_unit  # noqa: F401
