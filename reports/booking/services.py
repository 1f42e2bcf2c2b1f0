"""Writes of passport appointments: slot generation, reserve, cancel, move, e-mails.

The rules that must hold under load are enforced by the database, not by reading first:

* capacity: ``booked`` grows only through ``UPDATE … WHERE booked + n <= capacity`` (PostgreSQL
  re-checks the condition after waiting for a concurrent writer's row lock), backed by a CHECK
  constraint;
* at most ``BOOKING_MAX_ACTIVE_PER_PERSON`` active bookings: a transaction-scoped advisory lock
  keyed by a hash of the personal identity number serialises one person's bookings, and the
  count is read while holding it.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from reports.booking.constants import BookingStatus
from reports.booking.models import Booking, Closure, Office, Slot, WeeklyTemplate
from reports.constants import Destination
from reports.delivery.constants import SourceKind
from reports.eid import Identity
from reports.queueing import task_publish
from reports.services import REFERENCE_ALPHABET, reference_generate
from reports.triage.services import audit_terms_naming_purge

logger = logging.getLogger(__name__)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
REFERENCE_PREFIX = "PASS"


class BookingError(Exception):
    """A rule said no. ``code`` is stable (tests, logs); ``message`` is shown to the person."""

    def __init__(self, code: str, message) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


MESSAGES = {
    "past": _("That time has already passed. Choose a later time."),
    "beyond_window": _("That time cannot be booked yet. Choose a time within the coming weeks."),
    "too_many_people": _("Too many people for one booking. Book the others separately."),
    "too_few_people": _("At least one person must come."),
    "slot_full": _("Someone else just booked that time. Choose another time from the updated list."),
    "closed": _("The office is closed that day. Choose another time."),
    "limit_reached": _("You already have {limit} booked passport times. Cancel or move one of them first."),
    "not_active": _("This booking is no longer active."),
    "busy": _("Many people are booking right now and your booking could not be moved. Please try again."),
}


def _error(code: str) -> BookingError:
    message = MESSAGES[code]
    if code == "limit_reached":  # the limit is a setting: the message says the number in force
        message = format_lazy(message, limit=settings.BOOKING_MAX_ACTIVE_PER_PERSON)
    return BookingError(code, message)


# ---------------------------------------------------------------------------------------------
# Slots
# ---------------------------------------------------------------------------------------------


def local_datetime(day: date, at: time) -> datetime | None:
    """The aware Stockholm time for a wall-clock time, or None when that time does not exist
    (the hour skipped when clocks go forward). An hour that happens twice takes its first run."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=STOCKHOLM)
    if aware.astimezone(ZoneInfo("UTC")).astimezone(STOCKHOLM).replace(tzinfo=None) != naive:
        return None
    return aware


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The instants a Stockholm calendar day starts and ends (23 or 25 hours apart on the
    days the clocks change)."""
    return local_datetime(day, time(0)), local_datetime(day + timedelta(days=1), time(0))


def closures_of(office_id: int) -> QuerySet[Closure]:
    """The closures that apply to an office: its own and those of every office."""
    return Closure.objects.filter(Q(office__isnull=True) | Q(office_id=office_id))


def _closed_days(office: Office, first: date, last: date) -> set[date]:
    days: set[date] = set()
    for closure in closures_of(office.pk).filter(first_day__lte=last, last_day__gte=first):
        day = max(closure.first_day, first)
        while day <= min(closure.last_day, last):
            days.add(day)
            day += timedelta(days=1)
    return days


def slots_generate(*, start_date: date | None = None, weeks: int | None = None) -> int:
    """Create the slots of every active office from its weekly templates, for ``weeks`` weeks
    from ``start_date`` (default: today in Stockholm, ``BOOKING_WINDOW_WEEKS``). Returns how many
    were created.

    Idempotent: existing slots are kept (unique office + start). Times are built from local
    wall-clock times, so 09:00 stays 09:00 on both sides of a daylight-saving change. Free
    slots on days that have since been closed are removed; booked ones stay for staff to handle.
    """
    start_date = start_date or timezone.localdate()
    weeks = settings.BOOKING_WINDOW_WEEKS if weeks is None else weeks
    last = start_date + timedelta(days=7 * weeks - 1)
    created = 0
    for office in Office.objects.filter(is_active=True).prefetch_related("templates"):
        closed = _closed_days(office, start_date, last)
        new_slots = []
        day = start_date
        while day <= last:
            if day not in closed:
                for template in office.templates.all():
                    if template.weekday == day.weekday():
                        new_slots.extend(_template_slots(office, template, day))
            day += timedelta(days=1)
        with transaction.atomic():
            before = Slot.objects.filter(office=office).count()
            Slot.objects.bulk_create(new_slots, ignore_conflicts=True)
            created += Slot.objects.filter(office=office).count() - before
            for closed_day in closed:
                day_start, day_end = local_day_bounds(closed_day)
                Slot.objects.filter(office=office, booked=0, starts_at__gte=day_start, starts_at__lt=day_end).delete()
    logger.info("slots_generated created=%s start=%s weeks=%s", created, start_date, weeks)
    return created


def _template_slots(office: Office, template: WeeklyTemplate, day: date) -> list[Slot]:
    slots = []
    length = timedelta(minutes=template.slot_minutes)
    cursor = datetime.combine(day, template.start)
    end = datetime.combine(day, template.end)
    while cursor + length <= end:
        starts_at = local_datetime(day, cursor.time())
        # An end that falls in the skipped hour is still a real instant (zoneinfo's fold=0).
        ends_at = (cursor + length).replace(tzinfo=STOCKHOLM)
        if starts_at is not None:
            slots.append(Slot(office=office, starts_at=starts_at, ends_at=ends_at, capacity=template.desks))
        cursor += length
    return slots


def booking_window() -> tuple[datetime, datetime]:
    """The times that can be booked now: from now until the end of the rolling window."""
    now = timezone.now()
    last_day = timezone.localdate() + timedelta(days=7 * settings.BOOKING_WINDOW_WEEKS)
    return now, local_datetime(last_day, time(0)) or now


# ---------------------------------------------------------------------------------------------
# Bookings
# ---------------------------------------------------------------------------------------------


def _person_lock(personal_identity_number: str) -> None:
    """Serialise one person's bookings until the transaction ends (PostgreSQL advisory lock).

    SQLite, the embedded default, allows one writer at a time anyway."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.sha256(f"passport-booking:{personal_identity_number}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def active_bookings(personal_identity_number: str):
    """Bookings that count against the limit: active and not yet passed."""
    return Booking.objects.filter(
        personal_identity_number=personal_identity_number,
        status=BookingStatus.ACTIVE,
        slot__ends_at__gt=timezone.now(),
    )


