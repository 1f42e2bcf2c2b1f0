"""Writes of analytics: funnel counters, survey answers, the anonymous ledger and the rollups.

Every rollup write is idempotent (delete and re-insert one day's rows in one transaction),
so the periodic task and the rebuild command can run any number of times, even together.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from reports.analytics.constants import BOOKING_SERVICE, CallKind, Counterfactual, Metric
from reports.analytics.models import (
    BookingFact,
    CounterfactualAnswer,
    DailyCount,
    FunnelStepCount,
    MonthlyCount,
    SubmissionFact,
)
from reports.booking.models import Booking
from reports.constants import SubmissionStatus
from reports.delivery.constants import DeliveryStatus, SourceKind
from reports.delivery.models import Delivery
from reports.models import GateRecord, StatusChange, Submission
from reports.municipalities import region_for_municipality
from reports.screening import told_to_phone

logger = logging.getLogger(__name__)

BATCH = 5000


# -- live counters -------------------------------------------------------------------------
def funnel_step_count(*, service, step: str, language: str) -> None:
    """Count one wizard run reaching ``step`` today. Listens to ``reports.signals.step_reached``.

    An increment in the database (``count = count + 1``), so concurrent requests never lose
    a count; the first one of the day inserts the row.
    """
    day = timezone.localdate()
    keys = {"day": day, "service": service.slug, "step": step, "language": language or ""}
    for _attempt in range(3):
        if FunnelStepCount.objects.filter(**keys).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                FunnelStepCount.objects.create(**keys, count=1)
            return
        except IntegrityError:  # someone else inserted it first: increment theirs
            continue
    logger.warning("funnel_count_lost service=%s step=%s", service.slug, step)


def submission_fact_record(*, submission, service=None) -> None:
    """Write the anonymous fact of a new submission. Listens to ``submission_created``.

    Runs inside the submission's transaction, so the fact commits with it. The person has now
    said where it happened (a municipality, hence a police region), so the region is also
    written on the submission's gate record, which until then could not know it. Only the
    region: nothing on the gate record links it to a person. Whether the check page told the
    person to phone comes from the submission's stored screening findings.
    """
    if submission.region and submission.gate_record_id:
        GateRecord.objects.filter(pk=submission.gate_record_id, region="").update(region=submission.region)
    SubmissionFact.objects.get_or_create(
        submission_id=submission.pk,
        defaults={
            "service": submission.service,
            "region": submission.region or "",
            "language": submission.language or "",
            "created_on": timezone.localdate(submission.created_at),
            "told_to_phone": told_to_phone(submission.screening),
        },
    )


def counterfactual_answer_create(
    *, service_slug: str, answer: str, language: str, kind: str = CallKind.REPORT
) -> CounterfactualAnswer:
    """Store one anonymous survey answer: service, kind of call, answer, day and language."""
    if answer not in Counterfactual.values:
        raise ValueError(f"unknown answer {answer!r}")
    if kind not in CallKind.values:
        raise ValueError(f"unknown kind {kind!r}")
    row = CounterfactualAnswer.objects.create(
        service=service_slug, kind=kind, answer=answer, language=language or "", answered_on=timezone.localdate()
    )
    logger.info("counterfactual_answered answer_id=%s service=%s kind=%s", row.pk, service_slug, kind)
    return row


# -- the anonymous ledger ------------------------------------------------------------------
def facts_sync(*, since: datetime | None = None) -> set[date]:
    """Bring the ledger up to date with the raw rows; return the days whose facts changed.

    Only ever adds facts and sets flags: a purged or deleted submission leaves its fact as
    it was. ``since`` limits the scan to rows created or changed from then on (None: all).
    """
    changed: set[date] = set()
    submissions = Submission.objects.all()
    if since is not None:
        submissions = submissions.filter(created_at__gte=since)
    known = SubmissionFact.objects.filter(submission_id__in=submissions.values("pk")).values("submission_id")
    missing = (
        submissions.exclude(pk__in=known)
        .annotate(day=TruncDate("created_at"))
        .values_list("pk", "service", "region", "language", "day", "screening")
    )
    batch: list[SubmissionFact] = []
    for pk, service, region, language, day, screening in missing.iterator(chunk_size=BATCH):
        batch.append(SubmissionFact(
            submission_id=pk, service=service, region=region or "", language=language or "", created_on=day,
            told_to_phone=told_to_phone(screening),
        ))
        changed.add(day)
        if len(batch) >= BATCH:
            SubmissionFact.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    SubmissionFact.objects.bulk_create(batch, ignore_conflicts=True)

    call_backs = StatusChange.objects.filter(to_status=SubmissionStatus.NEEDS_CONTACT)
    if since is not None:
        call_backs = call_backs.filter(created_at__gte=since)
    changed |= _flag(
        SubmissionFact.objects.filter(
            needed_call_back=False, submission_id__in=call_backs.values("submission_id")
        ),
        needed_call_back=True,
    )
    changed |= _told_to_phone_sync(submissions)
    delivered = Delivery.objects.filter(source_kind=SourceKind.SUBMISSION, status=DeliveryStatus.DELIVERED)
    if since is not None:
        delivered = delivered.filter(updated_at__gte=since)
    changed |= _flag(
        SubmissionFact.objects.filter(delivered=False, submission_id__in=delivered.values("source_id")),
        delivered=True,
    )
    changed |= booking_facts_sync(since=since)
    # A report sent from a resumed draft (up to REPORT_DRAFT_DAYS old) wrote its region onto its
    # gate record (submission_fact_record), which counts on the day the gate was passed: that
    # day's gate rows changed too.
    sent = Submission.objects.exclude(region="").filter(gate_record__isnull=False)
    if since is not None:
        sent = sent.filter(created_at__gte=since)
    changed |= set(sent.annotate(gate_day=TruncDate("gate_record__created_at"))
                   .values_list("gate_day", flat=True).distinct().order_by())
    return changed


def _told_to_phone_sync(submissions) -> set[date]:
    """Set ``told_to_phone`` on the facts of ``submissions`` whose stored findings include a
    phone one but whose fact lacks the flag (facts written before the flag existed).

    A phone finding always flags the submission, so only flagged ones are read; the level is
    checked in Python, the same on PostgreSQL and SQLite. A deleted submission has nothing to
    read: its fact keeps False.
    """
    unflagged = SubmissionFact.objects.filter(told_to_phone=False).values("submission_id")
    told = [
        pk for pk, screening in submissions.filter(flagged=True, pk__in=unflagged)
        .values_list("pk", "screening").iterator(chunk_size=BATCH)
        if told_to_phone(screening)
    ]
    changed: set[date] = set()
    for start in range(0, len(told), BATCH):
        changed |= _flag(
            SubmissionFact.objects.filter(told_to_phone=False, submission_id__in=told[start:start + BATCH]),
            told_to_phone=True,
        )
    return changed


def booking_facts_sync(*, since: datetime | None = None) -> set[date]:
    """Add a fact for every passport booking made online not yet in the ledger.

    The region is the office's (its municipality's police region); the person's identity,
    name and contact details never leave the booking. Cancelled or moved bookings stay
    counted: each was made without a call.
    """
    bookings = Booking.objects.all()
    if since is not None:
        bookings = bookings.filter(created_at__gte=since)
    known = BookingFact.objects.filter(booking_id__in=bookings.values("pk")).values("booking_id")
    missing = bookings.exclude(pk__in=known).values_list(
        "pk", "created_at", "language", "slot__office__municipality_code"
    )
    changed: set[date] = set()
    batch: list[BookingFact] = []
    for pk, created_at, language, municipality_code in missing.iterator(chunk_size=BATCH):
        day = timezone.localdate(created_at)
        batch.append(BookingFact(booking_id=pk, region=region_for_municipality(municipality_code or "") or "",
                                 language=(language or "")[:5], created_on=day))
        changed.add(day)
    BookingFact.objects.bulk_create(batch, batch_size=BATCH, ignore_conflicts=True)
    return changed


def _flag(facts, **flag) -> set[date]:
    days = set(facts.values_list("created_on", flat=True).distinct())
    if days:
        facts.update(**flag)
    return days


# -- rollups -------------------------------------------------------------------------------
ROLLUP_LOCK_KEY = 8_114_14  # any constant, the same for every rollup writer


def _rollup_lock() -> None:
    """Serialise rollup writers (the periodic task, a rebuild) within the current transaction.

    Two writers deleting and re-inserting the same day would otherwise collide on the unique
    constraint; PostgreSQL's transaction-scoped advisory lock makes the second one wait.
    SQLite (the embedded default) serialises writers by itself.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ROLLUP_LOCK_KEY])


