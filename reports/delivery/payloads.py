"""What a case system receives: the payload of each kind of source, per docs/contract/.

Payloads are built once, inside the source's transaction, and stored on the delivery, so
every attempt sends the same content. Attachment contents are the exception: the stored
payload lists each file (id, filename, content type, size, SHA-256) and the connector adds
the content (``content_base64``) when it sends, so the outbox never holds a second copy.
"""
from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone, translation

from reports import screening

CONTRACT_VERSION = 1
# The case systems' language: the screening's reasons travel in it, whatever the page's language.
CASE_SYSTEM_LANGUAGE = "sv"


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
        "screening": screening_describe(screening.findings_of(submission.screening)),
    }


def screening_describe(stored: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """What the screening found (``Submission.screening`` entries), for the case system.

    A case the screening found may belong on 112 or 114 14 (a ``phone`` finding) or may need a
    person (a ``signal``) is queued in the case system: it must arrive flagged there too, with
    each rule, its level, the gate outcome of a phone rule, its reason (in Swedish, the case
    systems' language) and the words that triggered it, as staff see them in the triage admin.
    """
    findings = []
    with translation.override(CASE_SYSTEM_LANGUAGE):
        for finding in stored:
            rule = screening.RULES_BY_ID.get(finding.get("rule"))
            outcome = rule.outcome if rule is not None else None
            findings.append({
                "rule": str(finding.get("rule") or ""),
                "level": str(finding.get("level") or (rule.level if rule is not None else "")),
                "outcome": str(outcome) if outcome else None,
                "reason": str(rule.reason) if rule is not None else "",
                "words": [str(word) for word in finding.get("words") or []],
            })
    return {"flagged": bool(findings), "findings": findings}


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

    Build it after the supplement was screened (``reports.status.services._supplement_screened``):
    its ``screening`` carries that supplement's findings. Call with
    ``delivery_create(destination=<the submission's destination>,
    source_kind="supplement", source_id=supplement.pk, reference=submission.reference, …)``.
    """
    from reports.models import Submission

    submitted_at = supplement.created_at or timezone.now()
    # Read from the row: the screening of this supplement was stored on it moments ago, in the
    # caller's transaction, possibly through another instance than ``supplement.submission``.
    stored = Submission.objects.filter(pk=supplement.submission_id).values_list("screening", flat=True).first()
    return {
        "contract": f"{destination}.v{CONTRACT_VERSION}",
        "kind": "supplement",
        "reference": supplement.submission.reference,
        "supplement_id": supplement.pk,
        "submitted_at": timezone.localtime(submitted_at).isoformat(),
        "text": supplement.text,
        "attachments": attachments_describe(supplement),
        # Only this supplement's own findings: the submission's travelled with the submission.
        "screening": screening_describe(screening.findings_of(stored, supplement=supplement.pk)),
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
