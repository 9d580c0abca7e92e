"""A cache of each panel's answer, keyed on (panel, normalised request, data version).

The data version is a token in one database row (:class:`dashboards.models.DataVersion`), replaced
on every write to a model of ``pilots`` or ``reports`` (the data the panels count: units, regions,
measures and their practices, articles, indicator definitions and values, annual records and their
figures): ``post_save``, ``post_delete`` and ``m2m_changed`` of those apps' models replace it inside
the writer's transaction, so a rolled-back write leaves the old token and a committed one makes
every cached answer unreachable. Writes that bypass the signals (``QuerySet.update()``,
``bulk_create()``, raw SQL) must call :func:`bump` themselves (the benchmark does). The token is a
random string, not a counter, so that a version is never reused after a rollback.

Reading the version costs one indexed single-row query per request; the cached value is the
panel's JSON-ready dict (the CSV is built from it as before), remembered by ``search.remember``
(the mechanism search uses under the index stamp) in Django's cache: per process, or shared on
Redis with ``CACHE_URL``.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from contextlib import nullcontext

from django.apps import apps as global_apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from search.backends import get_engine
from search.remember import remember

from .models import DataVersion

# The apps whose rows the panels count.
FEEDING_APPS = {"pilots", "reports"}
TIMEOUT = 60 * 60  # a stale version's entries age out; a current one stays valid however long
_ROW = 1


def data_version() -> str:
    token = DataVersion.objects.filter(pk=_ROW).values_list("token", flat=True).first()
    return token or "0"


def bump() -> None:
    """Give the data a new version: every cached panel answer is out of date."""
    token = uuid.uuid4().hex
    if not DataVersion.objects.filter(pk=_ROW).update(token=token, changed_at=timezone.now()):
        DataVersion.objects.update_or_create(pk=_ROW, defaults={"token": token})


def _params_key(params) -> str:
    pairs = []
    for name in sorted(params):
        if name == "format":  # the CSV is built from the same answer
            continue
        values = params.getlist(name) if hasattr(params, "getlist") else [params[name]]
        values = sorted(str(v) for v in values if v not in (None, ""))
        if values:
            pairs.append(f"{name}={'&'.join(values)}")
    return hashlib.sha1("\n".join(pairs).encode()).hexdigest()


def _searching(params) -> bool:
    values = params.getlist("q") if hasattr(params, "getlist") else [params.get("q")]
    return any(values)


def cached_panel(panel: str, params, compute: Callable[[], dict], *, variant: str = "") -> dict:
    """``compute()``'s answer for ``panel`` and ``params``, remembered while the data is unchanged
    (``search.remember``, the portal's one mechanism, under this app's data version)."""

    def answer() -> dict:
        # Over the matches of a search word the panels' queries run as the search engine's own.
        with get_engine().index_scans() if _searching(params) else nullcontext():
            return compute()

    # Labels (practices, indicators, kinds) are in the request's language: remembered per language.
    key = ":".join([panel, variant, get_language() or "", _params_key(params)])
    return remember(key, answer, stamp=data_version(), namespace="dashboards", timeout=TIMEOUT)


def _feeds_panels(sender) -> bool:
    # Historical models of migrations live in their own registry (and may run before this table exists).
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in FEEDING_APPS and meta.apps is global_apps


def _on_write(sender, **kwargs) -> None:
    if _feeds_panels(sender):
        bump()


def _on_m2m(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        _on_write(sender, **kwargs)


def connect() -> None:
    post_save.connect(_on_write, dispatch_uid="dashboards-version-save")
    post_delete.connect(_on_write, dispatch_uid="dashboards-version-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="dashboards-version-m2m")
