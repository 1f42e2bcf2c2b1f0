"""What a case system receives: the payload of each kind of source, per docs/contract/.

Payloads are built once, inside the source's transaction, and stored on the delivery, so
every attempt sends the same content. Attachment contents are the exception: the stored
payload lists each file (id, filename, content type, size, SHA-256) and the connector adds
the content (``content_base64``) when it sends, so the outbox never holds a second copy.
"""
from __future__ import annotations

import base64
import hashlib
import logging
from typing import Any

from django.utils import timezone

logger = logging.getLogger(__name__)

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
    (they travel with the supplement's own delivery). Works whether or not the attachments
    model exists, so the payload builder does not depend on it.
    """
    related = getattr(owner, "attachments", None)
    if related is None or not hasattr(related, "all"):
        return []
    attachments = related.all()
    if only_own and any(f.name == "supplement" for f in attachments.model._meta.get_fields()):
        attachments = attachments.filter(supplement__isnull=True)
    described = []
    for attachment in attachments.order_by("pk"):
        field_file = _file_of(attachment)
        if not field_file:
            continue
        size, sha256 = getattr(attachment, "size", None), getattr(attachment, "sha256", "")
        if size is None or not sha256:
            size, sha256 = _size_and_digest(field_file)
        described.append(
            {
                "id": attachment.pk,
                "filename": getattr(attachment, "original_name", "") or field_file.name.rsplit("/", 1)[-1],
                "content_type": getattr(attachment, "content_type", "") or "application/octet-stream",
                "size": size,
                "sha256": sha256,
            }
        )
    return described


def _size_and_digest(field_file) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with field_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


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
    from django.apps import apps

    try:
        model = apps.get_model("reports", "Attachment")
    except LookupError:
        return described
    by_id = {a.pk: a for a in model.objects.filter(pk__in=[d["id"] for d in described])}
    result = []
    for entry in described:
        attachment = by_id.get(entry["id"])
        field_file = _file_of(attachment) if attachment is not None else None
        if not field_file:
            # Purged or removed since: say so rather than send a wrong file.
            result.append({**entry, "content_base64": None})
            continue
        with field_file.open("rb") as handle:
            content = handle.read()
        result.append({**entry, "content_base64": base64.b64encode(content).decode("ascii")})
    return result


def _file_of(attachment):
    from django.db.models import FileField

    for model_field in attachment._meta.get_fields():
        if isinstance(model_field, FileField):
            return getattr(attachment, model_field.name)
    return None
