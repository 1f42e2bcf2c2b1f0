"""The status e-mail the broker never took is sent by the periodic sweep, once, within two days
(reports.triage.services.notices_pending, tasks.status_notice_sweep)."""
from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import QuerySet
from django.utils import timezone

from reports.constants import SubmissionStatus
from reports.models import StatusChange
from reports.triage import services, tasks
from tests.delivery.conftest import broker_down

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def decided_while_the_broker_was_down(submission, officer, commit) -> StatusChange:
    mail.outbox.clear()
    with broker_down(), commit(execute=True):  # the notice is published at the commit
        change = services.submission_status_change(
            submission=submission, to_status=SubmissionStatus.NEEDS_CONTACT, by=officer,
        )
    assert mail.outbox == []  # the decision stands; the e-mail waits for the sweep
    return change


def decided_ago(change: StatusChange, minutes: float) -> None:
    """History rows are append-only for the portal; the test moves this one back in time."""
    QuerySet(StatusChange).filter(pk=change.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))


def test_the_sweep_sends_a_notice_the_broker_never_took_once(submission, officer, django_capture_on_commit_callbacks):
    change = decided_while_the_broker_was_down(submission, officer, django_capture_on_commit_callbacks)
    assert tasks.status_notice_sweep() == 0  # too recent: the first task may be on its way
    decided_ago(change, 10)
    assert tasks.status_notice_sweep() == 1
    assert tasks.status_notice_sweep() == 0
    assert [m.to for m in mail.outbox] == [["anna@example.se"]] and submission.reference in mail.outbox[0].subject


def test_the_sweep_gives_up_after_two_days(submission, officer, django_capture_on_commit_callbacks):
    change = decided_while_the_broker_was_down(submission, officer, django_capture_on_commit_callbacks)
    decided_ago(change, 60 * 24 * 2 + 1)
    assert tasks.status_notice_sweep() == 0
    assert mail.outbox == []
