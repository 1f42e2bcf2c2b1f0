"""Reads shared by views, admin and analytics."""
from __future__ import annotations

from reports.models import Submission


def submission_for_receipt(*, reference: str, allowed_references: list[str]) -> Submission | None:
    """The submission behind a receipt, only for the browser session that submitted it."""
    if reference not in allowed_references:
        return None
    return Submission.objects.filter(reference=reference).first()
