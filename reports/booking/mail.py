"""E-mails of passport bookings: confirmation (also after a move), cancellation, reminder.

Each records when it was sent, so a task that runs twice sends once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reports.booking.calendar import booking_ical, manage_url
from reports.booking.constants import BookingStatus
from reports.booking.models import Booking
from reports.booking.services import local_day_bounds

logger = logging.getLogger(__name__)


def _send(booking: Booking, *, template: str, extra: dict | None = None, calendar: bool = True) -> None:
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "slot": booking.slot,
            "office": booking.slot.office,
            "manage_url": manage_url(booking),
            **(extra or {}),
        }
        subject = render_to_string(f"booking/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"booking/email/{template}.txt", context)
        message = EmailMultiAlternatives(subject, body, None, [booking.email])
        if calendar:
            message.attach(f"{booking.reference}.ics", booking_ical(booking), "text/calendar")
    message.send()


def booking_confirmation_send(*, booking: Booking, moved: bool = False) -> bool:
    """The confirmation with time, place, what to bring, the calendar file and the manage link."""
    if not booking.email or booking.status != BookingStatus.ACTIVE:
        return False
    _send(booking, template="confirmation", extra={"moved": moved})
    Booking.objects.filter(pk=booking.pk).update(confirmation_sent_at=timezone.now())
    logger.info("booking_confirmation_sent booking_id=%s moved=%s", booking.pk, moved)
    return True


def booking_cancellation_send(*, booking: Booking) -> bool:
    if not booking.email or booking.status != BookingStatus.CANCELLED:
        return False
    _send(booking, template="cancellation")
    logger.info("booking_cancellation_sent booking_id=%s", booking.pk)
    return True


def reminders_due():
    """Active bookings whose time is tomorrow (Stockholm date) and that have had no reminder."""
    day_start, day_end = local_day_bounds(timezone.localdate() + timedelta(days=1))
    return Booking.objects.filter(
        status=BookingStatus.ACTIVE,
        reminder_sent_at__isnull=True,
        slot__starts_at__gte=day_start,
        slot__starts_at__lt=day_end,
    ).exclude(email="")


def booking_reminder_send(*, booking_id: int) -> bool:
    """Send the reminder for one booking at most once.

    The row is claimed with a conditional UPDATE before sending, so two workers (or a task
    retried after a crash) never both send; if sending fails the claim is released for a retry.
    """
    claimed = Booking.objects.filter(pk=booking_id, reminder_sent_at__isnull=True, status=BookingStatus.ACTIVE).update(
        reminder_sent_at=timezone.now()
    )
    if not claimed:
        return False
    booking = Booking.objects.select_related("slot__office").get(pk=booking_id)
    try:
        _send(booking, template="reminder")
    except Exception:
        Booking.objects.filter(pk=booking_id).update(reminder_sent_at=None)
        raise
    logger.info("booking_reminder_sent booking_id=%s", booking_id)
    return True
