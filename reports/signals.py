"""What the e-report core tells the other areas: Django signals, owned by the wizard and the
submission services, that other apps listen to from their ``AppConfig.ready()``.

A listener is a side effect the citizen must never see fail (a funnel counter, an anonymous
statistics row): the core sends with ``signal_send``, which calls every listener inside one
savepoint, logs a listener that raises and rolls back what the listeners wrote for that event,
and carries on. The citizen's step and the submission go on as if nobody listened.

Work that is part of the act itself is no listener: the case-system outbox row of a
submission, supplement or booking is written by an explicit ``delivery_create`` call in the
same transaction, and a purge blanks the outbox's copies by an explicit call too.
"""
from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Once per wizard run for each step the person reaches; sent with ``service`` (the catalogue
# Service), ``step`` (its slug) and ``language``. Listeners must not touch personal data.
step_reached = Signal()

# A new catalogue submission, inside its transaction (listeners' writes commit with it);
# sent with ``submission`` and ``service``.
submission_created = Signal()

# ``manage.py demo_data`` asks every area for its demo rows, sent with ``stdout`` (the command's
# output) in app order, so analytics (installed last) rolls up the others' rows. Sent with a
# plain ``send()``: demo data that fails to load should fail the command.
demo_data_requested = Signal()


class _ListenerFailed(Exception):
    pass


def signal_send(signal: Signal, *, sender, **kwargs) -> int:
    """Send ``signal`` to its listeners; return how many raised (logged, never re-raised).

    The listeners run in one savepoint: when any of them raises, the writes of all of them
    for this event are rolled back (the caller's transaction stays usable), and each error
    is logged with its traceback.
    """
    failures = 0
    try:
        with transaction.atomic():
            for receiver, response in signal.send_robust(sender=sender, **kwargs):
                if isinstance(response, Exception):
                    failures += 1
                    logger.error(
                        "signal_listener_failed signal=%s listener=%s.%s error=%s",
                        _signal_name(signal), getattr(receiver, "__module__", "?"),
                        getattr(receiver, "__qualname__", repr(receiver)), type(response).__name__,
                        exc_info=(type(response), response, response.__traceback__),
                    )
            if failures:
                raise _ListenerFailed
    except _ListenerFailed:
        pass
    return failures


def _signal_name(signal: Signal) -> str:
    for name, value in globals().items():
        if value is signal:
            return name
    return repr(signal)
