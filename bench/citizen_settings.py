"""The portal's settings plus the bare view's URL, for bench/citizen_flow.py only.

bench/citizen_flow.py loads it with DJANGO_DEBUG off and every production variable set (local
PostgreSQL, Redis, file connectors), so the figures are production's, not debug mode's (no SQL
query log, manifest static files, templates cached). The cache keys carry the benchmark's own
prefix, so a shared Redis database is never flushed or mixed.
"""
import os

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "citizen_urls"
CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCH_CACHE_KEY_PREFIX", "bench")  # noqa: F405
