"""Audit search terms naming a person go at once with that person's submission, whatever form
the number was typed in, or part of it: the submission stores the phone in E.164 and the
identity number as 12 digits, staff type national forms with or without separators."""
import re

import pytest

from reports.triage import services
from reports.triage.constants import AuditPart
from reports.triage.models import AuditRecord

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