def _check_slot(slot: Slot, *, people: int) -> None:
    start, end = booking_window()
    if slot.starts_at <= start:
        raise _error("past")
    if slot.starts_at >= end:
        raise _error("beyond_window")
    if people < 1:
        raise _error("too_few_people")
    if people > min(settings.BOOKING_MAX_PEOPLE, slot.capacity):
        raise _error("too_many_people")
    local_day = timezone.localtime(slot.starts_at).date()
    if closures_of(slot.office_id).filter(first_day__lte=local_day, last_day__gte=local_day).exists():
        raise _error("closed")


def _take_places(slot_id: int, people: int) -> None:
    taken = Slot.objects.filter(pk=slot_id, booked__lte=F("capacity") - people).update(booked=F("booked") + people)
    if taken != 1:
        raise _error("slot_full")


def _free_places(slot_id: int, people: int) -> None:
    Slot.objects.filter(pk=slot_id).update(booked=F("booked") - people)


def _manage_code() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


@dataclass(frozen=True)
class Contact:
    email: str = ""
    phone: str = ""


def booking_reserve(*, who: Identity, slot_id: int, people: int, contact: Contact, language: str) -> Booking:
    """Book ``people`` places in a slot for an identified person, or raise ``BookingError``.

    One transaction: the person's lock, the limit, the places and the delivery to the passport
    case system commit together; the confirmation e-mail is queued after the commit. The same
    person booking the same slot again (a double click) gets the existing booking back.
    """
    slot = Slot.objects.select_related("office").filter(pk=slot_id).first()
    if slot is None:
        raise _error("slot_full")
    _check_slot(slot, people=people)
    pin = who.personal_identity_number
    with transaction.atomic():
        _person_lock(pin)
        # A double click or a re-sent form finds the booking it already made.
        repeated = active_bookings(pin).filter(slot_id=slot.pk).first()
        if repeated is not None:
            logger.info("booking_reserve_repeated booking_id=%s", repeated.pk)
            return repeated
        if active_bookings(pin).count() >= settings.BOOKING_MAX_ACTIVE_PER_PERSON:
            raise _error("limit_reached")
        _take_places(slot.pk, people)
        booking = Booking.objects.create(
            reference=_unique_reference(),
            slot=slot,
            people=people,
            personal_identity_number=pin,
            name=who.name,
            email=contact.email,
            phone=contact.phone,
            language=language,
            manage_token=secrets.token_urlsafe(32),
            manage_code=_manage_code(),
        )
        _deliver(booking, source_kind=SourceKind.BOOKING, change="created")
        transaction.on_commit(lambda: _enqueue("booking_confirmation_send", booking.pk))
    logger.info("booking_reserved booking_id=%s slot_id=%s people=%s", booking.pk, slot.pk, people)
    return booking


