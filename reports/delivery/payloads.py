"""What a case system receives: the payload of each kind of source, per docs/contract/.

Payloads are built once, inside the source's transaction, and stored on the delivery, so
every attempt sends the same content. Attachment contents are the exception: the stored
payload lists each file (id, filename, content type, size, SHA-256) and the connector adds
the content (``content_base64``) when it sends, so the outbox never holds a second copy.
"""
from __future__ import annotations

import base64
from typing import Any

from django.utils import timezone

CONTRACT_VERSION = 1


def submission_payload_build(*, submission, service) -> dict[str, Any]:
    """The payload of a citizen's submission: see docs/contract/<destination>.v1.schema.json."""
    gate = submission.gate_record
    identifying = (
        submission.reporter_name, submission.personal_identity_number, submission.phone, submission.email
    )
    # An anonymous service (tips) may still carry contact details the person chose to leave:
    # the reporter is null only when there is nothing to identify anyone by.
    reporter = None
    if any(identifying):
        reporter = {
            "name": submission.reporter_name,
            "personal_identity_number": submission.personal_identity_number,
            "phone": submission.phone,
            "email": submission.email,
        }
    submitted_at = submission.created_at or timezone.now()
    return {
        "contract": f"{service.destination}.v{CONTRACT_VERSION}",
        "kind": "submission",
        "reference": submission.reference,
        "service": service.slug,
        "destination": str(service.destination),
        "submitted_at": timezone.localtime(submitted_at).isoformat(),
        "language": submission.language,
        "form_language": submission.form_language or submission.language,
        "region": submission.region,
        "municipality_code": submission.municipality_code,
        "reporter": reporter,
        "answers": submission.answers,
        "items": [
            {
                "position": item.position,
                "kind": item.kind,
                "description": item.description,
                "brand_model": item.brand_model,
                "serial_number": item.serial_number,
                "value_sek": int(item.value_sek) if item.value_sek is not None else None,
            }
            for item in submission.items.order_by("position")
        ],
        "gate": {"outcome": gate.outcome, "rule": gate.rule} if gate is not None else None,
        "attachments": attachments_describe(submission, only_own=True),
    }


def attachments_describe(owner, *, only_own: bool = False) -> list[dict[str, Any]]:
    """Describe the attachments (``reports.Attachment``) of a submission or a supplement.

    ``only_own``: for a submission, leave out the files that came later with a supplement
    (they travel with the supplement's own delivery).
    """
    attachments = owner.attachments.all()
    if only_own:
        attachments = attachments.filter(supplement__isnull=True)
    return [
        {
            "id": attachment.pk,
            "filename": attachment.original_name or attachment.file.name.rsplit("/", 1)[-1],
            "content_type": attachment.content_type or "application/octet-stream",
            "size": attachment.size,
            "sha256": attachment.sha256,
        }
        for attachment in attachments.order_by("pk")
        if attachment.file
    ]


def supplement_payload_build(*, supplement, destination: str) -> dict[str, Any]:
    """The payload of a supplement (more text or files added to a submission later).

    Call with ``delivery_create(destination=<the submission's destination>,
    source_kind="supplement", source_id=supplement.pk, reference=submission.reference, …)``.
    """
    submitted_at = supplement.created_at or timezone.now()
    return {
        "contract": f"{destination}.v{CONTRACT_VERSION}",
        "kind": "supplement",
        "reference": supplement.submission.reference,
        "supplement_id": supplement.pk,
        "submitted_at": timezone.localtime(submitted_at).isoformat(),
        "text": supplement.text,
        "attachments": attachments_describe(supplement),
    }


def attachments_with_content(described: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The described attachments with ``content_base64`` read from storage at send time."""
    from reports.models import Attachment

    by_id = {a.pk: a for a in Attachment.objects.filter(pk__in=[d["id"] for d in described])}
    result = []
    for entry in described:
        attachment = by_id.get(entry["id"])
        if attachment is None or not attachment.file:
            # Purged or removed since: say so rather than send a wrong file.
            result.append({**entry, "content_base64": None})
            continue
        with attachment.file.open("rb") as handle:
            content = handle.read()
        result.append({**entry, "content_base64": base64.b64encode(content).decode("ascii")})
    return result
