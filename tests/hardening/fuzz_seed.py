"""The fuzz's seed: new each run (printed in pytest's header and in every failure), or ``FUZZ_SEED``.

A fixed seed finds what it found last time; a random one, printed, explores and can be replayed:
``FUZZ_SEED=1234567 make test PYTEST_ARGS=tests/hardening/test_fuzz.py``.
"""

import os
import secrets
import zlib

FUZZ_SEED = int(os.environ.get("FUZZ_SEED") or secrets.randbelow(2**32))


def seed_for(*parts: str) -> int:
    """A seed of its own for each operation and role, derived from the run's seed."""
    return (FUZZ_SEED + zlib.crc32("/".join(parts).encode())) % 2**32


def replay_note() -> str:
    return f"fuzz seed {FUZZ_SEED} (replay: FUZZ_SEED={FUZZ_SEED})"
