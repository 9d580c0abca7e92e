"""Answers remembered until the index changes.

Everything similar pilots and facet counts depend on (a unit's text, places, kind, practices,
articles, whether it is published) reaches the index when it changes, and every index write
stamps :class:`search.models.IndexState`. So an answer remembered under the current stamp is
current; one cheap query per request reads the stamp. Each process keeps its own cache.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from .models import IndexState

T = TypeVar("T")
TIMEOUT = 600


def index_changed() -> None:
    IndexState.objects.update_or_create(pk=1)  # auto_now dates it


def index_stamp() -> str:
    changed = IndexState.objects.filter(pk=1).values_list("changed_at", flat=True).first()
    return changed.isoformat() if changed else "-"


def remember(key: str, compute: Callable[[], T], *, stamp: str | None = None) -> T:
    """``compute()``, or what it answered under the same index stamp (and language).

    ``stamp``: the index stamp already read for this request (one query saved)."""
    # Hashed: a key made of request parameters can be of any length (memcached refuses over 250).
    digest = hashlib.sha256(key.encode()).hexdigest()
    full_key = f"search:{stamp or index_stamp()}:{get_language()}:{digest}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout=TIMEOUT)
    return value
