"""The booking pages through Django's test client: errors shown plainly, no 500 on bad input."""

from datetime import UTC

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from reports.booking import services
from reports.booking.models import Booking
from reports.eid.session import SESSION_KEY
from tests.booking.conftest import PINS, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def identified(client):
    session = client.session
    session[SESSION_KEY] = {
        "pin": PINS[0],
        "name": "Anna Andersson",
        "provider": "test",
        "at": timezone.now().isoformat(),
        "seen": timezone.now().timestamp(),
    }
    session.save()
    return client


def test_catalogue_lists_passport_booking_and_it_leads_to_the_flow(client):
    html = client.get("/en/").content.decode()
    assert "Book a passport appointment" in html and 'href="/en/pass/"' in html
    response = client.get("/en/pass/")
    assert response.status_code == 200 and 'href="/en/pass/kontor/"' in response.content.decode()


def test_offices_search_by_municipality_and_name(identified, office):
    assert office.name_en in identified.get("/en/pass/kontor/?q=stockholm").content.decode()
    assert office.name_en in identified.get("/en/pass/kontor/?q=Teststad").content.decode()
    assert "No passport office matches" in identified.get("/en/pass/kontor/?q=Kiruna").content.decode()


def test_times_show_free_slots_earliest_first_for_the_number_of_people(identified, office, make_slot):
    later, earlier, full = make_slot(days=3), make_slot(days=2), make_slot(days=2, hours=11, capacity=2, booked=1)
    html = identified.get(f"/en/pass/kontor/{office.pk}/tider/?people=2").content.decode()
    assert html.index(f"slot={earlier.pk}&") < html.index(f"slot={later.pk}&")
    assert f"slot={full.pk}&" not in html
    assert f"slot={full.pk}&" in identified.get(f"/en/pass/kontor/{office.pk}/tider/?people=1").content.decode()


@pytest.mark.parametrize("query", ["?people=abc&vecka=-5", "?people=99&vecka=zzz", "?vecka=100000"])
def test_bad_query_parameters_never_give_500(identified, office, query):
    assert identified.get(f"/en/pass/kontor/{office.pk}/tider/{query}").status_code == 200


def test_slot_just_taken_sends_back_to_the_refreshed_list(identified, office, make_slot):
    slot = make_slot(capacity=1)
    services.booking_reserve(who=person(PINS[1]), slot_id=slot.pk, people=1, contact=services.Contact(), language="sv")
    response = identified.post(f"/en/pass/kontor/{office.pk}/bekrafta/", {"slot": slot.pk, "people": 1}, follow=True)
    html = response.content.decode()
    assert "Someone else just booked that time" in html
    assert f"slot={slot.pk}&" not in html
    assert Booking.objects.count() == 1


def test_confirm_with_bad_phone_keeps_input_and_shows_error(identified, office, make_slot):
    slot = make_slot()
    response = identified.post(
        f"/en/pass/kontor/{office.pk}/bekrafta/", {"slot": slot.pk, "people": 1, "email": "a@example.se", "phone": "12"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html and 'value="a@example.se"' in html
    assert not Booking.objects.exists()


def test_lookup_by_reference_and_code_and_ical(client, make_slot):
    booking = services.booking_reserve(
        who=person(), slot_id=make_slot().pk, people=1, contact=services.Contact(), language="sv"
    )
    wrong = client.post("/en/pass/hantera/", {"reference": booking.reference, "code": "WRONG123"})
    assert "We found no booking" in wrong.content.decode()
    right = client.post("/en/pass/hantera/", {"reference": booking.reference.lower(), "code": booking.manage_code})
    assert right["Location"].endswith(f"/pass/bokning/{booking.manage_token}/")
    ical = client.get(f"/pass/bokning/{booking.manage_token}/kalender.ics")
    assert ical["Content-Type"].startswith("text/calendar") and booking.reference in ical.content.decode()
    utc_start = booking.slot.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{utc_start}" in ical.content.decode()
    assert client.get("/pass/bokning/not-a-token/").status_code == 404


def test_day_list_is_for_staff_only(client, office, make_slot):
    slot = make_slot()
    booking = services.booking_reserve(
        who=person(), slot_id=slot.pk, people=2, contact=services.Contact(), language="sv"
    )
    url = f"/en/pass/personal/dagslista/{office.pk}/?datum={timezone.localtime(slot.starts_at).date()}"
    assert client.get(url).status_code == 302
    staff = get_user_model().objects.create_user("staff", password="x" * 16, is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403  # staff, but not a role that reads bookings
    staff.user_permissions.add(Permission.objects.get(content_type__app_label="booking", codename="view_booking"))
    staff = get_user_model().objects.get(pk=staff.pk)  # fresh permission cache
    html = client.get(url).content.decode()
    assert booking.reference in html and "css/day-list.css" in html  # the print styles
    assert client.get(f"/en/pass/personal/dagslista/{office.pk}/?datum=garbage").status_code == 200
