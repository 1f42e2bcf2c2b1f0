"""Reads of staff triage: the list's queryset and the case page's related rows."""
from __future__ import annotations

from django.apps import apps
from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, Value, When

from reports.models import Submission


def delivery_model():
    """``reports.delivery``'s outbox model, or None where that area is not installed."""
    try:
        return apps.get_model("delivery", "Delivery")
    except LookupError:
        return None


def attachment_model():
    """``reports.Attachment`` (issue 3), or None while it does not exist."""
    try:
        return apps.get_model("reports", "Attachment")
    except LookupError:
        return None


def staff_region(*, user) -> str:
    from reports.triage.models import StaffProfile

    if not getattr(user, "is_authenticated", False):
        return ""
    return StaffProfile.objects.filter(user=user).values_list("region", flat=True).first() or ""


def submission_triage_list(*, queryset: QuerySet[Submission], region: str = "") -> QuerySet[Submission]:
    """The list's rows with what each row shows, in a fixed number of queries whatever its length.

    Adds ``delivery_status`` (the latest outbox row's status, by subquery) and
    ``own_region_rank`` (0 for the staff member's region, so it sorts first).
    """
    queryset = queryset.select_related("assignee")
    delivery = delivery_model()
    if delivery is not None:
        latest = delivery.objects.filter(source_kind="submission", source_id=OuterRef("pk")).order_by(
            "-created_at", "-id"
        )
        queryset = queryset.annotate(delivery_status=Subquery(latest.values("status")[:1]))
    else:
        queryset = queryset.annotate(delivery_status=Value(""))
    if region:
        rank = Case(When(region=region, then=Value(0)), default=Value(1), output_field=IntegerField())
    else:
        rank = Value(0, output_field=IntegerField())
    return queryset.annotate(own_region_rank=rank)


def submission_deliveries(*, submission: Submission) -> list:
    delivery = delivery_model()
    if delivery is None:
        return []
    return list(delivery.objects.filter(source_kind="submission", source_id=submission.pk).order_by("created_at", "id"))


def submission_attachments(*, submission: Submission) -> list:
    model = attachment_model()
    if model is None:
        return []
    return list(model.objects.filter(submission=submission).order_by("pk"))


def submission_supplements(*, submission: Submission) -> list:
    """What the citizen added later (``reports.Supplement``), oldest first; empty if that model is absent."""
    try:
        model = apps.get_model("reports", "Supplement")
    except LookupError:
        return []
    return list(model.objects.filter(submission=submission).order_by("created_at", "pk"))
