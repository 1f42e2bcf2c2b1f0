"""Writes of the citizen-facing flows. Keyword-only, typed, one transaction each."""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from reports.attachments import attachments_store
from reports.catalogue import Service, registry
from reports.constants import SubmissionStatus
from reports.delivery.constants import SourceKind
from reports.delivery.payloads import submission_payload_build
from reports.delivery.services import delivery_create
from reports.gate import Outcome
from reports.models import GateRecord, Item, StatusChange, Submission
from reports.queueing import send_once, task_publish
from reports.signals import signal_send, submission_created

logger = logging.getLogger(__name__)

# Crockford's base32 without I, L, O, U: easy to read aloud and type on a phone.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def reference_generate(*, prefix: str) -> str:
    """A reference such as ``PE-7KQ2-M9XD-4HPA``: 60 random bits, so it cannot be guessed."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(12))
    return f"{prefix}-{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def gate_record_create(
    *, service: Service, outcome: Outcome, language: str, region: str = "", attempt_key: str = "",
    first_outcome: str = "", first_rule: str = "", shown_phone_wait_minutes: int | None = None,
) -> GateRecord:
    """Record one gate decision anonymously: service, outcome, rule, time, language, region,
    (for a second try in the same session) the anonymous chain key and the first try's outcome,
    and the 114 14 wait the page showed, if any."""
    record = GateRecord.objects.create(
        service=service.slug, outcome=outcome.kind, rule=outcome.rule, language=language, region=region,
        attempt_key=attempt_key, first_outcome=first_outcome, first_rule=first_rule,
        shown_phone_wait_minutes=shown_phone_wait_minutes,
    )
    logger.info("gate_evaluated service=%s outcome=%s rule=%s", service.slug, outcome.kind, outcome.rule)
    return record


@dataclass
class SubmissionDraft:
    """What the wizard's steps hand over to ``submission_create``: already validated."""

    answers: dict[str, Any] = field(default_factory=dict)
    items: list[dict[str, Any]] = field(default_factory=list)
    reporter_name: str = ""
    personal_identity_number: str = ""
    phone: str = ""
    email: str = ""
    municipality_code: str = ""
    region: str = ""
    language: str = ""  # the language the person wants messages in; the page's language if empty
    # Checked and cleaned files (reports.attachments.CleanAttachment), stored as Attachment rows.
    attachments: list[Any] = field(default_factory=list)
    # What reports.screening found in the answers: [{"rule", "level", "words"}]; flags the case.
    screening: list[dict[str, Any]] = field(default_factory=list)
    priority: int | None = None  # raised by the screening; None keeps the default


def submission_create(
    *,
    service: Service,
    draft: SubmissionDraft,
    language: str,
    client_token: str,
    gate_record_id: int | None = None,
) -> tuple[Submission, bool]:
    """Store a submission and its items in one transaction; return (submission, created).

    The same ``client_token`` (one per wizard run) always yields the same submission, so a
    double click or a refreshed POST never creates a second one.
    """
    existing = Submission.objects.filter(client_token=client_token).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            submission = _submission_insert(
                service=service, draft=draft, language=language, client_token=client_token,
                gate_record_id=gate_record_id,
            )
    except IntegrityError:
        existing = Submission.objects.filter(client_token=client_token).first()
        if existing is None:
            raise
        return existing, False
    logger.info("submission_created submission_id=%s service=%s", submission.pk, service.slug)
    return submission, True


def _submission_insert(
    *, service: Service, draft: SubmissionDraft, language: str, client_token: str, gate_record_id: int | None
) -> Submission:
    for _attempt in range(5):
        reference = reference_generate(prefix=service.reference_prefix)
        if not Submission.objects.filter(reference=reference).exists():
            break
    submission = Submission.objects.create(
        reference=reference,
        service=service.slug,
        status=SubmissionStatus.RECEIVED,
        language=draft.language or language,
        form_language=language,
        region=draft.region,
        municipality_code=draft.municipality_code,
        answers=draft.answers,
        reporter_name=draft.reporter_name,
        personal_identity_number=draft.personal_identity_number,
        phone=draft.phone,
        email=draft.email,
        gate_record_id=gate_record_id,
        client_token=client_token,
        screening=draft.screening,
        flagged=bool(draft.screening),
        **({"priority": draft.priority} if draft.priority else {}),
    )
    Item.objects.bulk_create(
        Item(
            submission=submission,
            position=position,
            kind=item.get("kind", ""),
            description=item.get("description", ""),
            brand_model=item.get("brand_model", ""),
            serial_number=item.get("serial_number", ""),
            value_sek=_decimal_or_none(item.get("value_sek")),
        )
        for position, item in enumerate(draft.items, start=1)
    )
    StatusChange.objects.create(submission=submission, from_status="", to_status=SubmissionStatus.RECEIVED)
    if draft.attachments:  # before the outbox row: the case-system payload lists the attachments
        attachments_store(submission=submission, attachments=draft.attachments)
    # The case-system outbox row commits with the submission (as for supplements and bookings).
    delivery_create(
        destination=service.destination,
        source_kind=SourceKind.SUBMISSION,
        source_id=submission.pk,
        reference=submission.reference,
        payload=submission_payload_build(submission=submission, service=service),
    )
    # Side effects of other areas (analytics' anonymous fact); one that fails is only logged.
    signal_send(submission_created, sender=Submission, submission=submission, service=service)
    transaction.on_commit(lambda: _send_confirmation(submission.pk))
    return submission


def _send_confirmation(submission_id: int) -> None:
    from reports.tasks import submission_confirmation_send

    task_publish(submission_confirmation_send, submission_id, failure_event="confirmation_enqueue_failed")


def submission_confirmation_send(*, submission: Submission) -> bool:
    """E-mail the receipt in the citizen's language, at most once (``queueing.send_once``).
    Returns whether it was sent now."""

    def send() -> bool:
        with translation.override(submission.language):
            context = {"submission": submission, "service": registry[submission.service]}
            subject = render_to_string("reports/email/confirmation_subject.txt", context).strip()
            body = render_to_string("reports/email/confirmation.txt", context)
        send_mail(subject, body, None, [submission.email])
        return True

    sent = send_once(Submission, submission.pk, sent_field="confirmation_sent_at",
                     when=Q(purged_at__isnull=True) & ~Q(email=""), send=send)
    if not sent:
        return False
    logger.info("confirmation_sent submission_id=%s", submission.pk)
    return True


def _decimal_or_none(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value))
