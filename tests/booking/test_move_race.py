"""Opposite booking moves racing with real threads on PostgreSQL (issue 13).

Before the fix ``booking_move`` locked the target slot before the source, so A→B and B→A
locked in opposite orders and PostgreSQL aborted one of them as a deadlock: the citizen saw a
500. Now both slot rows are locked by id and a lost race is retried.
"""

import logging
import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from reports.booking import services
from reports.booking.constants import BookingStatus
from reports.booking.models import Booking, Slot
from reports.forms.validators import luhn_check_digit
from tests.booking.conftest import person

pytestmark = pytest.mark.django_db(transaction=True)


def _pin(n: int) -> str:
    digits = f"1985020{n:04d}"[:11]
    return digits + luhn_check_digit(digits[2:])


def _book(slot, n: int) -> Booking:
    return services.booking_reserve(
        who=person(_pin(n), f"Person {n}"), slot_id=slot.pk, people=1, contact=services.Contact(), language="sv"
    )


def test_opposite_moves_by_citizens_never_deadlock_nor_overbook(make_slot):
    assert connection.vendor == "postgresql"
    first, second = make_slot(days=2, capacity=6), make_slot(days=3, capacity=6)
    # Five on each slot: every move has room, but only one at a time (6 places, 5 taken).
    bookings = [_book(first, n) for n in range(5)] + [_book(second, n) for n in range(5, 10)]
    rounds = 6
    barrier = threading.Barrier(len(bookings))
    statuses: list[list[int]] = [[] for _ in bookings]
    errors: list[BaseException] = []

    def citizen(index: int) -> None:
        booking = bookings[index]
        client = Client(raise_request_exception=True)
        url = reverse("booking:move_confirm", args=[booking.manage_token])
        try:
            barrier.wait()
            for _ in range(rounds):
                current = Booking.objects.get(pk=booking.pk).slot_id
                target = second.pk if current == first.pk else first.pk
                statuses[index].append(client.post(url, {"slot": target}).status_code)
        except BaseException as error:  # a 500 raises here: it reached the citizen
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=citizen, args=(i,)) for i in range(len(bookings))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert errors == []
    assert all(len(codes) == rounds for codes in statuses)
    assert {code for codes in statuses for code in codes} == {302}  # moved, or "full/busy, choose again"
    for slot in (first, second):
        slot.refresh_from_db()
        active = Booking.objects.filter(slot=slot, status=BookingStatus.ACTIVE).count()
        assert slot.booked == active <= slot.capacity
    assert Slot.objects.filter(pk__in=[first.pk, second.pk]).values_list("booked", flat=True).count() == 2
    assert sum(Slot.objects.filter(pk__in=[first.pk, second.pk]).values_list("booked", flat=True)) == 10
    assert Booking.objects.exclude(moved_at=None).exists()


def test_a_move_aborted_as_a_deadlock_is_run_again(make_slot, caplog):
    """A real deadlock: another transaction holds the target slot and then waits for the booking
    the move has locked. PostgreSQL aborts the move (its deadlock_timeout is the shorter); the
    move runs again once the other transaction is gone, and succeeds."""
    first, second = make_slot(days=2, capacity=3), make_slot(days=3, capacity=3)
    booking = _book(first, 1)
    locked_slot, done = threading.Event(), threading.Event()
    other_errors: list[BaseException] = []

    def other() -> None:
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute("SET LOCAL deadlock_timeout = '30s'")  # the move detects it first
                cursor.execute("SELECT id FROM booking_slot WHERE id = %s FOR UPDATE", [second.pk])
                locked_slot.set()
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:  # until the move waits for the slot
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                    )
                    if cursor.fetchone()[0]:
                        break
                    time.sleep(0.05)
                cursor.execute("SELECT id FROM booking_booking WHERE id = %s FOR UPDATE", [booking.pk])
                cursor.execute("ROLLBACK")
        except BaseException as error:
            other_errors.append(error)
        finally:
            done.set()
            connections.close_all()

    thread = threading.Thread(target=other)
    thread.start()
    assert locked_slot.wait(20)
    with caplog.at_level(logging.WARNING, logger="reports.booking.services"):
        moved = services.booking_move(booking=booking, slot_id=second.pk)
    thread.join(30)

    assert other_errors == []
    assert moved.slot_id == second.pk
    assert "booking_move_retry" in caplog.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.booked, second.booked) == (0, 1)
