"""Audit search terms naming a person go at once with that person's submission or passport
booking, whatever form the number was typed in, or part of it: both store the phone in E.164
and the identity number as 12 digits, staff type national forms with or without separators."""
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.booking import services as booking_services
from reports.triage import services
from reports.triage.constants import AuditPart
from reports.triage.models import AuditRecord
from reports.triage.roles import PASSPORT_OFFICE
from tests.booking.conftest import make_slot, office, person  # noqa: F401 (fixtures)

from .conftest import verified

pytestmark = pytest.mark.django_db

LIST_URL = "/personal/reports/submission/"

# The fixture's person (tests.triage.conftest.theft_draft): +46701234567, 198112189876.
PHONE_SEARCHES = [
    "0701234567", "070-123 45 67", "070 123 45 67", "070-1234567", "070.123.45.67", "+46 70 123 45 67",
    "+46701234567", "0046701234567", "0046 70 123 45 67", "+46 (0)70-123 45 67", "070\u00a0123\u00a045\u00a067",
    "070\t1234567",
]
PIN_SEARCHES = ["811218-9876", "8112189876", "198112189876", "19811218-9876"]
PHONE_FILTERS = [{"phone": "0701234567"}, {"phone": "070-123 45 67"}, {"phone": "+46 70 123 45 67"}]
PIN_FILTERS = [
    {"personal_identity_number": "8112189876"}, {"personal_identity_number__startswith": "19811218"},
]
# Somebody else, whose submission stays.
OTHER_SEARCHES = ["0731234567", "073-123 45 67", "900315-1231", "199003151231", "Bo Berg"]


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _names_the_person(detail: str) -> bool:
    digits = _digits(detail)
    return "701234567" in digits or "8112189876" in digits or "811218" in detail


@pytest.mark.parametrize(
    "requests",
    [
        pytest.param([{"q": term} for term in PHONE_SEARCHES], id="phone-searches"),
        pytest.param([{"q": term} for term in PIN_SEARCHES], id="identity-number-searches"),
        pytest.param(PHONE_FILTERS, id="phone-filters"),
        pytest.param(PIN_FILTERS, id="identity-number-filters"),
    ],
)
def test_terms_naming_the_person_in_any_form_go_with_the_submission_others_stay(
    client, officer, make_submission, requests,
):
    anna = make_submission()
    bo = make_submission(
        reporter_name="Bo Berg", personal_identity_number="199003151231", phone="+46731234567",
        email="bo@example.se",
    )
    client.force_login(officer)
    for params in requests:
        assert client.get(LIST_URL, params).status_code == 200
    for term in OTHER_SEARCHES:
        client.get(LIST_URL, {"q": term})
    rows = AuditRecord.objects.exclude(part=AuditPart.CASE)
    # One row per search or filtered list, each naming what was typed.
    assert rows.count() == len(requests) + len(OTHER_SEARCHES)
    assert sum(_names_the_person(detail) for detail in rows.values_list("detail", flat=True)) == len(requests)

    assert services.submission_purge(submission=anna)

    details = list(rows.order_by("pk").values_list("detail", flat=True))
    assert rows.count() == len(requests) + len(OTHER_SEARCHES)  # who searched, and when, stays
    assert [detail for detail in details if _names_the_person(detail)] == []
    assert details[:len(requests)] == [""] * len(requests)
    # Bo's searches keep their terms until his own submission goes (or the retention period ends).
    kept = details[len(requests):]
    assert [f"q={term}" in detail for term, detail in zip(OTHER_SEARCHES, kept, strict=True)] == [True] * 5
    assert services.submission_purge(submission=bo)
    assert list(rows.exclude(detail="").values_list("detail", flat=True)) == []


def test_rows_written_with_the_term_only_are_found_by_its_digits(officer, make_submission):
    """Rows from before the search recorded the normalised number (``q=`` alone), and terms the
    search did not read as a number (``070/123 45 67``), go too."""
    anna = make_submission()
    typed = ["q=070-123 45 67", "q=+46 (0)70 123 45 67", "q=070/123 45 67", "phone__exact=0701234567",
             "q=19811218 - 9876"]
    for detail in [*typed, "q=073-123 45 67", "q=070-123 45 68"]:
        services.audit_record_create(user=officer, part=AuditPart.SEARCH, detail=detail, hits=0)

    assert services.submission_purge(submission=anna)

    details = list(AuditRecord.objects.order_by("pk").values_list("detail", flat=True))
    assert details == [""] * len(typed) + ["q=073-123 45 67", "q=070-123 45 68"]


def test_parts_of_a_number_typed_alone_go_other_numbers_sharing_digits_stay(officer, make_submission):
    """A term holding only part of the person's number (seven digits or more, or the date of
    birth) goes too; a term whose digits merely share a stretch with the number (another person
    born the same day, the same area code) is a whole other number and stays."""
    anna = make_submission()
    partial = [
        "q=19811218-98", "personal_identity_number__startswith=8112189", "q=19811218", "q=811218",
        "q=123 45 67", "phone__contains=070-123 45", "phone__endswith=0123 4567", "q=0046 70 123",
    ]
    others = [
        "q=19811218-1234", "q=811218-1234", "q=070-123 45 68", "q=123456", "q=073-123 45", "q=08-123 45 68",
        "items__serial_number=490154203237518",
    ]
    for detail in [*partial, *others]:
        services.audit_record_create(user=officer, part=AuditPart.SEARCH, detail=detail, hits=0)

    assert services.submission_purge(submission=anna)

    details = list(AuditRecord.objects.order_by("pk").values_list("detail", flat=True))
    assert details == [""] * len(partial) + others


