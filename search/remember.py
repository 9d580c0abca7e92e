"""Answers remembered under a data stamp: the one mechanism of search and dashboards.

An answer is kept in Django's cache (per process, or on Redis with ``CACHE_URL``: shared by every
server) under a stamp of the data it was computed from; when the data changes, so does the stamp,
and every answer remembered under the old one is unreachable (and ages out).

Search's stamp is the index's (:func:`index_stamp`): everything similar pilots, pages of results
and facet counts depend on (a unit's text, places, kind, practices, articles, whether it is
published) reaches the index when it changes, and every index write stamps
:class:`search.models.IndexState`; one cheap query per request reads it. The dashboards remember
their panels under their own data version (``dashboards.cache``) through the same :func:`remember`.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from .backends import get_engine
from .models import IndexState

T = TypeVar("T")
TIMEOUT = 600


def index_changed() -> None:
    IndexState.objects.update_or_create(pk=1)  # auto_now dates it


def index_stamp() -> str:
    # The index's date as the engine reads it (one statement by key), without the space: a cache key has none.
    return get_engine().index_changed_at().replace(" ", "T")


def remember(
    key: str, compute: Callable[[], T], *, stamp: str | None = None, namespace: str = "search", timeout: int = TIMEOUT
) -> T:
    """``compute()``, or what it answered under the same stamp (and language).

    ``stamp``: the data's stamp; by default the index stamp (pass it when already read for this
    request: one query saved). ``namespace`` keeps apps' answers apart."""
    # Hashed: a key made of request parameters can be of any length (memcached refuses over 250).
    digest = hashlib.sha256(key.encode()).hexdigest()
    full_key = f"{namespace}:{stamp or index_stamp()}:{get_language()}:{digest}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout=timeout)
    return value
