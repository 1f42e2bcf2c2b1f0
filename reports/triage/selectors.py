"""Reads of staff triage: the list's queryset and the case page's related rows."""
from __future__ import annotations

from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, Value, When

from reports.delivery.constants import SourceKind
from reports.delivery.models import Delivery
from reports.models import Attachment, Submission, Supplement
from reports.triage.models import StaffProfile


def staff_region(*, user) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return StaffProfile.objects.filter(user=user).values_list("region", flat=True).first() or ""


def submission_triage_list(*, queryset: QuerySet[Submission], region: str = "") -> QuerySet[Submission]:
    """The list's rows with what each row shows, in a fixed number of queries whatever its length.

    Adds ``delivery_status`` (the latest outbox row's status, by subquery) and
    ``own_region_rank`` (0 for the staff member's region, so it sorts first).
    """
    latest = _deliveries(source_id=OuterRef("pk")).order_by("-created_at", "-id")
    queryset = queryset.select_related("assignee").annotate(delivery_status=Subquery(latest.values("status")[:1]))
    if region:
        rank = Case(When(region=region, then=Value(0)), default=Value(1), output_field=IntegerField())
    else:
        rank = Value(0, output_field=IntegerField())
    return queryset.annotate(own_region_rank=rank)


def _deliveries(*, source_id) -> QuerySet[Delivery]:
    return Delivery.objects.filter(source_kind=SourceKind.SUBMISSION, source_id=source_id)


def submission_deliveries(*, submission: Submission) -> list[Delivery]:
    return list(_deliveries(source_id=submission.pk).order_by("created_at", "id"))


def submission_attachments(*, submission: Submission) -> list[Attachment]:
    return list(Attachment.objects.filter(submission=submission).order_by("pk"))


def submission_supplements(*, submission: Submission) -> list[Supplement]:
    """What the citizen added later, oldest first."""
    return list(Supplement.objects.filter(submission=submission).order_by("created_at", "pk"))
