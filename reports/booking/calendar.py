"""The iCalendar file of a booking (RFC 5545), attached to e-mails and downloadable."""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from reports.booking.constants import BookingStatus
from reports.booking.models import Booking


def booking_ical(booking: Booking) -> bytes:
    """One VEVENT whose UID stays the same when the booking is moved (SEQUENCE counts the moves),
    so calendar programs update the event instead of adding a second one."""
    slot = booking.slot
    office = slot.office
    calendar = Calendar()
    calendar.add("prodid", "-//Polisen e-tjänster//Passport booking//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{booking.reference}@{settings.PORTAL_BASE_URL.split('//')[-1].split('/')[0]}")
    event.add("dtstamp", timezone.now())
    # UTC times: every calendar program shows them in its own zone, no VTIMEZONE needed.
    event.add("dtstart", slot.starts_at.astimezone(UTC))
    event.add("dtend", slot.ends_at.astimezone(UTC))
    event.add("sequence", 1 if booking.moved_at else 0)
    event.add("summary", _("Passport appointment, %(office)s") % {"office": office.name})
    event.add("location", f"{office.name}, {office.address}")
    event.add(
        "description",
        _(
            "Booking %(reference)s for %(people)s person(s). Bring a valid ID document; every child "
            "must come in person. Cancel or move: %(url)s"
        )
        % {"reference": booking.reference, "people": booking.people, "url": manage_url(booking)},
    )
    event.add("status", "CANCELLED" if booking.status == BookingStatus.CANCELLED else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


def manage_url(booking: Booking) -> str:
    from django.urls import reverse

    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("booking:detail", args=[booking.manage_token])
