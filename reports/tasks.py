"""Celery tasks of the citizen-facing flows. They take ids and call a service."""
import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from reports import attachments, services
from reports.models import Submission
from reports.resume.services import drafts_purge

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def submission_confirmation_send(submission_id: int) -> None:
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None or submission.confirmation_sent_at is not None:
        return
    services.submission_confirmation_send(submission=submission)


# The sweep takes receipts older than SWEEP_AFTER (the first task has had its chance) and not
# older than SWEEP_WITHIN: an address that always fails is not tried for ever, nor does it keep
# newer receipts out of the sweep's batch.
SWEEP_AFTER = timedelta(minutes=5)
SWEEP_WITHIN = timedelta(days=2)


@shared_task
def confirmation_sweep() -> int:
    """Send confirmations that were never sent (broker down at submit time, say), oldest first."""
    now = timezone.now()
    pending = Submission.objects.filter(
        confirmation_sent_at__isnull=True, purged_at__isnull=True,
        created_at__lt=now - SWEEP_AFTER, created_at__gte=now - SWEEP_WITHIN,
    ).exclude(email="").order_by("created_at").values_list("pk", flat=True)[:500]
    count = 0
    for submission_id in pending:
        submission_confirmation_send.delay(submission_id)
        count += 1
    return count


@shared_task
def wizard_uploads_purge() -> int:
    """Delete wizard step files older than a day (runs that were never finished)."""
    return attachments.wizard_uploads_purge()


@shared_task
def report_drafts_purge() -> int:
    """Delete saved drafts (and their encrypted files) whose resume link has expired."""
    return drafts_purge()
