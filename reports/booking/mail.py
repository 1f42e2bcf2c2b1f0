"""E-mails of passport bookings: confirmation (also after a move), cancellation, reminder.

Each records when it was sent, so a task that runs twice sends once; a periodic sweep sends a
confirmation or cancellation the broker never took (tasks.booking_mails_sweep).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reports.booking.calendar import booking_ical, manage_url
from reports.booking.constants import BookingStatus
from reports.booking.models import Booking
from reports.booking.services import local_day_bounds
from reports.queueing import send_once, sweep_window

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


def _mailable(status: str) -> Q:
    """The bookings of ``status`` that an e-mail can still go to: not purged, with an address."""
    return Q(status=status, purged_at__isnull=True) & ~Q(email="")


def _send_once(booking_id: int, *, sent_field: str, status: str, template: str, extra=None) -> Booking | None:
    """Send one of a booking's e-mails at most once (``queueing.send_once``), reading the booking
    after the claim, so the e-mail shows its time as it is now. Returns the booking if this call
    sent the e-mail."""

    def send() -> Booking:
        booking = Booking.objects.select_related("slot__office").get(pk=booking_id)
        _send(booking, template=template, extra=extra(booking) if extra else None)
        return booking

    return send_once(Booking, booking_id, sent_field=sent_field, when=_mailable(status), send=send)


def booking_confirmation_send(*, booking_id: int) -> bool:
    """The confirmation with time, place, what to bring, the calendar file and the manage link:
    once per booking, and once again after each move (a move clears ``confirmation_sent_at``;
    the e-mail says "moved" for a booking with ``moved_at``)."""
    booking = _send_once(
        booking_id, sent_field="confirmation_sent_at", status=BookingStatus.ACTIVE, template="confirmation",
        extra=lambda booking: {"moved": booking.moved_at is not None},
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


def confirmations_due():
    """Active upcoming bookings whose confirmation (of the booking or of its last move) was never
    sent, booked or moved within the sweeps' window (``queueing.sweep_window``)."""
    now = timezone.now()
    return (
        Booking.objects.filter(
            _mailable(BookingStatus.ACTIVE), confirmation_sent_at__isnull=True, slot__starts_at__gt=now,
        )
        .annotate(changed_at=Coalesce("moved_at", "created_at"))
        .filter(**sweep_window("changed_at", now=now))
    )


def cancellations_due():
    """Cancelled bookings whose cancellation e-mail was never sent, cancelled within the sweeps'
    window (``queueing.sweep_window``)."""
    return Booking.objects.filter(
        _mailable(BookingStatus.CANCELLED), cancellation_sent_at__isnull=True, **sweep_window("cancelled_at"),
    )


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
