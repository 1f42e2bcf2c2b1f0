"""E-mails of passport bookings: confirmation (also after a move), cancellation, reminder.

Each records when it was sent, so a task that runs twice sends once; a periodic sweep sends a
confirmation or cancellation the broker never took (tasks.booking_mails_sweep).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db.models.functions import Coalesce
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


def _send_once(booking_id: int, *, sent_field: str, status: str, template: str, extra=None) -> Booking | None:
    """Send one of a booking's e-mails at most once: the row is claimed (``sent_field`` set by a
    conditional UPDATE) before sending, so two workers, a task the broker delivered twice or the
    sweep beside the first task never both send; if sending fails the claim is released for a
    retry. The booking is read after the claim, so the e-mail shows its time as it is now.
    Returns the booking if this call sent the e-mail."""
    claimed = (
        Booking.objects.filter(pk=booking_id, status=status, purged_at__isnull=True, **{f"{sent_field}__isnull": True})
        .exclude(email="")
        .update(**{sent_field: timezone.now()})
    )
    if not claimed:
        return None
    booking = Booking.objects.select_related("slot__office").get(pk=booking_id)
    try:
        _send(booking, template=template, extra=extra(booking) if extra else None)
    except Exception:
        Booking.objects.filter(pk=booking_id).update(**{sent_field: None})
        raise
    return booking


def booking_confirmation_send(*, booking_id: int, moved: bool = False) -> bool:
    """The confirmation with time, place, what to bring, the calendar file and the manage link:
    once per booking, and once again after each move (a move clears ``confirmation_sent_at``)."""
    booking = _send_once(
        booking_id, sent_field="confirmation_sent_at", status=BookingStatus.ACTIVE, template="confirmation",
        extra=lambda booking: {"moved": moved or booking.moved_at is not None},
    )
    if booking is None:
        return False
    logger.info("booking_confirmation_sent booking_id=%s moved=%s", booking_id, booking.moved_at is not None)
    return True


def booking_cancellation_send(*, booking_id: int) -> bool:
    if _send_once(booking_id, sent_field="cancellation_sent_at", status=BookingStatus.CANCELLED,
                  template="cancellation") is None:
        return False
    logger.info("booking_cancellation_sent booking_id=%s", booking_id)
    return True


# The sweep picks up what the broker never took: changes older than SWEEP_AFTER (the first task
# has had its chance) and not older than SWEEP_WITHIN (a mail days late would only confuse).
SWEEP_AFTER = timedelta(minutes=5)
SWEEP_WITHIN = timedelta(days=2)


def confirmations_due():
    """Active upcoming bookings whose confirmation (of the booking or of its last move) was never
    sent, booked or moved between SWEEP_WITHIN and SWEEP_AFTER ago."""
    now = timezone.now()
    return (
        Booking.objects.filter(
            status=BookingStatus.ACTIVE, confirmation_sent_at__isnull=True, purged_at__isnull=True,
            slot__starts_at__gt=now,
        )
        .exclude(email="")
        .annotate(changed_at=Coalesce("moved_at", "created_at"))
        .filter(changed_at__lt=now - SWEEP_AFTER, changed_at__gte=now - SWEEP_WITHIN)
    )


def cancellations_due():
    """Cancelled bookings whose cancellation e-mail was never sent, cancelled between
    SWEEP_WITHIN and SWEEP_AFTER ago."""
    now = timezone.now()
    return Booking.objects.filter(
        status=BookingStatus.CANCELLED, cancellation_sent_at__isnull=True, purged_at__isnull=True,
        cancelled_at__lt=now - SWEEP_AFTER, cancelled_at__gte=now - SWEEP_WITHIN,
    ).exclude(email="")


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
    """Send the reminder for one booking at most once (a move clears ``reminder_sent_at``)."""
    if _send_once(booking_id, sent_field="reminder_sent_at", status=BookingStatus.ACTIVE, template="reminder") is None:
        return False
    logger.info("booking_reminder_sent booking_id=%s", booking_id)
    return True
