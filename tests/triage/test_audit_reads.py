"""Reads the audit must not miss (reports.triage.audit): the list and the case page shown in
answer to a POST, a short exact term next to a long one, the documented serial-number filter;
and a booking's manage token and code, which no URL filter may probe."""
import pytest
from django.urls import reverse

from reports.booking import services as booking_services
from reports.triage.constants import AuditPart
from reports.triage.models import AuditRecord
from reports.triage.roles import PASSPORT_OFFICE
from tests.booking.conftest import make_slot, office, person  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

LIST_URL = "/personal/reports/submission/"
PIN = "198001010001"


def test_a_searched_list_shown_in_answer_to_a_post_is_audited(client, officer, make_submission):
    make_submission(personal_identity_number=PIN)
    client.force_login(officer)
    response = client.post(f"{LIST_URL}?q={PIN}", {})  # no action chosen: Django shows the list
    assert response.status_code == 200 and response.context["cl"].result_count == 1
    assert list(AuditRecord.objects.values_list("part", "detail", "hits")) == [
        (AuditPart.SEARCH, f"personal_identity_number={PIN}; q={PIN}", 1),
    ]


def test_a_case_page_shown_in_answer_to_a_post_is_audited(client, officer, make_submission):
    submission = make_submission(personal_identity_number=PIN)
    client.force_login(officer)
    response = client.post(reverse("admin:reports_submission_change", args=[submission.pk]), {})
    assert response.status_code == 200 and PIN in response.content.decode()  # the page, shown again
    assert list(AuditRecord.objects.values_list("part", "submission")) == [(AuditPart.CASE, submission.pk)]


def test_a_long_filter_term_cannot_push_the_exact_one_out_of_the_row(client, officer, make_submission):
    make_submission(personal_identity_number=PIN)
    client.force_login(officer)
    padding = "(|" + "a" * 300 + ")"
    response = client.get(LIST_URL, {"reporter_name__iregex": padding, "personal_identity_number": PIN})
    assert response.status_code == 200 and response.context["cl"].result_count == 1
    [detail] = AuditRecord.objects.values_list("detail", flat=True)
    assert detail.startswith(f"personal_identity_number={PIN}; reporter_name__iregex=(|aaa")


def test_the_serial_number_filter_works_and_is_audited(client, officer, make_submission):
    submission = make_submission()
    submission.items.create(position=99, kind="phone", description="Phone", serial_number="490154203237518")
    make_submission()
    client.force_login(officer)
    response = client.get(LIST_URL, {"items__serial_number": "490154203237518", "queue": "all"})
    assert response.status_code == 200
    assert [s.pk for s in response.context["cl"].result_list] == [submission.pk]
    assert list(AuditRecord.objects.values_list("part", "detail")) == [
        (AuditPart.LIST, "items__serial_number=490154203237518"),
    ]


@pytest.mark.parametrize("lookup", [
    "manage_token__startswith", "manage_token__regex", "manage_token", "manage_code", "manage_code__gt",
])
def test_a_bookings_manage_token_and_code_are_never_a_filter(client, staff_user, make_slot, lookup):  # noqa: F811
    booking = booking_services.booking_reserve(
        who=person(), slot_id=make_slot().pk, people=1, contact=booking_services.Contact(email="a@example.se"),
        language="sv",
    )
    client.force_login(staff_user(PASSPORT_OFFICE))
    value = booking.manage_token[:1] if "token" in lookup else booking.manage_code
    response = client.get("/personal/booking/booking/", {"reference": booking.reference, lookup: value})
    assert response.status_code == 400
    assert booking.name not in response.content.decode()
