"""Writes of case-system delivery: the outbox row, one attempt, the relay, staff retry.

The database is the source of truth; the broker only carries delivery ids. A delivery row is
written in the caller's transaction, and every way a message can be lost (broker down at
submit time, a killed worker, a dropped message) ends with the periodic relay re-queuing it.
The case system receives the same ``Idempotency-Key`` on every attempt, so a delivery that
arrives twice is registered once.
"""
from __future__ import annotations

import logging
import random
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from reports.delivery.connectors import ConnectorResult, connector_for, outbox_file_path
from reports.delivery.constants import AttemptOutcome, DeliveryStatus, SourceKind
from reports.delivery.models import Delivery, DeliveryAttempt

logger = logging.getLogger(__name__)

RETRYABLE = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)
WORKER_LOST = "The attempt did not finish (worker lost); retrying."


def delivery_create(
    *, destination: str, source_kind: str, source_id: int, reference: str, payload: dict
) -> Delivery:
    """Write the outbox row for one payload and queue its delivery once the caller commits.

    Call inside the caller's ``transaction.atomic()`` so that the row commits (or rolls back)
    with the booking, submission or supplement it carries. A broker that is down only delays
    the delivery: the failure is logged and the periodic relay queues the row later.
    """
    now = timezone.now()
    delivery = Delivery.objects.create(
        destination=destination,
        source_kind=source_kind,
        source_id=source_id,
        reference=reference,
        payload=payload,
        status=DeliveryStatus.PENDING,
        next_attempt_at=now,
        queued_at=now,
    )
    transaction.on_commit(lambda: delivery_enqueue(delivery_id=delivery.pk))
    logger.info(
        "delivery_created delivery_id=%s destination=%s source_kind=%s source_id=%s",
        delivery.pk, destination, source_kind, source_id,
    )
    return delivery


def delivery_enqueue(*, delivery_id: int, countdown: float | None = None) -> bool:
    """Publish the delivery task; on a broker failure log it and leave the row to the relay."""
    from reports.delivery.tasks import deliver

    try:
        deliver.apply_async((delivery_id,), countdown=countdown)
    except Exception:
        logger.exception("delivery_enqueue_failed delivery_id=%s", delivery_id)
        Delivery.objects.filter(pk=delivery_id).update(queued_at=None)
        return False
    return True


def backoff_delay(*, attempt: int, base: float | None = None, cap: float | None = None) -> float:
    """Seconds to wait before retry number ``attempt`` (1-based): exponential, full jitter.

    A uniform draw from [0, min(cap, base·2^(attempt-1))] spreads the retries of many
    deliveries that failed together, so a recovering case system is not hit all at once.
    """
    base = settings.DELIVERY_BACKOFF_BASE if base is None else base
    cap = settings.DELIVERY_BACKOFF_CAP if cap is None else cap
    ceiling = min(cap, base * (2 ** max(attempt - 1, 0)))
    return random.uniform(0, ceiling)


def delivery_claim(*, delivery_id: int, now: datetime | None = None) -> Delivery | None:
    """Claim a due delivery for one attempt; None when it is not ours to run.

    A conditional UPDATE: of two workers holding the same id (a re-queued message, a
    redelivered one), exactly one gets the row, so one attempt per delivery runs at a time.
    """
    now = now or timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, status__in=RETRYABLE, next_attempt_at__lte=now
    ).update(
        status=DeliveryStatus.IN_PROGRESS,
        claimed_at=now,
        attempt_count=F("attempt_count") + 1,
        updated_at=now,
    )
    if not claimed:
        return None
    return Delivery.objects.get(pk=delivery_id)


def delivery_attempt(*, delivery_id: int) -> str | None:
    """Run one attempt of a delivery and record it; returns the new status, None if skipped.

    Guard clauses first: a delivery that is already delivered, dead, being attempted by
    another worker, or not yet due is left alone, which makes the task idempotent.
    """
    delivery = delivery_claim(delivery_id=delivery_id)
    if delivery is None:
        logger.info("delivery_skipped delivery_id=%s", delivery_id)
        return None
    started = time.monotonic()
    try:
        connector, config = connector_for(delivery.destination)
        result = connector.send(delivery=delivery, config=config)
    except Exception as exc:  # a connector bug or a misconfiguration must not lose the row
        logger.exception("delivery_connector_error delivery_id=%s", delivery.pk)
        result = ConnectorResult(outcome=AttemptOutcome.RETRY, error=f"{type(exc).__name__}: {exc}")
    duration_ms = int((time.monotonic() - started) * 1000)
    return delivery_result_record(delivery=delivery, result=result, duration_ms=duration_ms)


