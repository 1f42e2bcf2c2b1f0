"""Reads of staff triage: the list's queryset and the case page's related rows."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, QuerySet, Subquery

from reports.constants import TRIAGE_OPEN_STATUSES
from reports.delivery.constants import SourceKind
from reports.delivery.models import Delivery
from reports.forms.validators import normalize_personal_identity_number, normalize_phone_number
from reports.models import Attachment, Submission, Supplement
from reports.models.submission import TRIAGE_ORDER
from reports.status.services import reference_normalize
from reports.triage.models import StaffProfile

# Shorter names match too much to be worth a search (and trigrams need three characters).
NAME_SEARCH_MIN_LENGTH = 3


def staff_region(*, user) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return StaffProfile.objects.filter(user=user).values_list("region", flat=True).first() or ""


def submission_triage_list(*, queryset: QuerySet[Submission]) -> QuerySet[Submission]:
    """The list's rows with what each row shows, in a fixed number of queries whatever its length,
    in the triage order (most urgent, then newest) that the indexes on ``Submission`` serve.

    Adds ``delivery_status`` (the latest outbox row's status, by subquery: run for the page's
    rows only).
    """
    latest = _deliveries(source_id=OuterRef("pk")).order_by("-created_at", "-id")
    queryset = queryset.select_related("assignee").annotate(delivery_status=Subquery(latest.values("status")[:1]))
    return queryset.order_by(*TRIAGE_ORDER)


def submission_in_region(*, queryset: QuerySet[Submission], region: str) -> QuerySet[Submission]:
    """The reports of a staff member's region: those routed to ``region`` and those routed to no
    region at all (``region`` "": no or an unknown municipality, e.g. an anonymous tip), which
    are nobody's region and so every region's, or nobody would see them. Every report for staff
    without a region.

    ``region IN (own, '')``: an index scan in the triage order with the region as a filter (the
    open-work and status indexes; there are seven regions, so a page reads about seven pages of
    index), never a sort of the region's rows."""
    return queryset.filter(region__in=[region, ""]) if region else queryset


def in_region(*, submission: Submission, region: str) -> bool:
    """``submission`` is among the reports of ``region`` (``submission_in_region``)."""
    return not region or submission.region in (region, "")


def submission_open_work(*, queryset: QuerySet[Submission], region: str = "") -> QuerySet[Submission]:
    """The default view: the open work (``TRIAGE_OPEN_STATUSES``) of the staff member's region
    and of no region (``submission_in_region``), or of every region for staff without one.
    Served by the partial indexes on open work."""
    queryset = queryset.filter(status__in=TRIAGE_OPEN_STATUSES)
    return submission_in_region(queryset=queryset, region=region)


def submission_next_case(*, user, current: Submission) -> Submission | None:
    """The case after ``current`` in the staff member's default view (open work of their region
    and of no region, most urgent, then newest; none after the last), or the first of that view
    when ``current`` is not in it (a closed case, another region).

    One indexed query: the rows that sort after ``current`` in ``TRIAGE_ORDER``."""
    region = staff_region(user=user)
    queue = submission_open_work(queryset=Submission.objects.all(), region=region)
    queue = queue.exclude(pk=current.pk).order_by(*TRIAGE_ORDER)
    in_queue = current.status in TRIAGE_OPEN_STATUSES and in_region(submission=current, region=region)
    if in_queue:
        after = (
            Q(priority__gt=current.priority)
            | Q(priority=current.priority, created_at__lt=current.created_at)
            | Q(priority=current.priority, created_at=current.created_at, pk__lt=current.pk)
        )
        return queue.filter(after).only("pk").first()  # none after the last case of the view
    return queue.only("pk").first()


def submission_search_keys(term: str) -> dict[str, str]:
    """The personal keys the search box looks ``term`` up by, normalised as they are stored:
    ``{"personal_identity_number": "YYYYMMDDNNNN"}`` for a complete identity number, otherwise
    ``{"phone": "+46…"}`` when it reads as a phone number, otherwise none.

    The search uses them, and its audit row records them next to the term as typed, so that
    purging a person's submission finds the row by the stored value (``services.submission_purge``).
    """
    term = term.strip()[:200]
    try:
        return {"personal_identity_number": normalize_personal_identity_number(term)}
    except ValidationError:
        pass
    try:
        return {"phone": normalize_phone_number(term)}
    except ValidationError:
        return {}


def submission_search_by_name(term: str) -> bool:
    """Whether ``submission_search`` looks ``term`` up by name too (not only by exact keys)."""
    term = term.strip()[:200]
    return len(term) >= NAME_SEARCH_MIN_LENGTH and "personal_identity_number" not in submission_search_keys(term)


def submission_search(*, queryset: QuerySet[Submission], term: str) -> QuerySet[Submission]:
    """One query for the staff's search box, each part served by an index (no table scan):

    * a complete personal identity number: that number only (exact, B-tree);
    * otherwise the reference (exact after normalising, unique index), the phone number
      (exact after normalising, B-tree) and, from ``NAME_SEARCH_MIN_LENGTH`` characters on, the
      name by substring (``UPPER(name) LIKE``, the trigram GIN index on PostgreSQL).

    The normalising is ``submission_search_keys``. Each search is audited once by the admin
    (``reports.triage.audit``), not here.
    """
    term = term.strip()[:200]
    keys = submission_search_keys(term)
    if "personal_identity_number" in keys:
        return queryset.filter(personal_identity_number=keys["personal_identity_number"])
    personal = Q(pk__in=[])
    if len(term) >= NAME_SEARCH_MIN_LENGTH:
        personal |= Q(reporter_name__icontains=term)
    if "phone" in keys:
        personal |= Q(phone=keys["phone"])
    return queryset.filter(Q(reference=reference_normalize(term)) | personal)


def _deliveries(*, source_id) -> QuerySet[Delivery]:
    return Delivery.objects.filter(source_kind=SourceKind.SUBMISSION, source_id=source_id)


def submission_deliveries(*, submission: Submission) -> list[Delivery]:
    return list(_deliveries(source_id=submission.pk).order_by("created_at", "id"))


def submission_attachments(*, submission: Submission) -> list[Attachment]:
    return list(Attachment.objects.filter(submission=submission).order_by("pk"))


def submission_supplements(*, submission: Submission) -> list[Supplement]:
    """What the citizen added later, oldest first."""
    return list(Supplement.objects.filter(submission=submission).order_by("created_at", "pk"))
