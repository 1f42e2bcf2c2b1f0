"""Celery tasks of staff triage. They take ids, re-read the rows and call a service."""
import logging

from celery import shared_task

from reports.queueing import sweep_publish
from reports.triage import services
from reports.triage.models import StatusDecision

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def status_notice_send(decision_id: int) -> bool:
    """E-mail the citizen about one status decision; safe to run twice."""
    decision = StatusDecision.objects.filter(pk=decision_id).first()
    if decision is None or decision.notice_sent_at is not None or not decision.notify_citizen:
        return False
    return services.status_notice_send(decision=decision)


@shared_task
def status_notice_sweep() -> int:
    """Enqueue e-mails that were never sent (broker down at the time of the decision)."""
    return sweep_publish(status_notice_send, services.notices_pending(), limit=500)


@shared_task(acks_late=True)
def personal_data_purge() -> dict[str, int]:
    """Blank what is older than PORTAL_PURGE_AFTER_DAYS: handled submissions (with their
    outbox payloads and files), past passport bookings (likewise) and audit search terms.
    Returns (and logs) the count of each."""
    return services.personal_data_purge_all()


@shared_task
def sessions_clear() -> int:
    """Delete expired sessions, as ``manage.py clearsessions`` does; returns how many."""
    return services.sessions_clear()