def delivery_result_record(*, delivery: Delivery, result: ConnectorResult, duration_ms: int) -> str:
    """Append the attempt to the history and move the delivery on: delivered, retry or dead."""
    now = timezone.now()
    retry_in: float | None = None
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempt_count,
            outcome=result.outcome,
            status_code=result.status_code,
            error=result.error[:4000],
            duration_ms=duration_ms,
        )
        if result.outcome == AttemptOutcome.DELIVERED:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            delivery.case_number = result.case_number or ""
            delivery.last_error = ""
            if result.case_number and delivery.source_kind == SourceKind.SUBMISSION:
                _submission_case_number_set(submission_id=delivery.source_id, case_number=result.case_number)
        elif (
            result.outcome == AttemptOutcome.PERMANENT
            or delivery.attempt_count >= settings.DELIVERY_MAX_ATTEMPTS
        ):
            delivery.status = DeliveryStatus.DEAD
            delivery.next_attempt_at = None
            delivery.last_error = result.error
        else:
            retry_in = backoff_delay(attempt=delivery.attempt_count)
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = now + timedelta(seconds=retry_in)
            delivery.queued_at = delivery.next_attempt_at
            delivery.last_error = result.error
        # Only the holder of the claim moves the row on: an attempt that outlived its lease
        # (and was reclaimed by the relay) records its history but changes nothing else.
        still_ours = Delivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.IN_PROGRESS, claimed_at=delivery.claimed_at
        ).update(
            status=delivery.status, delivered_at=delivery.delivered_at, next_attempt_at=delivery.next_attempt_at,
            queued_at=delivery.queued_at, case_number=delivery.case_number, last_error=delivery.last_error,
            claimed_at=None, updated_at=now,
        )
    if not still_ours:
        logger.warning("delivery_result_stale delivery_id=%s outcome=%s", delivery.pk, result.outcome)
        return DeliveryStatus.IN_PROGRESS
    delivery.claimed_at = None
    event = {
        DeliveryStatus.DELIVERED: "delivery_delivered",
        DeliveryStatus.DEAD: "delivery_dead",
        DeliveryStatus.FAILED: "delivery_failed",
    }[delivery.status]
    logger.info(
        "%s delivery_id=%s destination=%s attempt=%s status_code=%s",
        event, delivery.pk, delivery.destination, delivery.attempt_count, result.status_code,
    )
    if retry_in is not None:
        delivery_enqueue(delivery_id=delivery.pk, countdown=retry_in)
    return delivery.status


def _submission_case_number_set(*, submission_id: int, case_number: str) -> None:
    from reports.models import Submission

    Submission.objects.filter(pk=submission_id).update(case_number=case_number[:60])


def delivery_retry(*, delivery: Delivery) -> bool:
    """Staff's "retry now": a fresh round of attempts, also after the automatic limit.

    Returns whether it was queued. Delivered or running deliveries, and those whose personal
    data was purged, are left alone.
    """
    now = timezone.now()
    with transaction.atomic():
        updated = Delivery.objects.filter(pk=delivery.pk).exclude(
            status__in=(DeliveryStatus.DELIVERED, DeliveryStatus.IN_PROGRESS)
        ).exclude(payload__has_key="purged").update(
            status=DeliveryStatus.PENDING, attempt_count=0, next_attempt_at=now, queued_at=now, updated_at=now
        )
        if updated:
            transaction.on_commit(lambda: delivery_enqueue(delivery_id=delivery.pk))
    logger.info("delivery_retried delivery_id=%s requeued=%s", delivery.pk, bool(updated))
    return bool(updated)