# tests.booking.conftest's people: Anna, whose booking is purged, and Bo, whose booking stays.
ANNA_PIN, BO_PIN = "198001010001", "199008152341"


def test_a_booking_purge_blanks_the_terms_naming_it_in_the_booking_admin(
    client, settings, staff_user, make_slot,  # noqa: F811
):
    settings.PORTAL_STAFF_OTP_REQUIRED = True  # through the staff guard, as staff do it
    slot = make_slot()
    anna = booking_services.booking_reserve(
        who=person(ANNA_PIN, "Anna Andersson"), slot_id=slot.pk, people=1, language="sv",
        contact=booking_services.Contact(email="anna@example.se", phone="+46701234567"),
    )
    bo = booking_services.booking_reserve(
        who=person(BO_PIN, "Bo Berg"), slot_id=slot.pk, people=1, language="sv",
        contact=booking_services.Contact(email="bo@example.se", phone="+46731234567"),
    )
    user = staff_user(PASSPORT_OFFICE)
    verified(client, user)
    naming_anna = [
        {"q": "800101-0001"}, {"q": "19800101-0001"}, {"q": "8001010001"}, {"q": ANNA_PIN},
        {"q": anna.reference}, {"q": anna.reference.lower().replace("-", " ")}, {"q": "Anna Andersson"},
        {"personal_identity_number": ANNA_PIN}, {"personal_identity_number__startswith": "19800101"},
        {"personal_identity_number__startswith": "1980010100"}, {"phone": "070-123 45 67"},
        {"phone__contains": "123 45 67"}, {"email": "ANNA@example.se"}, {"name__icontains": "anna andersson"},
    ]
    naming_others = [
        {"q": "900815-2341"}, {"q": "Bo Berg"}, {"q": bo.reference}, {"phone": "073-123 45 67"},
        {"email": "bo@example.se"},
        {"personal_identity_number": "198001011234"},  # somebody else born the same day
        {"phone": "070-765 43 21"},  # and somebody else's mobile
    ]
    url = reverse("admin:booking_booking_changelist")
    for params in [*naming_anna, *naming_others]:
        assert client.get(url, params).status_code == 200, params
    assert client.get(url, {"q": "800101-0001"}).context["cl"].result_count == 1  # the search finds her
    rows = AuditRecord.objects.filter(user=user).order_by("pk")
    fields = ("pk", "user", "part", "target", "hits", "created_at", "detail")
    before = list(rows.values_list(*fields))
    assert len(before) == len(naming_anna) + len(naming_others) + 1 and all(row[-1] for row in before)
    assert before[0][-1] == f"personal_identity_number={ANNA_PIN}; q=800101-0001"  # the stored value first

    assert booking_services.booking_purge(booking=anna)

    after = list(rows.values_list(*fields))
    # Who searched, when, which page and how many rows stay; the terms naming Anna do not.
    assert [row[:-1] for row in after] == [row[:-1] for row in before]
    named = len(naming_anna)
    assert [row[-1] for row in after[:named]] == [""] * named
    assert after[-1][-1] == ""  # the second search for her
    assert [row[-1] for row in after[named:-1]] == [row[-1] for row in before[named:-1]]  # Bo's and others'
    for row in after:
        digits, folded = _digits(row[-1]), row[-1].casefold()
        assert "8001010001" not in digits and "701234567" not in digits, row
        assert "anna" not in folded and anna.reference.casefold() not in folded, row
    # A booking is purged once; Bo's terms go with his own booking, the strangers' stay.
    assert not booking_services.booking_purge(booking=anna)
    assert booking_services.bookings_purge(now=timezone.now() + timedelta(days=3), after_days=0) == 1
    assert sorted(rows.exclude(detail="").values_list("detail", flat=True)) == [
        "personal_identity_number=198001011234", "phone=070-765 43 21",
    ]


def test_terms_typed_elsewhere_go_with_the_booking(officer, make_slot):  # noqa: F811
    """Rows written without the stored value (before this was recorded, or by another list such as
    the deliveries' search by reference) are found by the reference, the code and the numbers."""
    anna = booking_services.booking_reserve(
        who=person(ANNA_PIN, "Anna Andersson"), slot_id=make_slot().pk, people=1, language="sv",
        contact=booking_services.Contact(phone="+46701234567"),
    )
    random_part = anna.reference.removeprefix("PASS-")
    typed = [f"q={random_part.lower()}", f"q={random_part.replace('-', '')}", f"q={anna.manage_code}",
             "q=0046 70-123 45 67", "payload__person__personal_identity_number=198001010001"]
    for detail in [*typed, "q=PASS-0000-0000-0000"]:
        services.audit_record_create(user=officer, part=AuditPart.SEARCH, detail=detail, hits=0)

    assert booking_services.booking_purge(booking=anna)

    details = list(AuditRecord.objects.order_by("pk").values_list("detail", flat=True))
    assert details == [""] * len(typed) + ["q=PASS-0000-0000-0000"]
