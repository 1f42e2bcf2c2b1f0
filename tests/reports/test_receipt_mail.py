"""The receipt e-mail: sent once however often its task runs, and by the periodic sweep when the
broker was down at submit time (reports.services.submission_confirmation_send, tasks.confirmation_sweep)."""
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from reports import services, tasks
from reports.models import Submission
from tests.delivery.conftest import broker_down
from tests.delivery.helpers import submission_submit
from tests.delivery.test_worker_integration import closed_port

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]



def submit(commit, *, down: bool = False) -> Submission:
    if not down:
        with commit(execute=True):
            return submission_submit()
    with broker_down(), commit(execute=True):  # the receipt is published at the commit
        return submission_submit()


def received(minutes: float, submission: Submission) -> None:
    Submission.objects.filter(pk=submission.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))


def receipts() -> list[str]:
    return [m.subject for m in mail.outbox if m.to == ["anna@example.se"]]


def test_the_receipt_is_sent_once_however_often_its_task_runs(django_capture_on_commit_callbacks):
    submission = submit(django_capture_on_commit_callbacks)
    assert len(receipts()) == 1 and submission.reference in receipts()[0]

    tasks.submission_confirmation_send(submission.pk)  # the broker delivered it twice
    assert services.submission_confirmation_send(submission=submission) is False  # a stale copy of the row
    received(10, submission)
    assert tasks.confirmation_sweep() == 0
    assert len(receipts()) == 1


def test_a_receipt_the_broker_never_took_is_sent_by_the_sweep(django_capture_on_commit_callbacks):
    submission = submit(django_capture_on_commit_callbacks, down=True)  # the submit succeeds
    assert receipts() == []
    assert tasks.confirmation_sweep() == 0  # too recent: the first task may be on its way

    received(10, submission)
    assert tasks.confirmation_sweep() == 1
    assert tasks.confirmation_sweep() == 0
    assert len(receipts()) == 1 and submission.reference in receipts()[0]


def test_the_sweep_gives_up_after_two_days(django_capture_on_commit_callbacks):
    submission = submit(django_capture_on_commit_callbacks, down=True)
    received(60 * 24 * 2 + 1, submission)
    assert tasks.confirmation_sweep() == 0
    assert receipts() == []


def test_a_failed_send_leaves_the_receipt_due(django_capture_on_commit_callbacks, settings):
    submission = submit(django_capture_on_commit_callbacks, down=True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    with pytest.raises(OSError):  # the mail server is down: the task's retries take it from here
        services.submission_confirmation_send(submission=submission)
    assert Submission.objects.get(pk=submission.pk).confirmation_sent_at is None
