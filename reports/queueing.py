"""Publishing a Celery task from a request without making the request depend on the broker.

The mails a citizen is promised (the receipt, a status notice, a booking's confirmation) are
published after the commit that created them. When the broker is down, publishing fails: the
citizen's request must still succeed, so the failure is logged (one event name per caller) and
a periodic sweep, reading the database, sends what was never sent.
"""
from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def task_publish(task, *args, failure_event: str, **kwargs) -> bool:
    """``task.delay(*args, **kwargs)``; on any broker error log ``failure_event`` with the task's
    name and arguments (ids only) and return False instead of raising."""
    try:
        task.delay(*args, **kwargs)
    except Exception:  # the broker may be down: the caller's sweep publishes it later
        logger.exception("%s task=%s args=%s kwargs=%s", failure_event, task.name, args, kwargs)
        return False
    return True
