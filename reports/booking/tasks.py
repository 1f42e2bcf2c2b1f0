"""Celery tasks of passport bookings. They take ids, re-read rows and are idempotent."""

import logging

from celery import shared_task

from reports.booking import mail, services
from reports.queueing import sweep_publish

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def booking_confirmation_send(booking_id: int, moved: bool = False) -> None:
    # ``moved`` is no longer read (the booking's ``moved_at`` says it); kept for queued messages.
    mail.booking_confirmation_send(booking_id=booking_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def booking_cancellation_send(booking_id: int) -> None:
    mail.booking_cancellation_send(booking_id=booking_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def booking_reminder_send(booking_id: int) -> None:
    mail.booking_reminder_send(booking_id=booking_id)


@shared_task
def reminders_send() -> int:
    """Periodic: queue the reminder of every booking whose time is tomorrow."""
    count = sweep_publish(booking_reminder_send, mail.reminders_due(), limit=2000)
    logger.info("booking_reminders_queued count=%s", count)
    return count


@shared_task
def booking_mails_sweep() -> int:
    """Periodic: queue the confirmations and cancellations that were never sent (the broker was
    down when the booking was made, moved or cancelled)."""
    count = sweep_publish(booking_confirmation_send, mail.confirmations_due(), limit=500)
    count += sweep_publish(booking_cancellation_send, mail.cancellations_due(), limit=500)
    logger.info("booking_mails_queued count=%s", count)
    return count


@shared_task
def slots_generate() -> int:
    """Periodic: keep the rolling window of slots filled."""
    return services.slots_generate()