def booking_cancel(*, booking: Booking) -> Booking:
    """Cancel an active booking and free its places at once. Cancelling twice changes nothing."""
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.status != BookingStatus.ACTIVE:
            raise _error("not_active")
        _free_places(locked.slot_id, locked.people)
        locked.status = BookingStatus.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancelled_at"])
        _deliver(locked, source_kind=SourceKind.BOOKING_CANCELLATION, change="cancelled")
        transaction.on_commit(lambda: _enqueue("booking_cancellation_send", locked.pk))
    logger.info("booking_cancelled booking_id=%s slot_id=%s", locked.pk, locked.slot_id)
    return locked


MOVE_ATTEMPTS = 3
# PostgreSQL's deadlock_detected and serialization_failure: the transaction lost a race and may
# simply be run again.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})


def _is_retryable(error: OperationalError) -> bool:
    cause = error.__cause__
    return (getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)) in RETRYABLE_SQLSTATES


def booking_move(*, booking: Booking, slot_id: int) -> Booking:
    """Move an active booking to another slot: the new places are taken and the old ones freed
    in one transaction, so the person never ends up with no time, nor with two.

    Both slot rows are locked in the order of their ids, so two opposite moves (A to B and
    B to A) wait for each other instead of deadlocking. Should the database still abort the
    transaction as a deadlock or serialization failure, it is run again up to
    ``MOVE_ATTEMPTS`` times; after that the person is told to try again ("busy"), never a 500.
    """
    for attempt in range(1, MOVE_ATTEMPTS + 1):
        try:
            return _booking_move_once(booking=booking, slot_id=slot_id)
        except OperationalError as error:
            if not _is_retryable(error) or connection.in_atomic_block:
                raise  # not a lost race, or the caller's transaction is broken: not ours to retry
            logger.warning("booking_move_retry booking_id=%s attempt=%s", booking.pk, attempt)
    raise _error("busy")


def _booking_move_once(*, booking: Booking, slot_id: int) -> Booking:
    with transaction.atomic():
        locked = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
        if locked.status != BookingStatus.ACTIVE:
            raise _error("not_active")
        if locked.slot.starts_at <= timezone.now():
            raise _error("past")
        if slot_id == locked.slot_id:
            return locked
        # Lock the source and the target slot rows in a fixed order (by id) before changing them.
        slots = {
            slot.pk: slot
            for slot in Slot.objects.select_for_update(of=("self",))
            .select_related("office")
            .filter(pk__in=[slot_id, locked.slot_id])
            .order_by("pk")
        }
        target = slots.get(slot_id)
        if target is None:
            raise _error("slot_full")
        _check_slot(target, people=locked.people)
        _take_places(target.pk, locked.people)
        _free_places(locked.slot_id, locked.people)
        locked.slot = target
        locked.moved_at = timezone.now()
        locked.reminder_sent_at = locked.confirmation_sent_at = None  # both are due again for the new time
        locked.save(update_fields=["slot", "moved_at", "reminder_sent_at", "confirmation_sent_at"])
        _deliver(locked, source_kind=SourceKind.BOOKING, change="moved")
        transaction.on_commit(lambda: _enqueue("booking_confirmation_send", locked.pk))
    logger.info("booking_moved booking_id=%s slot_id=%s", locked.pk, target.pk)
    return locked


def booking_status_set(*, booking_ids: list[int], status: str) -> int:
    """Staff mark bookings as attended or no-show. Only active or already marked bookings change."""
    if status not in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW):
        raise ValueError(status)
    changed = Booking.objects.filter(pk__in=booking_ids).exclude(status=BookingStatus.CANCELLED).update(status=status)
    logger.info("booking_marked status=%s count=%s", status, changed)
    return changed


def _unique_reference() -> str:
    for _attempt in range(5):
        reference = reference_generate(prefix=REFERENCE_PREFIX)
        if not Booking.objects.filter(reference=reference).exists():
            return reference
    raise IntegrityError("no free booking reference")