def _day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(first, time.min), tz),
        timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min), tz),
    )


def _rollup_rows(*, first: date | None, last: date | None) -> list[DailyCount]:
    gates = GateRecord.objects.all()
    facts = SubmissionFact.objects.all()
    bookings = BookingFact.objects.all()
    if first is not None and last is not None:
        start, end = _day_bounds(first, last)
        gates = gates.filter(created_at__gte=start, created_at__lt=end)
        facts = facts.filter(created_on__gte=first, created_on__lte=last)
        bookings = bookings.filter(created_on__gte=first, created_on__lte=last)
    rows = [
        DailyCount(day=r["day"], metric=Metric.GATE, service=r["service"], region=r["region"] or "",
                   language=r["language"] or "", outcome=r["outcome"], count=r["n"])
        for r in gates.annotate(day=TruncDate("created_at"))
        .values("day", "service", "region", "language", "outcome").annotate(n=Count("id"))
    ]
    fact_metrics = {  # annotation names differ from the fields they filter on
        Metric.COMPLETED: Count("id"),
        Metric.DELIVERED: Count("id", filter=Q(delivered=True)),
        Metric.CALL_BACK: Count("id", filter=Q(needed_call_back=True)),
        Metric.TOLD_TO_PHONE: Count("id", filter=Q(told_to_phone=True)),
        # Each report once: one both told to phone and called back cost one call, not two.
        Metric.CALLED_ANYWAY: Count("id", filter=Q(needed_call_back=True) | Q(told_to_phone=True)),
    }
    grouped = facts.values("created_on", "service", "region", "language").annotate(
        **{f"n_{metric.value}": count for metric, count in fact_metrics.items()}
    )
    for r in grouped:
        for metric in fact_metrics:
            if r[f"n_{metric.value}"]:
                rows.append(DailyCount(day=r["created_on"], metric=metric, service=r["service"],
                                       region=r["region"], language=r["language"], outcome="",
                                       count=r[f"n_{metric.value}"]))
    rows += [
        DailyCount(day=r["created_on"], metric=Metric.BOOKED, service=BOOKING_SERVICE, region=r["region"],
                   language=r["language"], outcome="", count=r["n"])
        for r in bookings.values("created_on", "region", "language").annotate(n=Count("id")).order_by()
    ]
    return rows