def deliveries_relay(*, limit: int = 500) -> int:
    """Re-queue deliveries that are due but have no message in flight; reclaim stale claims.

    Runs periodically (Celery beat). Rows are claimed with ``SELECT … FOR UPDATE SKIP LOCKED``
    so several relays never queue the same rows; a row whose message was published recently
    (``queued_at``) is left alone until ``DELIVERY_REQUEUE_AFTER`` has passed, so a slow
    queue is not flooded with duplicates (a duplicate would be harmless: the claim skips it).
    A delivery ``in_progress`` past ``DELIVERY_LEASE_SECONDS`` belonged to a worker that died;
    it goes back to ``failed`` and is due at once.
    """
    now = timezone.now()
    lease = timedelta(seconds=settings.DELIVERY_LEASE_SECONDS)
    requeue_after = timedelta(seconds=settings.DELIVERY_REQUEUE_AFTER)
    with transaction.atomic():
        stale = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.IN_PROGRESS, claimed_at__lt=now - lease)
            .values_list("pk", flat=True)[:limit]
        )
        for delivery_id in stale:
            DeliveryAttempt.objects.create(
                delivery_id=delivery_id, number=0, outcome=AttemptOutcome.RETRY,
                error=WORKER_LOST,
            )
        if stale:
            Delivery.objects.filter(pk__in=stale).update(
                status=DeliveryStatus.FAILED, claimed_at=None, next_attempt_at=now, queued_at=None,
                last_error=WORKER_LOST, updated_at=now,
            )
            logger.warning("delivery_reclaimed count=%s delivery_ids=%s", len(stale), stale)
        due = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status__in=RETRYABLE, next_attempt_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lte=now - requeue_after))
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
        if due:
            Delivery.objects.filter(pk__in=due).update(queued_at=now)
    queued = sum(delivery_enqueue(delivery_id=delivery_id) for delivery_id in due)
    if due:
        logger.info("delivery_relayed due=%s queued=%s", len(due), queued)
    return queued


def delivery_payloads_purge(*, submission) -> int:
    """Blank the outbox's copies of a purged submission's personal data; return how many.

    Called by ``reports.triage.services.submission_purge`` inside the purge's transaction.
    The reference, destination, status and attempt history stay for staff; a delivery that
    has not reached its case system by now never will with blank data, so it is
    dead-lettered with a reason instead of being sent empty.
    """
    deliveries = Delivery.objects.filter(source_kind=SourceKind.SUBMISSION, source_id=submission.pk)
    supplements = getattr(submission, "supplements", None)
    if supplements is not None and hasattr(supplements, "values_list"):
        deliveries = deliveries | Delivery.objects.filter(
            source_kind=SourceKind.SUPPLEMENT, source_id__in=list(supplements.values_list("pk", flat=True))
        )
    count = _payloads_blank(deliveries=deliveries, reference=submission.reference)
    logger.info("delivery_payloads_purged submission_id=%s count=%s", submission.pk, count)
    return count


def booking_payloads_purge(*, booking) -> int:
    """The same for a passport booking's outbox rows (the booking and its cancellation)."""
    deliveries = Delivery.objects.filter(
        source_kind__in=(SourceKind.BOOKING, SourceKind.BOOKING_CANCELLATION), source_id=booking.pk
    )
    count = _payloads_blank(deliveries=deliveries, reference=booking.reference)
    logger.info("delivery_payloads_purged booking_id=%s count=%s", booking.pk, count)
    return count


def _payloads_blank(*, deliveries, reference: str) -> int:
    """Replace the payloads with ``{"reference", "purged"}``, dead-letter what never arrived and
    delete, after commit, the files the file connector wrote for them."""
    now = timezone.now()
    files = [outbox_file_path(row) for row in deliveries.only("pk", "reference", "source_kind", "destination")]
    purged_payload = {"reference": reference, "purged": True}
    deliveries.exclude(status=DeliveryStatus.DELIVERED).update(
        status=DeliveryStatus.DEAD, next_attempt_at=None, queued_at=None, updated_at=now,
        last_error="Personal data was purged before the delivery reached its case system.",
    )
    count = deliveries.update(payload=purged_payload, updated_at=now)
    transaction.on_commit(lambda: _outbox_files_delete(files))
    return count


def _outbox_files_delete(paths) -> None:
    deleted = 0
    for path in paths:
        try:
            if path.exists():
                path.unlink()
                deleted += 1
        except OSError:
            logger.exception("outbox_file_delete_failed path=%s", path)
    if paths:
        logger.info("outbox_files_deleted count=%s", deleted)
