"""The rules that must hold under load, with real threads against PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from reports.booking import services
from reports.booking.constants import BookingStatus
from reports.booking.models import Booking, Slot
from reports.forms.validators import luhn_check_digit
from tests.booking.conftest import person

pytestmark = pytest.mark.django_db(transaction=True)


def _pin(n: int) -> str:
    digits = f"1990010{n:04d}"[:11]
    return digits + luhn_check_digit(digits[2:])


def _race(count: int, attempt) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = attempt(index)
        except services.BookingError as error:
            results[index] = error.code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_fifty_clients_racing_for_the_last_five_places_get_exactly_five(make_slot):
    assert connection.vendor == "postgresql"
    slot = make_slot(capacity=20, booked=15)

    results = _race(
        50,
        lambda i: services.booking_reserve(
            who=person(_pin(i), f"Person {i}"),
            slot_id=slot.pk,
            people=1,
            contact=services.Contact(),
            language="sv",
        ),
    )

    booked = [r for r in results if isinstance(r, Booking)]
    assert len(booked) == 5
    assert sorted(set(r for r in results if not isinstance(r, Booking))) == ["slot_full"]
    slot.refresh_from_db()
    assert slot.booked == 20 == slot.capacity
    assert Booking.objects.filter(slot=slot, status=BookingStatus.ACTIVE).count() == 5


def test_one_person_racing_for_a_third_booking_gets_at_most_two(make_slot):
    slots = [make_slot(days=2 + i, capacity=5) for i in range(6)]
    who = person()

    results = _race(
        6,
        lambda i: services.booking_reserve(
            who=who, slot_id=slots[i].pk, people=1, contact=services.Contact(), language="sv"
        ),
    )

    assert sum(isinstance(r, Booking) for r in results) == 2
    assert [r for r in results if not isinstance(r, Booking)] == ["limit_reached"] * 4
    assert Booking.objects.filter(personal_identity_number=who.personal_identity_number).count() == 2
    assert sum(Slot.objects.filter(pk__in=[s.pk for s in slots]).values_list("booked", flat=True)) == 2


def test_a_cancelled_place_can_be_booked_again_at_once(make_slot):
    slot = make_slot(capacity=1)
    first = services.booking_reserve(who=person(), slot_id=slot.pk, people=1, contact=services.Contact(), language="sv")
    with pytest.raises(services.BookingError) as full:
        services.booking_reserve(
            who=person(_pin(7)), slot_id=slot.pk, people=1, contact=services.Contact(), language="sv"
        )
    assert full.value.code == "slot_full"

    services.booking_cancel(booking=first)
    slot.refresh_from_db()
    assert slot.booked == 0

    again = services.booking_reserve(
        who=person(_pin(7)), slot_id=slot.pk, people=1, contact=services.Contact(), language="en"
    )
    assert again.slot_id == slot.pk
    slot.refresh_from_db()
    assert slot.booked == 1
