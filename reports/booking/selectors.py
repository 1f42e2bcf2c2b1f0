"""Reads of passport bookings shared by views, admin and the day list."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from reports.booking.constants import BookingStatus
from reports.booking.models import Booking, Office, Slot, office_text_language
from reports.booking.services import active_bookings, booking_window, closures_of, local_day_bounds
from reports.municipalities import municipalities


def offices_search(query: str = "") -> QuerySet[Office]:
    """Active offices whose name (Swedish or English), address or municipality contains ``query``
    (case-insensitive), in the order of their names in the page's language."""
    offices = Office.objects.filter(is_active=True)
    query = query.strip()
    if query:
        folded = query.casefold()
        codes = [m.code for m in municipalities() if folded in m.name.casefold()]
        offices = offices.filter(
            Q(name_sv__icontains=query) | Q(name_en__icontains=query) | Q(municipality_code__in=codes)
            | Q(address_sv__icontains=query) | Q(address_en__icontains=query)
        )
    return offices.order_by(f"name_{office_text_language()}", "pk")


@dataclass(frozen=True)
class Week:
    number: int  # 0 = the week starting today
    first: date
    last: date
    days: list[tuple[date, list[Slot]]]
    has_previous: bool
    has_next: bool


def free_slots(*, office: Office, people: int) -> QuerySet[Slot]:
    """Slots of ``office`` with room for ``people`` inside the booking window, earliest first."""
    start, end = booking_window()
    slots = Slot.objects.filter(
        office=office, starts_at__gt=start, starts_at__lt=end, booked__lte=F("capacity") - people
    )
    for closure in closures_of(office.pk).filter(last_day__gte=timezone.localdate()):
        slots = slots.exclude(
            starts_at__gte=local_day_bounds(closure.first_day)[0],
            starts_at__lt=local_day_bounds(closure.last_day)[1],
        )
    return slots.order_by("starts_at")


def free_week(*, office: Office, people: int, number: int) -> Week:
    """One page of free times: the seven days starting ``number`` weeks from today."""
    weeks = settings.BOOKING_WINDOW_WEEKS
    number = max(0, min(number, weeks))
    first = timezone.localdate() + timedelta(days=7 * number)
    last = first + timedelta(days=6)
    slots = free_slots(office=office, people=people).filter(
        starts_at__gte=local_day_bounds(first)[0],
        starts_at__lt=local_day_bounds(last)[1],
    )
    days: OrderedDict[date, list[Slot]] = OrderedDict()
    for slot in slots:
        days.setdefault(timezone.localtime(slot.starts_at).date(), []).append(slot)
    return Week(
        number=number,
        first=first,
        last=last,
        days=list(days.items()),
        has_previous=number > 0,
        has_next=number < weeks,
    )


def earliest_free(*, office: Office, people: int) -> Slot | None:
    return free_slots(office=office, people=people).first()


def week_number_of(moment: datetime) -> int:
    return (timezone.localtime(moment).date() - timezone.localdate()).days // 7


def bookings_of_person(personal_identity_number: str) -> QuerySet[Booking]:
    return active_bookings(personal_identity_number).select_related("slot__office").order_by("slot__starts_at")


def day_list(*, office: Office, day: date) -> QuerySet[Booking]:
    """The bookings of one office on one day, for the printable list at the desk."""
    day_start, day_end = local_day_bounds(day)
    return (
        Booking.objects.filter(slot__office=office, slot__starts_at__gte=day_start, slot__starts_at__lt=day_end)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("slot")
        .order_by("slot__starts_at", "reference")
    )
