"""The cache every process shares: Redis from CACHE_URL, the in-process cache without it.

CI runs the whole suite twice: on SQLite with the in-process cache, and on PostgreSQL with
CACHE_URL on a throwaway Redis, so every cache and throttle test runs against both.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

SHOW_CACHE = "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c.get('LOCATION'))"


def _settings_with(**env) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "CACHE_URL"}
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW_CACHE}"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_cache_url_puts_the_cache_on_redis():
    shown = _settings_with(CACHE_URL="redis://127.0.0.1:6379/3")
    assert shown.stdout.split() == ["django.core.cache.backends.redis.RedisCache", "redis://127.0.0.1:6379/3"]


def test_without_cache_url_each_process_keeps_its_own():
    shown = _settings_with()
    assert shown.stdout.split()[0] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_cache_url_that_is_not_redis_is_refused_by_name():
    shown = _settings_with(CACHE_URL="memcached://127.0.0.1:11211")
    assert shown.returncode != 0 and "CACHE_URL must be a redis://" in shown.stderr


@pytest.mark.skipif(not settings.CACHE_URL, reason="CACHE_URL is not set: this run uses the in-process cache")
@pytest.mark.django_db
def test_throttle_counts_live_in_redis_where_another_server_reads_them(client, settings):
    """With CACHE_URL the counts are Redis keys: a second client of the same Redis (another app
    server) reads the count this process wrote."""
    import redis

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "5/minute"}}
    assert client.get(reverse("unit-list")).status_code == 200
    other_server = redis.Redis.from_url(settings.CACHE_URL)
    keys = [key.decode() for key in other_server.keys("*throttle_anon_*")]
    assert len(keys) == 1
    assert cache.get(keys[0].split(":", 2)[2])  # the same entry through Django's key scheme


@pytest.mark.django_db
def test_an_indicator_renamed_on_another_server_is_labelled_with_its_new_name_here():
    """The comments' labels read indicator names through the shared cache: another server's save
    deletes them there (its signal runs in its own process), and this process reads the new name at
    once. A memory of this process alone kept the old name until a restart."""
    from pilots.models import IndicatorDefinition
    from reports.templatetags.reports_tags import INDICATOR_NAMES_KEY, field_label

    definition = IndicatorDefinition.objects.create(code="two_servers", name="旧名称", value_type="count")
    assert field_label("value:two_servers") == "旧名称"  # read here, remembered
    # Another server renames it: the row changes and its signal deletes the shared entry.
    IndicatorDefinition.objects.filter(pk=definition.pk).update(name="新名称")
    cache.delete(INDICATOR_NAMES_KEY)
    assert field_label("value:two_servers") == "新名称"
