"""Booking rules, one row per rule, the reason asserted too."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core import mail
from django.utils import translation

from reports.booking import services
from reports.booking.constants import BookingStatus
from reports.booking.models import Booking
from reports.delivery.models import Delivery
from tests.booking.conftest import PINS, person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("slot_kwargs", "people", "code", "reason"),
    [
        ({"days": -0.01}, 1, "past", "already passed"),
        ({"days": 7 * 8 + 2}, 1, "beyond_window", "cannot be booked yet"),
        ({"capacity": 10}, 7, "too_many_people", "Too many people"),
        ({"capacity": 2}, 3, "too_many_people", "Too many people"),
        ({"capacity": 3, "booked": 2}, 2, "slot_full", "Someone else just booked"),
        ({"capacity": 2}, 0, "too_few_people", "At least one person"),
    ],
)
def test_booking_rules(make_slot, slot_kwargs, people, code, reason):
    slot = make_slot(**slot_kwargs)
    with pytest.raises(services.BookingError) as refused:
        services.booking_reserve(
            who=person(), slot_id=slot.pk, people=people, contact=services.Contact(), language="sv"
        )
    assert refused.value.code == code
    with translation.override("en"):  # the reason is lazy: asserted in English
        assert reason in str(refused.value.message)
    slot.refresh_from_db()
    assert slot.booked == slot_kwargs.get("booked", 0)
    assert not Booking.objects.exists()


def test_a_closed_day_cannot_be_booked(make_slot, office):
    from django.utils import timezone

    from reports.booking.models import Closure

    slot = make_slot(days=3)
    day = timezone.localtime(slot.starts_at).date()
    Closure.objects.create(office=None, first_day=day, last_day=day, reason="Helgdag")
    with pytest.raises(services.BookingError) as refused:
        services.booking_reserve(who=person(), slot_id=slot.pk, people=1, contact=services.Contact(), language="sv")
    assert refused.value.code == "closed"


def test_booking_fills_places_writes_delivery_and_mails_confirmation_with_calendar(
    make_slot, celery_eager, django_capture_on_commit_callbacks
):
    slot = make_slot(capacity=4)
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_reserve(
            who=person(),
            slot_id=slot.pk,
            people=3,
            contact=services.Contact(email="anna@example.se"),
            language="en",
        )
    slot.refresh_from_db()
    assert slot.booked == 3
    delivery = Delivery.objects.get(source_kind="booking", source_id=booking.pk)
    assert delivery.destination == "passport"
    assert delivery.payload["reference"] == booking.reference
    assert delivery.payload["people"] == 3
    assert delivery.payload["person"]["personal_identity_number"] == PINS[0]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert booking.reference in message.subject and "booked" in message.subject
    assert booking.manage_token in message.body and booking.manage_code in message.body
    assert "ID document" in message.body
    name, content, mimetype = message.attachments[0]
    content = content.decode() if isinstance(content, bytes) else content
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in content and booking.reference in content


def test_cancel_and_move(make_slot, celery_eager):
    first, second = make_slot(days=2, capacity=2), make_slot(days=3, capacity=2)
    booking = services.booking_reserve(
        who=person(), slot_id=first.pk, people=2, contact=services.Contact(), language="sv"
    )
    services.booking_move(booking=booking, slot_id=second.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.booked, second.booked) == (0, 2)
    booking.refresh_from_db()
    assert booking.slot_id == second.pk and booking.moved_at is not None

    services.booking_cancel(booking=booking)
    second.refresh_from_db()
    assert second.booked == 0
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    with pytest.raises(services.BookingError) as twice:
        services.booking_cancel(booking=booking)
    assert twice.value.code == "not_active"
    kinds = list(Delivery.objects.filter(source_id=booking.pk).order_by("pk").values_list("source_kind", flat=True))
    assert kinds == ["booking", "booking", "booking_cancellation"]
    schema = json.loads((Path(__file__).resolve().parents[2] / "docs/contract/passport.v1.schema.json").read_text())
    for payload in Delivery.objects.filter(source_id=booking.pk).values_list("payload", flat=True):
        jsonschema.validate(payload, schema, format_checker=jsonschema.FormatChecker())


def test_move_into_a_full_slot_keeps_the_old_time(make_slot):
    first, full = make_slot(days=2), make_slot(days=3, capacity=1, booked=1)
    booking = services.booking_reserve(
        who=person(), slot_id=first.pk, people=1, contact=services.Contact(), language="sv"
    )
    with pytest.raises(services.BookingError) as refused:
        services.booking_move(booking=booking, slot_id=full.pk)
    assert refused.value.code == "slot_full"
    booking.refresh_from_db()
    first.refresh_from_db()
    assert booking.slot_id == first.pk and first.booked == 1


def test_staff_mark_attended_and_no_show(make_slot):
    slot = make_slot(capacity=2)
    a = services.booking_reserve(who=person(), slot_id=slot.pk, people=1, contact=services.Contact(), language="sv")
    b = services.booking_reserve(
        who=person(PINS[1]), slot_id=slot.pk, people=1, contact=services.Contact(), language="sv"
    )
    assert services.booking_status_set(booking_ids=[a.pk], status=BookingStatus.ATTENDED) == 1
    assert services.booking_status_set(booking_ids=[b.pk], status=BookingStatus.NO_SHOW) == 1
    assert set(Booking.objects.values_list("status", flat=True)) == {"attended", "no_show"}


def test_booking_the_same_slot_twice_returns_the_first_booking(make_slot):
    slot = make_slot(capacity=4)
    first = services.booking_reserve(who=person(), slot_id=slot.pk, people=2, contact=services.Contact(), language="sv")
    again = services.booking_reserve(who=person(), slot_id=slot.pk, people=2, contact=services.Contact(), language="sv")
    assert again.pk == first.pk
    slot.refresh_from_db()
    assert slot.booked == 2
    assert Delivery.objects.filter(source_kind="booking").count() == 1
