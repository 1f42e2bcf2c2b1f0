"""Celery tasks of case-system delivery. They take ids, re-read rows and call a service."""
from celery import shared_task

from reports.delivery import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def deliver(delivery_id: int) -> str | None:
    """One attempt of one delivery; a duplicate or late message is skipped by the claim."""
    return services.delivery_attempt(delivery_id=delivery_id)


@shared_task(ignore_result=True)
def deliveries_relay() -> int:
    """Periodic (beat): queue due deliveries and reclaim those of dead workers."""
    return services.deliveries_relay()