def rollups_refresh(*, days: Iterable[date]) -> int:
    """Recompute the rollups of the given days from the anonymous sources; idempotent.

    Each day is replaced in its own transaction (delete, then insert) under the rollup lock,
    so a reader never sees half a day and two runs at once neither double nor collide.
    """
    written = 0
    days = sorted(set(days))
    for day in days:
        with transaction.atomic():
            _rollup_lock()
            DailyCount.objects.filter(day=day).delete()
            rows = _rollup_rows(first=day, last=day)
            DailyCount.objects.bulk_create(rows, batch_size=BATCH)
            written += len(rows)
    months_refresh(months={day.replace(day=1) for day in days})
    return written


def months_refresh(*, months: Iterable[date] | None) -> int:
    """Re-derive the monthly rows of ``months`` (None: all) from the daily rows; idempotent."""
    daily = DailyCount.objects.all()
    monthly = MonthlyCount.objects.all()
    if months is not None:
        months = sorted(set(months))
        if not months:
            return 0
        condition = Q()
        for month in months:
            following = (month + timedelta(days=32)).replace(day=1)
            condition |= Q(day__gte=month, day__lt=following)
        daily = daily.filter(condition)
        monthly = monthly.filter(month__in=months)
    grouped = (
        daily.annotate(month=TruncMonth("day"))
        .values("month", "metric", "service", "region", "language", "outcome")
        .annotate(n=Sum("count"))
        .order_by()
    )
    rows = [MonthlyCount(month=r["month"], metric=r["metric"], service=r["service"], region=r["region"],
                         language=r["language"], outcome=r["outcome"], count=r["n"]) for r in grouped]
    with transaction.atomic():
        _rollup_lock()
        monthly.delete()
        MonthlyCount.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def rollups_refresh_recent(*, now: datetime | None = None) -> int:
    """The periodic job: sync the ledger since yesterday and recompute what it touched.

    Today and yesterday are always recomputed (late gate records around midnight); older
    days only when a submission of theirs was marked for a call back or delivered.
    """
    today = timezone.localdate(now or timezone.now())
    yesterday = today - timedelta(days=1)
    since, _end = _day_bounds(yesterday, yesterday)
    days = facts_sync(since=since) | {today, yesterday}
    written = rollups_refresh(days=days)
    logger.info("analytics_rollups_refreshed days=%s rows=%s", len(days), written)
    return written


def rollups_rebuild() -> int:
    """Sync the whole ledger, then replace every rollup row in one transaction."""
    facts_sync(since=None)
    with transaction.atomic():
        _rollup_lock()
        DailyCount.objects.all().delete()
        rows = _rollup_rows(first=None, last=None)
        DailyCount.objects.bulk_create(rows, batch_size=BATCH)
        months_refresh(months=None)
    logger.info("analytics_rollups_rebuilt rows=%s", len(rows))
    return len(rows)
