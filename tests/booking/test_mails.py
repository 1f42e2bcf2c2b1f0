"""A booking's confirmation and cancellation e-mails: sent once however often their task runs,
sent again for the new time after a move, and sent by the periodic sweep when the broker was
down at the time (reports.booking.mail, tasks.booking_mails_sweep)."""
from datetime import timedelta

import pytest
from django.core import mail
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from portal.celery import app
from reports.booking import mail as mail_module
from reports.booking import services, tasks
from reports.booking.models import Booking
from reports.queueing import SWEEP_AFTER
from tests.booking.conftest import person
from tests.delivery.conftest import broker_down
from tests.delivery.test_worker_integration import closed_port

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

EMAIL = "anna@example.se"



def reserve(slot, commit) -> Booking:
    with commit(execute=True):
        return services.booking_reserve(
            who=person(), slot_id=slot.pk, people=1, contact=services.Contact(email=EMAIL), language="sv"
        )


def age(booking: Booking, **fields_minutes) -> None:
    """Make the booking's changes ``minutes`` old, as if the sweep ran that much later."""
    Booking.objects.filter(pk=booking.pk).update(
        **{field: timezone.now() - timedelta(minutes=minutes) for field, minutes in fields_minutes.items()}
    )


def test_the_confirmation_is_sent_once_however_often_its_task_runs(make_slot, django_capture_on_commit_callbacks):
    booking = reserve(make_slot(), django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    assert booking.manage_token in mail.outbox[0].body  # the link to cancel or move it

    tasks.booking_confirmation_send(booking.pk)  # the broker delivered it twice
    age(booking, created_at=10)
    assert tasks.booking_mails_sweep() == 0  # sent: nothing for the sweep
    assert len(mail.outbox) == 1


def test_a_confirmation_the_broker_never_took_is_sent_by_the_sweep(make_slot, django_capture_on_commit_callbacks):
    with broker_down():
        booking = reserve(make_slot(), django_capture_on_commit_callbacks)  # the booking succeeds
    assert mail.outbox == []

    assert tasks.booking_mails_sweep() == 0  # too recent: the first task may still be on its way
    age(booking, created_at=10)
    assert tasks.booking_mails_sweep() == 1
    assert tasks.booking_mails_sweep() == 0
    [sent] = mail.outbox
    assert booking.reference in sent.subject and booking.manage_token in sent.body
    assert Booking.objects.get(pk=booking.pk).confirmation_sent_at is not None


def test_a_move_is_confirmed_for_the_new_time_also_when_the_broker_was_down(
    make_slot, django_capture_on_commit_callbacks
):
    first, later = make_slot(days=2), make_slot(days=3)
    booking = reserve(first, django_capture_on_commit_callbacks)
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        services.booking_move(booking=booking, slot_id=later.pk)
    assert len(mail.outbox) == 1  # only the first confirmation so far
    assert Booking.objects.get(pk=booking.pk).confirmation_sent_at is None  # due again

    age(booking, created_at=60, moved_at=10)
    assert tasks.booking_mails_sweep() == 1
    moved = mail.outbox[1]
    assert "har flyttats" in moved.subject  # the moved wording, in the booking's language (Swedish)
    with translation.override("sv"):
        assert date_filter(timezone.localtime(later.starts_at), "l j F Y") in moved.body  # the new day


def test_the_cancellation_is_sent_once_and_by_the_sweep_if_the_broker_was_down(
    make_slot, django_capture_on_commit_callbacks
):
    booking = reserve(make_slot(), django_capture_on_commit_callbacks)
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking)
    assert len(mail.outbox) == 1  # the confirmation only

    age(booking, cancelled_at=10)
    assert tasks.booking_mails_sweep() == 1
    tasks.booking_cancellation_send(booking.pk)  # a duplicate
    assert tasks.booking_mails_sweep() == 0
    assert len(mail.outbox) == 2
    assert booking.reference in mail.outbox[1].subject


@pytest.mark.parametrize("case", ["two days late", "time passed", "purged", "no e-mail"])
def test_the_sweep_leaves_what_is_no_longer_worth_sending(make_slot, django_capture_on_commit_callbacks, case):
    with broker_down():
        booking = reserve(make_slot(days=1.5), django_capture_on_commit_callbacks)
    age(booking, created_at=60 * 24 * 2 + 1 if case == "two days late" else 10)
    if case == "time passed":
        booking.slot.__class__.objects.filter(pk=booking.slot_id).update(starts_at=timezone.now() - timedelta(hours=1))
    if case == "purged":
        Booking.objects.filter(pk=booking.pk).update(purged_at=timezone.now())
    if case == "no e-mail":
        Booking.objects.filter(pk=booking.pk).update(email="")
    assert tasks.booking_mails_sweep() == 0
    assert mail.outbox == []


def test_a_failed_send_leaves_the_confirmation_due(make_slot, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    with broker_down():
        booking = reserve(make_slot(), django_capture_on_commit_callbacks)
    with pytest.raises(OSError):  # the mail server is down: the task's retries take it from here
        mail_module.booking_confirmation_send(booking_id=booking.pk)
    assert Booking.objects.get(pk=booking.pk).confirmation_sent_at is None


def test_beat_runs_the_sweep(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["booking-mails-sweep"]
    assert app.tasks[entry["task"]].name == tasks.booking_mails_sweep.name  # registered under that name
    assert entry["schedule"] <= SWEEP_AFTER.total_seconds()  # each booking swept soon after its wait
