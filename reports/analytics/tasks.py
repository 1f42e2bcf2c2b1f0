"""Periodic work of analytics (CELERY_BEAT_SCHEDULE)."""
from celery import shared_task

from reports.analytics import services


@shared_task
def rollups_refresh() -> int:
    """Re-aggregate today, yesterday and any day whose submissions changed; idempotent."""
    return services.rollups_refresh_recent()
