"""The payload contract: every catalogue service's payload validates against the versioned
JSON Schema of its destination (docs/contract/<destination>.v1.schema.json).

The test iterates over the catalogue, so a service added later is covered without a change
here; a service whose payload is not built by the submission hook must be listed in
OWN_FLOW_CONTRACT_TESTS below, or this test fails.
"""
from __future__ import annotations

import base64
import hashlib
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation
from jsonschema import Draft202012Validator, FormatChecker

from reports import screening
from reports.catalogue import registry
from reports.constants import Destination
from reports.delivery.connectors import envelope_build
from reports.delivery.models import Delivery
from tests.booking.conftest import make_slot, office, person  # noqa: F401  (fixtures)
from tests.delivery.helpers import delivery_of, submission_submit

pytestmark = pytest.mark.django_db

CONTRACT_DIR = Path(__file__).resolve().parents[2] / "docs" / "contract"
# Services with their own flow (no wizard steps): the test that covers their payload.
OWN_FLOW_CONTRACT_TESTS = {"pass": "test_passport_bookings_validate_against_the_passport_contract"}


FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    """RFC 3339: a full date and time with its UTC offset (jsonschema checks it only with extras)."""
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        raise ValueError("not a date-time")
    return datetime.fromisoformat(value).utcoffset() is not None


