"""Reads shared by views, admin and analytics."""
from __future__ import annotations

from collections.abc import Iterable

from reports.models import Submission


def submission_for_receipt(*, reference: str, allowed_references: list[str]) -> Submission | None:
    """The submission behind a receipt, only for the browser session that submitted it."""
    if reference not in allowed_references:
        return None
    return Submission.objects.filter(reference=reference).first()


def receipt_reference_for_token(*, client_token: str, allowed_references: list[str]) -> str | None:
    """The reference of the submission a wizard run (its client token) made, if this browser
    session sent it: a repeated final POST then shows that receipt instead of a new report."""
    if not client_token:
        return None
    reference = Submission.objects.filter(client_token=client_token).values_list("reference", flat=True).first()
    return reference if reference in allowed_references else None


def submission_senders(*, references: Iterable[str]) -> dict[str, tuple[str, str]]:
    """For each known reference: its service's slug and the personal identity number it was sent
    with (empty unless the service needs e-identification)."""
    return {
        reference: (service, number)
        for reference, service, number in Submission.objects.filter(reference__in=list(references)).values_list(
            "reference", "service", "personal_identity_number"
        )
    }


def gate_phone_tries(*, attempt_key: str, service_slug: str) -> list[tuple[str, str]]:
    """(outcome, rule) of every gate try of one session's chain that sent the person to the phone."""
    from reports.gate import PHONE_OUTCOMES
    from reports.models import GateRecord

    if not attempt_key:
        return []
    return list(
        GateRecord.objects.filter(attempt_key=attempt_key, service=service_slug, outcome__in=list(PHONE_OUTCOMES))
        .order_by("pk").values_list("outcome", "rule")
    )
