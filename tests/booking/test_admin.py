"""Staff handle offices and bookings in the admin; marking attended/no-show goes through the service."""

import pytest
from django.contrib.auth import get_user_model

from reports.booking import services
from reports.booking.constants import BookingStatus
from reports.booking.models import Booking
from tests.booking.conftest import PINS, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.se", "x" * 16)
    client.force_login(user)
    return client


def test_admin_lists_and_actions(admin_client, office, make_slot):
    slot = make_slot(capacity=3)
    bookings = [
        services.booking_reserve(who=person(pin), slot_id=slot.pk, people=1, contact=services.Contact(), language="sv")
        for pin in PINS[:3]
    ]
    for path in (
        "office/",
        f"office/{office.pk}/change/",
        "booking/",
        f"booking/{bookings[0].pk}/change/",
        "slot/",
        "closure/",
    ):
        assert admin_client.get(f"/en/personal/booking/{path}").status_code == 200, path

    for action, target, expected in (
        ("mark_attended", bookings[0], BookingStatus.ATTENDED),
        ("mark_no_show", bookings[1], BookingStatus.NO_SHOW),
        ("cancel", bookings[2], BookingStatus.CANCELLED),
    ):
        response = admin_client.post(
            "/en/personal/booking/booking/", {"action": action, "_selected_action": [target.pk]}
        )
        assert response.status_code == 302
        target.refresh_from_db()
        assert target.status == expected, action
    slot.refresh_from_db()
    assert slot.booked == 2  # the cancelled place is free again
    assert Booking.objects.count() == 3