def validator_for(destination: str) -> Draft202012Validator:
    schema = json.loads((CONTRACT_DIR / f"{destination}.v1.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FORMATS)


def assert_valid(destination: str, payload: dict) -> None:
    errors = sorted(validator_for(destination).iter_errors(payload), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("destination", [d.value for d in Destination])
def test_every_destination_has_a_valid_versioned_schema(destination):
    schema = json.loads((CONTRACT_DIR / f"{destination}.v1.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{destination}.v1.schema.json")


@pytest.mark.parametrize("slug", [service.slug for service in registry])
@pytest.mark.parametrize("anonymous", [False, True], ids=["named", "anonymous"])
def test_every_catalogue_service_payload_validates(slug, anonymous, django_capture_on_commit_callbacks):
    service = registry[slug]
    if not service.steps:
        assert slug in OWN_FLOW_CONTRACT_TESTS, f"{slug} has its own flow but no payload contract test"
        assert OWN_FLOW_CONTRACT_TESTS[slug] in globals()
        return
    blank = {"reporter_name": "", "personal_identity_number": "", "phone": "", "email": ""}
    reporter = blank if anonymous else {}
    submission = submission_submit(slug, **reporter)
    delivery = delivery_of(submission)
    assert delivery.destination == service.destination
    stored = delivery.payload
    assert stored["reference"] == submission.reference and stored["service"] == slug
    # Null exactly when nobody can be identified; a tipster's chosen contact details travel on.
    assert (stored["reporter"] is None) == (not any(submission_identifying(submission)))
    assert_valid(service.destination, stored)
    assert_valid(service.destination, json.loads(json.dumps(envelope_build(delivery))))  # as sent


def submission_identifying(submission):
    return submission.reporter_name, submission.personal_identity_number, submission.phone, submission.email


def test_a_payload_that_breaks_the_contract_is_caught():
    """The schema is strict enough to notice drift, so the test above means something."""
    submission = submission_submit()
    payload = dict(delivery_of(submission).payload)
    for field, wrong in [("submitted_at", "yesterday"), ("submitted_at", "2026-11-29T08:00:00"),
                         ("municipality_code", "180"), ("language", "de"), ("reporter", {"name": "A"})]:
        broken = {**payload, field: wrong}
        assert list(validator_for("crime_reports").iter_errors(broken)), (field, wrong)
    assert not list(validator_for("crime_reports").iter_errors(payload))
    missing = {k: v for k, v in payload.items() if k != "reporter"}
    assert list(validator_for("crime_reports").iter_errors(missing))


def test_passport_bookings_validate_against_the_passport_contract(make_slot):  # noqa: F811
    from reports.booking import services

    first, second = make_slot(days=2, capacity=3), make_slot(days=3, capacity=3)
    booking = services.booking_reserve(
        who=person(), slot_id=first.pk, people=2, contact=services.Contact(email="a@ex.se"), language="sv"
    )
    services.booking_move(booking=booking, slot_id=second.pk)
    services.booking_cancel(booking=booking)
    deliveries = list(Delivery.objects.filter(destination=Destination.PASSPORT).order_by("pk"))
    assert [d.payload["change"] for d in deliveries] == ["created", "moved", "cancelled"]
    for delivery in deliveries:
        assert "screening" not in delivery.payload  # a booking is not screened: nobody typed a story
        assert_valid("passport", delivery.payload)
        assert_valid("passport", json.loads(json.dumps(envelope_build(delivery))))


def test_a_supplement_payload_validates_against_its_destinations_contract():
    from django.core.files.base import ContentFile

    from reports.delivery.payloads import supplement_payload_build
    from reports.models import Attachment, Supplement

    submission = submission_submit()
    supplement = Supplement.objects.create(submission=submission, text="The bicycle had a red bell.")
    content = b"%PDF-1.4 receipt"
    Attachment.objects.create(
        submission=submission, supplement=supplement, file=ContentFile(content, name="receipt.pdf"),
        original_name="kvitto.pdf", content_type="application/pdf", size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    payload = supplement_payload_build(supplement=supplement, destination="crime_reports")
    assert_valid("crime_reports", payload)
    assert payload["attachments"][0]["filename"] == "kvitto.pdf"
    # The submission's own payload leaves the supplement's file to the supplement's delivery.
    assert delivery_of(submission).payload["attachments"] == []


def test_attachments_travel_base64_with_a_checksum_the_receiver_can_verify():
    from django.core.files.base import ContentFile

    from reports.delivery.payloads import submission_payload_build
    from reports.delivery.services import delivery_create
    from reports.models import Attachment

    content = bytes(range(256)) * 10
    submission = submission_submit()
    Attachment.objects.create(
        submission=submission, file=ContentFile(content, name="photo.jpg"), original_name="skada.jpg",
        content_type="image/jpeg", size=len(content), sha256=hashlib.sha256(content).hexdigest(),
    )
    with transaction.atomic():
        delivery = delivery_create(
            destination="crime_reports", source_kind="submission", source_id=submission.pk,
            reference=submission.reference,
            payload=submission_payload_build(submission=submission, service=registry["stold"]),
        )
    assert "content_base64" not in delivery.payload["attachments"][0]  # not stored twice
    sent = json.loads(json.dumps(envelope_build(delivery)))
    assert_valid("crime_reports", sent)
    (attachment,) = sent["attachments"]
    decoded = base64.b64decode(attachment["content_base64"])
    assert decoded == content and hashlib.sha256(decoded).hexdigest() == attachment["sha256"]
    assert (attachment["filename"], attachment["content_type"], attachment["size"]) == (
        "skada.jpg", "image/jpeg", len(content)
    )


def test_a_supplement_added_on_the_status_page_validates_against_its_contract():
    from reports.status.services import supplement_create

    submission = submission_submit()
    supplement = supplement_create(submission=submission, text="I found the receipt.", attachments=[])
    delivery = Delivery.objects.get(source_kind="supplement", source_id=supplement.pk)
    assert delivery.destination == "crime_reports" and delivery.reference == submission.reference
    assert_valid("crime_reports", delivery.payload)
    assert_valid("crime_reports", json.loads(json.dumps(envelope_build(delivery))))


# --- the screening travels with the case --------------------------------------------------

THEFT_WHERE = {"date_from": "2026-11-20", "time_from": "08:00:00", "date_to": "2026-11-20", "time_to": None,
               "municipality": "0180", "place_kind": "street", "address": "Drottninggatan 1"}


def screened_submit(slug: str, *, answers: dict, items: list | None = None, gate_phone=("", "")):
    """A submit whose answers were screened the way the wizard's done() screens them."""
    items = items if items is not None else [{"kind": "bicycle", "description": "Blue bicycle"}]
    findings = screening.screen(service=registry[slug], answers=answers, items=items, gate_phone=gate_phone)
    assert findings
    return submission_submit(
        slug, answers=answers, items=items, screening=[finding.as_json() for finding in findings],
        priority=screening.priority_for(findings),
    )


@pytest.mark.parametrize(("slug", "answers", "items", "gate_phone", "expected"), [
    pytest.param(
        "stold", {"nar-var": {**THEFT_WHERE, "what_happened": "He came back."}},
        [{"kind": "other", "description": "Min bil, en röd Volvo"}], ("", ""),
        [("vehicle_item", "phone", "call_11414", ["bil"],
          "Du har angett ett fordon eller en registreringsskylt. Ett stulet fordon eller en stulen registreringsskylt "
          "måste efterlysas direkt: ring 114 14.")],
        id="vehicle-belongs-on-114-14",
    ),
    pytest.param(
        "stold", {"nar-var": {**THEFT_WHERE, "what_happened": "The bicycle was gone."}}, None,
        ("call_112", "in_progress"),
        [("gate_changed_112", "phone", "call_112", ["in_progress"], None)],
        id="gate-changed-112",
    ),
    pytest.param(
        "stold", {"nar-var": {**THEFT_WHERE, "what_happened": "Han hotade mig med en kniv."}}, None, ("", ""),
        [("threat_text", "signal", None, ["hotade"], "Texten nämner hot."),
         ("weapon_text", "signal", None, ["kniv"], None)],
        id="threat-and-knife",
    ),
    pytest.param(
        "tips", {"tipset": {"what": "They will shoot him tonight."}}, [], ("", ""),
        [("weapon_text", "signal", None, ["shoot"], None)],
        id="tip-about-a-shooting",
    ),
    pytest.param(
        "tillstand-allman-sammankomst",
        {"arrangemang": {"start_date": (date.today() + timedelta(days=3)).isoformat(), "expected_people": "50",
                         "traffic": "no"}},
        [], ("", ""),
        [("late_application", "notice", None, [], None)],
        id="late-application",
    ),
])
def test_a_flagged_submission_carries_its_findings_to_the_case_system(slug, answers, items, gate_phone, expected):
    """A case the screening flagged for staff reaches the case system flagged too: each finding
    with its rule, level, the number a phone finding belongs on, the reason in Swedish and the words."""
    with translation.override("en"):  # sent from the English pages: the case system still reads Swedish
        submission = screened_submit(slug, answers=answers, items=items, gate_phone=gate_phone)
    delivery = delivery_of(submission)
    sent = json.loads(json.dumps(envelope_build(delivery)))
    for payload in (delivery.payload, sent):
        assert_valid(registry[slug].destination, payload)
        found = payload["screening"]
        assert found["flagged"] is True
        assert [(f["rule"], f["level"], f["outcome"], f["words"]) for f in found["findings"]] == [
            row[:4] for row in expected
        ]
        for finding, row in zip(found["findings"], expected, strict=True):
            with translation.override("sv"):
                assert finding["reason"] == str(screening.RULES_BY_ID[row[0]].reason)
            assert finding["reason"] == (row[4] or finding["reason"])


def test_an_unflagged_submission_says_so():
    payload = delivery_of(submission_submit()).payload
    assert payload["screening"] == {"flagged": False, "findings": []}
    assert_valid("crime_reports", payload)


def test_a_screening_that_breaks_the_contract_is_caught():
    submission = screened_submit("stold", answers={"nar-var": {**THEFT_WHERE, "what_happened": "Han hotade mig."}})
    payload = delivery_of(submission).payload
    assert not list(validator_for("crime_reports").iter_errors(payload))
    (finding,) = payload["screening"]["findings"]
    for wrong in [{**finding, "level": "urgent"}, {**finding, "outcome": "call_113"},
                  {k: v for k, v in finding.items() if k != "reason"}, {**finding, "words": "hotade"}]:
        broken = {**payload, "screening": {"flagged": True, "findings": [wrong]}}
        assert list(validator_for("crime_reports").iter_errors(broken)), wrong
    assert list(validator_for("crime_reports").iter_errors({**payload, "screening": {"findings": []}}))


def test_a_supplement_with_a_threat_carries_its_own_finding_only():
    from reports.status.services import supplement_create

    submission = screened_submit(
        "stold", answers={"nar-var": {**THEFT_WHERE, "what_happened": "Han hade en kniv i handen."}}
    )
    quiet = supplement_create(submission=submission, text="I found the receipt.", attachments=[])
    threat = supplement_create(submission=submission, text="Han hotade mig igen i dag.", attachments=[])

    payloads = {
        supplement.pk: Delivery.objects.get(source_kind="supplement", source_id=supplement.pk).payload
        for supplement in (quiet, threat)
    }
    assert payloads[quiet.pk]["screening"] == {"flagged": False, "findings": []}  # the knife is the report's
    found = payloads[threat.pk]["screening"]
    assert found["flagged"] is True
    assert found["findings"] == [{
        "rule": "threat_text", "level": "signal", "outcome": None, "reason": "Texten nämner hot.", "words": ["hotade"],
    }]
    for payload in payloads.values():
        assert_valid("crime_reports", payload)
    # The submission's own payload, built before, still carries only the report's own finding.
    assert [f["rule"] for f in delivery_of(submission).payload["screening"]["findings"]] == ["weapon_text"]
