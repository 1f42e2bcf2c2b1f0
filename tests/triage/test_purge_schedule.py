"""Everything holding personal data is purged on schedule: each kind of row and file, tested
with a clock (``now=``) just before and just after its boundary."""
import logging
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.celery import app as celery_app
from reports.booking import services as booking_services
from reports.booking.models import Booking
from reports.constants import SubmissionStatus as S
from reports.delivery.connectors import outbox_file_path
from reports.delivery.models import Delivery
from reports.delivery.services import delivery_attempt
from reports.models import StatusChange, Submission
from reports.triage import services, tasks
from reports.triage.constants import AuditPart
from reports.triage.models import AuditRecord
from tests.booking.conftest import make_slot, office, person  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

DAYS = 90
JUST = timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.PORTAL_PURGE_AFTER_DAYS = DAYS


def _at(submission, to_status, when):
    """Dates the status change into ``to_status`` (status history is append-only in the app)."""
    StatusChange.objects.filter(submission=submission, to_status=to_status).update(created_at=when)


def test_retention_counts_from_the_first_handling_not_the_last_change_nor_receipt(make_submission, officer):
    """Registered at T, closed 30 days later: due at T + 90 days, not at T + 120 (last change)."""
    submission = make_submission()
    handled_at = timezone.now() - timedelta(days=10)
    Submission.objects.filter(pk=submission.pk).update(created_at=handled_at - timedelta(days=200))
    services.submission_status_change(submission=submission, to_status=S.REGISTERED, by=officer, case_number="K-1")
    services.submission_status_change(submission=submission, to_status=S.CLOSED, by=officer)
    _at(submission, S.REGISTERED, handled_at)
    _at(submission, S.CLOSED, handled_at + timedelta(days=30))
    boundary = handled_at + timedelta(days=DAYS)

    assert services.submissions_purge(now=boundary - JUST) == 0
    assert Submission.objects.get(pk=submission.pk).purged_at is None
    assert services.submissions_purge(now=boundary + JUST) == 1
    assert Submission.objects.get(pk=submission.pk).purged_at is not None


def test_unhandled_submission_is_never_purged_however_old(make_submission):
    submission = make_submission()
    Submission.objects.filter(pk=submission.pk).update(created_at=timezone.now() - timedelta(days=400))
    assert services.submissions_purge(now=timezone.now() + timedelta(days=400)) == 0


def test_status_notes_audit_terms_outbox_payload_and_file_go_with_the_submission(
    client, make_submission, officer, django_capture_on_commit_callbacks,
):
    submission = make_submission()
    delivery = Delivery.objects.get(source_kind="submission", source_id=submission.pk)
    assert delivery_attempt(delivery_id=delivery.pk) == "delivered"
    written = outbox_file_path(delivery)
    assert "198112189876" in written.read_text()
    client.force_login(officer)
    client.get("/personal/reports/submission/", {"q": "811218-9876"})  # a search by identity number
    client.get("/personal/reports/submission/", {"personal_identity_number__startswith": "19811218"})
    client.get(f"/personal/reports/submission/{submission.pk}/change/")
    assert AuditRecord.objects.filter(detail__contains="811218").count() == 2
    services.submission_status_change(
        submission=submission, to_status=S.REJECTED, by=officer, note="Anna Andersson called, see 811218-9876",
        rejection_reason="duplicate",
    )
    _at(submission, S.REJECTED, timezone.now() - timedelta(days=DAYS))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.submissions_purge(now=timezone.now() + JUST) == 1

    assert set(StatusChange.objects.filter(submission=submission).values_list("note", flat=True)) == {""}
    assert not AuditRecord.objects.exclude(detail="").exists()
    assert AuditRecord.objects.filter(part=AuditPart.SEARCH).count() == 1  # who searched stays
    delivery.refresh_from_db()
    assert delivery.payload == {"reference": submission.reference, "purged": True}
    assert not written.exists()


def test_the_screening_words_in_the_outbox_go_with_the_submission(
    make_submission, officer, django_capture_on_commit_callbacks,
):
    """The words the screening found come from the citizen's text: the purge leaves none of them
    in the payloads of the submission and its supplements, nor in the files written for them."""
    from reports.status.services import supplement_create

    with django_capture_on_commit_callbacks(execute=True):  # delivered (file connector) on commit
        submission = make_submission(
            screening=[{"rule": "weapon_text", "level": "signal", "words": ["kniv"]}], priority=2,
        )
        supplement = supplement_create(submission=submission, text="Han hotade mig igen.", attachments=[])
    deliveries = list(Delivery.objects.filter(reference=submission.reference).order_by("pk"))
    assert [(d.source_kind, d.status) for d in deliveries] == [("submission", "delivered"), ("supplement", "delivered")]
    written = [outbox_file_path(delivery) for delivery in deliveries]
    assert "kniv" in written[0].read_text() and "hotade" in written[1].read_text()
    assert deliveries[1].source_id == supplement.pk
    services.submission_status_change(submission=submission, to_status=S.REGISTERED, by=officer, case_number="K-1")
    _at(submission, S.REGISTERED, timezone.now() - timedelta(days=DAYS))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.submissions_purge(now=timezone.now() + JUST) == 1

    for delivery in deliveries:
        delivery.refresh_from_db()
        assert delivery.payload == {"reference": submission.reference, "purged": True}
    assert not any(path.exists() for path in written)


