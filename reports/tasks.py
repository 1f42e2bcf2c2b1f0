"""Celery tasks of the citizen-facing flows. They take ids and call a service."""
import logging

from celery import shared_task

from reports import attachments, services
from reports.models import Submission
from reports.queueing import sweep_publish, sweep_window
from reports.resume.services import drafts_purge

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def submission_confirmation_send(submission_id: int) -> None:
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None or submission.confirmation_sent_at is not None:
        return
    services.submission_confirmation_send(submission=submission)


@shared_task
def confirmation_sweep() -> int:
    """Send confirmations that were never sent (broker down at submit time, say), oldest first."""
    pending = Submission.objects.filter(
        confirmation_sent_at__isnull=True, purged_at__isnull=True, **sweep_window("created_at"),
    ).exclude(email="").order_by("created_at")
    return sweep_publish(submission_confirmation_send, pending, limit=500)


@shared_task
def wizard_uploads_purge() -> int:
    """Delete wizard step files older than a day (runs that were never finished)."""
    return attachments.wizard_uploads_purge()


@shared_task
def report_drafts_purge() -> int:
    """Delete saved drafts (and their encrypted files) whose resume link has expired."""
    return drafts_purge()
