"""Celery tasks of passport bookings. They take ids, re-read rows and are idempotent."""

import logging

from celery import shared_task

from reports.booking import mail, services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def booking_confirmation_send(booking_id: int, moved: bool = False) -> None:
    mail.booking_confirmation_send(booking_id=booking_id, moved=moved)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def booking_cancellation_send(booking_id: int) -> None:
    mail.booking_cancellation_send(booking_id=booking_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def booking_reminder_send(booking_id: int) -> None:
    mail.booking_reminder_send(booking_id=booking_id)


@shared_task
def reminders_send() -> int:
    """Periodic: queue the reminder of every booking whose time is tomorrow."""
    count = 0
    for booking_id in mail.reminders_due().values_list("pk", flat=True)[:2000]:
        booking_reminder_send.delay(booking_id)
        count += 1
    logger.info("booking_reminders_queued count=%s", count)
    return count


@shared_task
def booking_mails_sweep() -> int:
    """Periodic: queue the confirmations and cancellations that were never sent (the broker was
    down when the booking was made, moved or cancelled)."""
    count = 0
    for booking_id in mail.confirmations_due().values_list("pk", flat=True)[:500]:
        booking_confirmation_send.delay(booking_id)
        count += 1
    for booking_id in mail.cancellations_due().values_list("pk", flat=True)[:500]:
        booking_cancellation_send.delay(booking_id)
        count += 1
    logger.info("booking_mails_queued count=%s", count)
    return count


@shared_task
def slots_generate() -> int:
    """Periodic: keep the rolling window of slots filled."""
    return services.slots_generate()
