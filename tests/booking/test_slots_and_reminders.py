"""Slot generation across daylight-saving changes, and the reminder sent once."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from reports.booking import services, tasks
from reports.booking.models import Closure, Office, Slot, WeeklyTemplate
from tests.booking.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def sunday_office():
    office = Office.objects.create(
        name_sv="Söndagskontoret", name_en="Sunday office", address_sv="Torget 1", address_en="Torget 1",
        municipality_code="1480",
    )
    WeeklyTemplate.objects.create(office=office, weekday=6, start=time(1, 0), end=time(4, 0), slot_minutes=60, desks=1)
    WeeklyTemplate.objects.create(office=office, weekday=6, start=time(9, 0), end=time(10, 0), slot_minutes=30, desks=3)
    WeeklyTemplate.objects.create(office=office, weekday=0, start=time(9, 0), end=time(9, 30), slot_minutes=30, desks=3)
    return office


def _local(slots):
    return [
        (
            timezone.localtime(s.starts_at).strftime("%Y-%m-%d %H:%M"),
            s.starts_at.astimezone(UTC).strftime("%H:%M"),
        )
        for s in slots
    ]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Last Sunday of March 2027: 02:00 does not exist, the clocks jump to 03:00.
        (
            date(2027, 3, 22),
            [
                ("2027-03-22 09:00", "08:00"),
                ("2027-03-28 01:00", "00:00"),
                ("2027-03-28 03:00", "01:00"),
                ("2027-03-28 09:00", "07:00"),
                ("2027-03-28 09:30", "07:30"),
            ],
        ),
        # Last Sunday of October 2026: 02:00–03:00 happens twice; the first run is used.
        (
            date(2026, 10, 19),
            [
                ("2026-10-19 09:00", "07:00"),
                ("2026-10-25 01:00", "23:00"),
                ("2026-10-25 02:00", "00:00"),
                ("2026-10-25 03:00", "02:00"),
                ("2026-10-25 09:00", "08:00"),
                ("2026-10-25 09:30", "08:30"),
            ],
        ),
    ],
)
def test_slot_generation_around_daylight_saving_change(sunday_office, start, expected):
    created = services.slots_generate(start_date=start, weeks=1)
    slots = Slot.objects.filter(office=sunday_office).order_by("starts_at")
    assert _local(slots) == expected
    assert created == len(expected)
    # Running again creates nothing new.
    assert services.slots_generate(start_date=start, weeks=1) == 0
    durations = {(s.ends_at - s.starts_at) for s in slots if timezone.localtime(s.starts_at).hour == 9}
    assert durations == {timedelta(minutes=30)}


def test_generate_slots_command_skips_closed_days_and_uses_desks(sunday_office):
    Closure.objects.create(office=sunday_office, first_day=date(2027, 3, 28), last_day=date(2027, 3, 28), reason="Påsk")
    call_command("generate_slots", "--start", "2027-03-22", "--weeks", "1")
    slots = Slot.objects.filter(office=sunday_office)
    assert [timezone.localtime(s.starts_at).date() for s in slots] == [date(2027, 3, 22)]
    assert slots.get().capacity == 3


def test_reminder_is_sent_once(celery_eager):
    office = Office.objects.create(
        name_sv="Kontoret", name_en="The office", address_sv="Gatan 2", address_en="Gatan 2", municipality_code="0180"
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    starts = datetime.combine(tomorrow, time(10), tzinfo=timezone.get_current_timezone())
    slot = Slot.objects.create(office=office, starts_at=starts, ends_at=starts + timedelta(minutes=15), capacity=2)
    later = Slot.objects.create(
        office=office,
        starts_at=starts + timedelta(days=2),
        ends_at=starts + timedelta(days=2, minutes=15),
        capacity=2,
    )
    booking = services.booking_reserve(
        who=person(), slot_id=slot.pk, people=1, contact=services.Contact(email="a@example.se"), language="sv"
    )
    services.booking_reserve(
        who=person(),
        slot_id=later.pk,
        people=1,
        contact=services.Contact(email="a@example.se"),
        language="sv",
    )
    mail.outbox.clear()

    assert tasks.reminders_send() == 1
    assert tasks.reminders_send() == 0
    tasks.booking_reminder_send(booking.pk)  # a duplicate message from the broker

    assert len(mail.outbox) == 1
    assert booking.reference in mail.outbox[0].subject
    booking.refresh_from_db()
    assert booking.reminder_sent_at is not None