def booking_payload(booking: Booking, *, change: str) -> dict:
    """What the passport case system receives (docs/booking.md, contract passport.v1)."""
    slot = booking.slot
    office = slot.office
    return {
        "schema": "passport.v1",
        "kind": "booking_cancellation" if change == "cancelled" else "booking",
        "change": change,
        "reference": booking.reference,
        "status": booking.status,
        # The office's Swedish name whatever the page's language: the case system's staff work in
        # Swedish, and a cancellation by staff or a task must carry the name the booking carried.
        "office": {"id": office.pk, "name": office.text("name", "sv"), "municipality_code": office.municipality_code},
        "starts_at": slot.starts_at.isoformat(),
        "ends_at": slot.ends_at.isoformat(),
        "people": booking.people,
        "person": {"personal_identity_number": booking.personal_identity_number, "name": booking.name},
        "contact": {"email": booking.email, "phone": booking.phone},
        "language": booking.language,
        "booked_at": booking.created_at.isoformat() if booking.created_at else timezone.now().isoformat(),
        "cancelled_at": booking.cancelled_at.isoformat() if booking.cancelled_at else None,
    }


def _deliver(booking: Booking, *, source_kind: str, change: str) -> None:
    """Write the outbox row for the passport case system inside the caller's transaction."""
    from reports.delivery.services import delivery_create

    delivery_create(
        destination=Destination.PASSPORT,
        source_kind=source_kind,
        source_id=booking.pk,
        reference=booking.reference,
        payload=booking_payload(booking, change=change),
    )


def _enqueue(task_name: str, booking_id: int, **kwargs) -> None:
    from reports.booking import tasks

    # The broker may be down: the confirmation is still on screen.
    task_publish(getattr(tasks, task_name), booking_id, failure_event="booking_mail_enqueue_failed", **kwargs)


def lookup_rate_limited(*, ip: str, reference: str) -> bool:
    """Count one booking lookup (reference + code) for this client and reference; True over the limit.

    Raises ``reports.ratelimit.CounterUnavailable`` when the counters cannot be reached.
    """
    from reports import ratelimit

    limited = ratelimit.tries_count(
        keys=ratelimit.counter_keys(scope="booking-lookup", ip=ip, subject=reference.strip().upper()[:40]),
        limit=settings.BOOKING_LOOKUP_MAX_TRIES, window_seconds=settings.BOOKING_LOOKUP_WINDOW_SECONDS,
    )
    if limited:
        logger.warning("booking_lookup_rate_limited")
    return limited


def bookings_due_for_purge(*, now: datetime | None = None, after_days: int | None = None) -> QuerySet[Booking]:
    """Bookings whose time ended, or that were cancelled, more than the retention period
    (``PORTAL_PURGE_AFTER_DAYS``) ago and still hold personal data."""
    days = settings.PORTAL_PURGE_AFTER_DAYS if after_days is None else after_days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return Booking.objects.filter(purged_at__isnull=True).filter(
        Q(slot__ends_at__lt=cutoff) | Q(status=BookingStatus.CANCELLED, cancelled_at__lt=cutoff)
    )


def booking_purge(*, booking: Booking) -> bool:
    """Blank a booking's personal data and its outbox payloads (and files) for good.

    The reference, office, time, number of people and status stay (they are counts, not
    people); the manage link and code stop working. The audit's search and filter terms naming
    the booking (the person's identity number, phone, e-mail or name, the booking's reference or
    code) are blanked in the same transaction. Returns whether anything was purged now.
    """
    from reports.delivery.services import booking_payloads_purge

    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.purged_at is not None:
            return False
        audit_terms_naming_purge(
            personal_identity_number=locked.personal_identity_number, phone=locked.phone,
            texts=(locked.name, locked.email),
            codes=(locked.reference.removeprefix(f"{REFERENCE_PREFIX}-"), locked.manage_code),
        )
        locked.name = ""
        locked.personal_identity_number = ""
        locked.email = ""
        locked.phone = ""
        locked.manage_token = secrets.token_urlsafe(32)  # the old link leads nowhere
        locked.manage_code = ""
        locked.purged_at = timezone.now()
        locked.save(update_fields=[
            "name", "personal_identity_number", "email", "phone", "manage_token", "manage_code", "purged_at",
        ])
        booking_payloads_purge(booking=locked)
    booking.purged_at = locked.purged_at
    logger.info("booking_purged booking_id=%s", booking.pk)
    return True


def bookings_purge(*, now: datetime | None = None, after_days: int | None = None, limit: int = 1000) -> int:
    """Purge every booking due (at most ``limit`` per run); return how many were purged."""
    ids = list(bookings_due_for_purge(now=now, after_days=after_days).values_list("pk", flat=True)[:limit])
    count = sum(booking_purge(booking=booking) for booking in Booking.objects.filter(pk__in=ids))
    logger.info("bookings_purged count=%s", count)
    return count
