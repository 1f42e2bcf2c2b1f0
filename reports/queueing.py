"""Publishing a Celery task from a request without making the request depend on the broker,
and sending the e-mail such a task carries at most once.

The mails a citizen is promised (the receipt, a status notice, a booking's confirmation) are
published after the commit that created them. When the broker is down, publishing fails: the
citizen's request must still succeed, so the failure is logged (one event name per caller) and
a periodic sweep, reading the database, sends what was never sent (``sweep_window``). The sweep
and the first task, or a message the broker delivers twice, may then both try to send: each
e-mail is claimed on its row before it goes (``send_once``).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from django.db.models import Model, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

T = TypeVar("T")

# The sweeps read rows changed more than SWEEP_AFTER ago (the first task has had its chance) and
# less than SWEEP_WITHIN ago: an address that always fails is not tried for ever, nor does it
# keep newer e-mails out of a sweep's batch, and an e-mail days late would only confuse.
SWEEP_AFTER = timedelta(minutes=5)
SWEEP_WITHIN = timedelta(days=2)


def task_publish(task, *args, failure_event: str, **kwargs) -> bool:
    """``task.delay(*args, **kwargs)``; on any broker error log ``failure_event`` with the task's
    name and arguments (ids only) and return False instead of raising."""
    try:
        task.delay(*args, **kwargs)
    except Exception:  # the broker may be down: the caller's sweep publishes it later
        logger.exception("%s task=%s args=%s kwargs=%s", failure_event, task.name, args, kwargs)
        return False
    return True


def sweep_publish(task, queryset, *, limit: int) -> int:
    """Queue ``task`` for the first ``limit`` rows of ``queryset`` (by key, in its order): the
    periodic sweeps' one loop. Returns how many were queued."""
    count = 0
    for pk in queryset.values_list("pk", flat=True)[:limit]:
        task.delay(pk)
        count += 1
    return count


def sweep_window(field: str, *, now: datetime | None = None) -> dict[str, datetime]:
    """Lookups for the rows whose ``field`` (a time) lies between SWEEP_WITHIN and SWEEP_AFTER ago."""
    now = now or timezone.now()
    return {f"{field}__lt": now - SWEEP_AFTER, f"{field}__gte": now - SWEEP_WITHIN}


def send_once(model: type[Model], pk: int, *, sent_field: str, when: Q, send: Callable[[], T]) -> T | None:
    """Run ``send`` at most once for the row ``pk``: the row is claimed (``sent_field`` set by a
    conditional UPDATE, only if it is empty and ``when`` holds) before sending, so two workers,
    a task delivered twice or a sweep beside the first task never both send; if ``send`` fails
    the claim is released for the task's retries. Returns what ``send`` returned, or None when
    there was nothing to send (another sender's claim, or ``when`` no longer holds)."""
    claimed = model._default_manager.filter(when, pk=pk, **{f"{sent_field}__isnull": True}).update(
        **{sent_field: timezone.now()}
    )
    if not claimed:
        return None
    try:
        return send()
    except Exception:
        model._default_manager.filter(pk=pk).update(**{sent_field: None})
        raise