def test_audit_search_terms_are_blanked_after_the_retention_period(client, officer, submission):
    client.force_login(officer)
    client.get("/personal/reports/submission/", {"q": "Bo Berg"})  # nobody's submission: no person to match
    record = AuditRecord.objects.get(part=AuditPart.SEARCH)
    boundary = record.created_at + timedelta(days=DAYS)
    assert services.audit_terms_purge(now=boundary - JUST) == 0
    assert AuditRecord.objects.get(pk=record.pk).detail == "q=Bo Berg"
    assert services.audit_terms_purge(now=boundary + JUST) == 1
    record = AuditRecord.objects.get(pk=record.pk)
    assert (record.detail, record.user_id, record.part, record.hits) == ("", officer.pk, AuditPart.SEARCH, 0)


def _booking(make_slot, *, days=2):  # noqa: F811 (fixture)
    slot = make_slot(days=days)
    return booking_services.booking_reserve(
        who=person(), slot_id=slot.pk, people=1,
        contact=booking_services.Contact(email="anna@example.se", phone="0701234567"), language="sv",
    )


@pytest.mark.parametrize("cancelled", [False, True], ids=["after-the-time", "after-cancelling"])
def test_booking_its_payloads_and_files_are_purged_after_the_retention_period(
    make_slot, cancelled, django_capture_on_commit_callbacks,  # noqa: F811
):
    booking = _booking(make_slot)
    token = booking.manage_token
    if cancelled:
        booking_services.booking_cancel(booking=booking)
        booking.refresh_from_db()
        start = booking.cancelled_at
    else:
        start = booking.slot.ends_at
    deliveries = list(Delivery.objects.filter(source_id=booking.pk, source_kind__startswith="booking"))
    assert len(deliveries) == (2 if cancelled else 1)
    files = []
    for delivery in deliveries:
        assert delivery_attempt(delivery_id=delivery.pk) == "delivered"
        files.append(outbox_file_path(delivery))
        assert booking.personal_identity_number in files[-1].read_text()
    boundary = start + timedelta(days=DAYS)

    assert booking_services.bookings_purge(now=boundary - JUST) == 0
    assert Booking.objects.get(pk=booking.pk).name == "Anna Andersson"
    with django_capture_on_commit_callbacks(execute=True):
        assert booking_services.bookings_purge(now=boundary + JUST) == 1

    booking.refresh_from_db()
    assert (booking.name, booking.personal_identity_number, booking.email, booking.phone, booking.manage_code) == (
        "", "", "", "", "")
    assert booking.manage_token != token and booking.purged_at is not None
    assert booking.reference and booking.people == 1  # counts stay
    for delivery in deliveries:
        delivery.refresh_from_db()
        assert delivery.payload == {"reference": booking.reference, "purged": True}
    assert not any(path.exists() for path in files)
    assert booking_services.bookings_purge(now=boundary + JUST) == 0  # idempotent


def test_an_upcoming_booking_is_kept(make_slot):  # noqa: F811
    booking = _booking(make_slot, days=5)
    assert booking_services.bookings_purge(now=timezone.now() + timedelta(days=DAYS)) == 0
    assert Booking.objects.get(pk=booking.pk).purged_at is None


def test_expired_sessions_are_cleared_and_live_ones_kept():
    expired, live = SessionStore(), SessionStore()
    expired["wizard"] = {"personal_identity_number": "198112189876"}
    live["wizard"] = {"personal_identity_number": "198112189884"}
    expired.create()
    live.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - JUST)
    assert tasks.sessions_clear() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_beat_runs_every_purge():
    schedule = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    for task in ("reports.triage.tasks.personal_data_purge", "reports.triage.tasks.sessions_clear"):
        assert task in schedule
        assert task in celery_app.tasks


def test_the_scheduled_purge_runs_every_kind_and_logs_the_counts(make_submission, officer, make_slot, caplog):  # noqa: F811
    submission = make_submission()
    services.submission_status_change(submission=submission, to_status=S.REGISTERED, by=officer, case_number="K-1")
    _at(submission, S.REGISTERED, timezone.now() - timedelta(days=DAYS + 1))
    booking = _booking(make_slot)
    booking.slot.__class__.objects.filter(pk=booking.slot_id).update(
        starts_at=timezone.now() - timedelta(days=DAYS + 2), ends_at=timezone.now() - timedelta(days=DAYS + 1)
    )
    services.audit_record_create(user=officer, part=AuditPart.SEARCH, detail="q=Someone Else", hits=0)
    AuditRecord.objects.all().purge_update(created_at=timezone.now() - timedelta(days=DAYS + 1))

    with caplog.at_level(logging.INFO, logger="reports.triage.services"):
        counts = tasks.personal_data_purge()

    assert counts == {"submissions": 1, "bookings": 1, "audit_terms": 1}
    assert "personal_data_purged submissions=1 bookings=1 audit_terms=1" in caplog.text
