"""Fixed-window counters in the shared cache, for the citizen lookups that guess secrets.

The status lookup (reference + e-mail) and the booking lookup (reference + code) count tries
per client address (``portal.security.client_ip``: the real client behind trusted proxies)
and per looked-up reference. A cache that cannot be reached (Redis down) must not turn the
page into a server error, nor open the door to unlimited guessing: ``tries_count`` raises
``CounterUnavailable`` and the view says "try again in a few minutes".
"""
from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


COUNTER_UNAVAILABLE = _("We cannot check this just now. Try again in a few minutes.")


class CounterUnavailable(Exception):
    """The cache holding the counters cannot be reached: refuse the try, do not guess."""


def counter_keys(*, scope: str, ip: str, subject: str) -> list[str]:
    """One key per client address and one per (hashed) subject, e.g. the reference tried."""
    digest = hashlib.sha256(subject.encode("utf-8", "replace")).hexdigest()[:32]
    return [f"{scope}:ip:{ip or 'unknown'}", f"{scope}:ref:{digest}"]


def tries_count(*, keys: list[str], limit: int, window_seconds: int) -> bool:
    """Count one try under every key; True once any of them is over ``limit`` in the window.

    The first try sets the expiry, later tries only add.
    """
    limited = False
    try:
        for key in keys:
            cache.add(key, 0, timeout=window_seconds)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=window_seconds)
                count = 1
            limited = limited or count > limit
    except Exception as exc:  # the cache backend's own connection errors (redis.ConnectionError, …)
        logger.error("rate_limit_counter_unavailable error=%s", type(exc).__name__)
        raise CounterUnavailable from exc
    return limited
