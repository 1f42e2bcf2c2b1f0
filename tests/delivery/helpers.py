"""Building deliveries the way the portal does: through the public services."""
from __future__ import annotations

import uuid

from django.db import transaction

from reports.catalogue import registry
from reports.constants import Destination
from reports.delivery.models import Delivery
from reports.delivery.services import delivery_create
from reports.services import SubmissionDraft, submission_create

SAMPLE_DRAFT = {
    "answers": {"what_happened": "My bicycle was taken outside the library."},
    "items": [
        {"kind": "bicycle", "description": "Blue bicycle", "serial_number": "WCR1", "value_sek": "4500"}
    ],
    "reporter_name": "Anna Andersson",
    "personal_identity_number": "198112189876",
    "phone": "0701234567",
    "email": "anna@example.se",
    "municipality_code": "0180",
    "region": "Stockholm",
}


def submission_submit(service_slug: str = "stold", **overrides):
    """A citizen's submit, as the wizard's done() makes it."""
    service = registry[service_slug]
    draft = SubmissionDraft(**{**SAMPLE_DRAFT, **overrides})
    submission, created = submission_create(
        service=service, draft=draft, language="sv", client_token=uuid.uuid4().hex
    )
    assert created
    return submission


def delivery_of(submission) -> Delivery:
    return Delivery.objects.get(source_kind="submission", source_id=submission.pk)


def delivery_direct(destination: str, reference: str = "") -> Delivery:
    """A delivery made by another area (a booking, a permit) through ``delivery_create``."""
    reference = reference or f"T-{uuid.uuid4().hex[:8].upper()}"
    with transaction.atomic():
        return delivery_create(
            destination=destination,
            source_kind="booking" if destination == Destination.PASSPORT else "submission",
            source_id=0,
            reference=reference,
            payload={"reference": reference, "destination": destination},
        )
