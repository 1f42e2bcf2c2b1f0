"""Celery tasks of passport bookings. They take ids, re-read rows and are idempotent."""

import logging

from celery import shared_task

from reports.booking import mail, services
from reports.booking.models import Booking

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def booking_confirmation_send(booking_id: int, moved: bool = False) -> None:
    booking = Booking.objects.select_related("slot__office").filter(pk=booking_id).first()
    if booking is None:
        return
    mail.booking_confirmation_send(booking=booking, moved=moved)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def booking_cancellation_send(booking_id: int) -> None:
    booking = Booking.objects.select_related("slot__office").filter(pk=booking_id).first()
    if booking is None:
        return
    mail.booking_cancellation_send(booking=booking)


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
def slots_generate() -> int:
    """Periodic: keep the rolling window of slots filled."""
    return services.slots_generate()
