"""In-process rules of delivery: the file connector, backoff, signature, claim, relay, settings."""
from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone

from reports.delivery import connectors
from reports.delivery.conf import DestinationConfig
from reports.delivery.connectors import (
    FileConnector,
    outbox_dir,
    payload_body,
    registry,
    signature_compute,
)
from reports.delivery.constants import AttemptOutcome, DeliveryStatus
from reports.delivery.models import Delivery
from reports.delivery.services import backoff_delay, deliveries_relay, delivery_claim
from tests.delivery.helpers import delivery_direct, delivery_of, submission_submit
from tests.delivery.receiver import signature_verify
from tests.production_env import environment

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FILE_CONFIG = DestinationConfig(name="crime_reports", connector="file")


def test_a_submission_is_written_as_one_file_in_the_embedded_default(
    celery_eager, django_capture_on_commit_callbacks, settings
):
    """DEBUG's default: the file connector, tasks in-process; the submit itself writes the file."""
    with django_capture_on_commit_callbacks(execute=True):
        submission = submission_submit()
    delivery = delivery_of(submission)
    assert delivery.status == DeliveryStatus.DELIVERED
    path = Path(settings.PORTAL_VAR_DIR) / "outbox" / "crime_reports" / f"{submission.reference}.json"
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["reference"] == submission.reference
    assert written["delivery"]["idempotency_key"] == str(delivery.idempotency_key)
    assert written["items"][0]["serial_number"] == "WCR1"
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_the_file_connector_rewrites_the_same_file_and_leaves_no_temporary_files():
    delivery = delivery_direct("tips", reference="TIP-AAAA-BBBB-CCCC")
    first = FileConnector().send(delivery=delivery, config=FILE_CONFIG)
    second = FileConnector().send(delivery=delivery, config=FILE_CONFIG)
    assert first.outcome == second.outcome == AttemptOutcome.DELIVERED
    files = sorted(p.name for p in outbox_dir("tips").iterdir())
    assert files == ["TIP-AAAA-BBBB-CCCC.json"]
    assert json.loads((outbox_dir("tips") / files[0]).read_bytes())["reference"] == "TIP-AAAA-BBBB-CCCC"


def test_a_crash_while_writing_leaves_the_old_file_whole_and_no_partial_file(monkeypatch):
    """Atomic: readers see the previous complete file or the new complete file, never a torn one."""
    delivery = delivery_direct("permits", reference="PRM-AAAA-BBBB-CCCC")
    assert FileConnector().send(delivery=delivery, config=FILE_CONFIG).outcome == AttemptOutcome.DELIVERED
    folder = outbox_dir("permits")
    (target,) = list(folder.iterdir())
    before = target.read_bytes()

    def crash(src, dst):
        raise OSError("disk went away")

    monkeypatch.setattr(connectors.os, "replace", crash)
    delivery.payload = {**delivery.payload, "more": "x" * 100_000}
    result = FileConnector().send(delivery=delivery, config=FILE_CONFIG)
    assert result.outcome == AttemptOutcome.RETRY and "disk went away" in result.error
    assert list(folder.iterdir()) == [target]
    assert target.read_bytes() == before


@pytest.mark.parametrize("attempt", [1, 2, 3, 5, 8, 20])
def test_backoff_has_full_jitter_within_the_exponential_ceiling_and_the_cap(attempt):
    base, cap = 30.0, 3600.0
    ceiling = min(cap, base * 2 ** (attempt - 1))
    delays = [backoff_delay(attempt=attempt, base=base, cap=cap) for _ in range(400)]
    assert all(0 <= d <= ceiling for d in delays)
    # Full jitter: spread over the whole range, not bunched at the ceiling.
    assert min(delays) < ceiling * 0.1 and max(delays) > ceiling * 0.9


def test_the_signature_matches_a_reference_hmac():
    body = payload_body({"reference": "STL-1234-5678-9ABC", "answers": {"what": "cykel"}})
    assert body == b'{"answers":{"what":"cykel"},"reference":"STL-1234-5678-9ABC"}'
    reference = hmac.new(b"s3cret", b"1764400000." + body, hashlib.sha256).hexdigest()
    assert signature_compute(secret="s3cret", timestamp="1764400000", body=body) == f"sha256={reference}"
    assert reference == hmac.new(b"s3cret", b"1764400000." + body, "sha256").hexdigest()
    # A changed byte, an old timestamp or another secret does not verify on the receiver's side.
    import time

    now = str(int(time.time()))
    good = signature_compute(secret="s3cret", timestamp=now, body=body)
    assert signature_verify(secret="s3cret", timestamp=now, body=body, signature=good)
    assert not signature_verify(secret="s3cret", timestamp=now, body=body + b" ", signature=good)
    assert not signature_verify(secret="other", timestamp=now, body=body, signature=good)
    old = str(int(time.time()) - 3600)
    replayed = signature_compute(secret="s3cret", timestamp=old, body=body)
    assert not signature_verify(secret="s3cret", timestamp=old, body=body, signature=replayed)


def test_the_connector_registry_refuses_a_duplicate_id():
    assert registry.ids() == ["file", "http"]
    with pytest.raises(ValueError, match="already registered"):

        @registry.register("file")
        class Another:
            pass


def test_a_delivery_is_claimed_by_one_attempt_at_a_time():
    delivery = delivery_direct("tips")
    first = delivery_claim(delivery_id=delivery.pk)
    assert first is not None and first.status == DeliveryStatus.IN_PROGRESS and first.attempt_count == 1
    assert delivery_claim(delivery_id=delivery.pk) is None  # a duplicate message does nothing
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, next_attempt_at=timezone.now() + timedelta(minutes=5)
    )
    assert delivery_claim(delivery_id=delivery.pk) is None  # not due yet
    for status in (DeliveryStatus.DELIVERED, DeliveryStatus.DEAD):
        Delivery.objects.filter(pk=delivery.pk).update(status=status, next_attempt_at=timezone.now())
        assert delivery_claim(delivery_id=delivery.pk) is None


@pytest.mark.django_db(transaction=True)
def test_the_relay_skips_rows_another_relay_has_locked(settings):
    """Two relays never queue the same row: SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL)."""
    assert connection.vendor == "postgresql"
    settings.CELERY_BROKER_URL = "memory://"
    from portal.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False  # publish to the in-memory broker: count, do not run
    try:
        locked, free = delivery_direct("tips"), delivery_direct("tips")
        Delivery.objects.update(queued_at=None)
        holding, release = threading.Event(), threading.Event()

        def other_relay():
            with transaction.atomic():
                list(Delivery.objects.select_for_update().filter(pk=locked.pk))
                holding.set()
                release.wait(10)
            connection.close()

        thread = threading.Thread(target=other_relay)
        thread.start()
        assert holding.wait(10)
        try:
            assert deliveries_relay() == 1
        finally:
            release.set()
            thread.join()
        assert Delivery.objects.get(pk=free.pk).queued_at is not None
        assert Delivery.objects.get(pk=locked.pk).queued_at is None
        assert deliveries_relay() == 1  # now the other one; the first is not re-queued so soon
        assert deliveries_relay() == 0
    finally:
        app.conf.task_always_eager = saved


def test_the_relay_reclaims_a_delivery_whose_worker_died(settings, celery_eager):
    settings.DELIVERY_LEASE_SECONDS = 60
    delivery = delivery_direct("tips")
    delivery_claim(delivery_id=delivery.pk)
    Delivery.objects.filter(pk=delivery.pk).update(claimed_at=timezone.now() - timedelta(seconds=30))
    deliveries_relay()
    assert Delivery.objects.get(pk=delivery.pk).status == DeliveryStatus.IN_PROGRESS  # lease not over
    Delivery.objects.filter(pk=delivery.pk).update(claimed_at=timezone.now() - timedelta(seconds=61))
    deliveries_relay()  # eager: reclaimed, queued and delivered through the file connector
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempt_count == 2
    assert delivery.attempts.filter(error__contains="worker lost").count() == 1


@pytest.mark.parametrize(
    ("extra_env", "missing"),
    [
        ({"DELIVERY_TIPS_CONNECTOR": "http", "DELIVERY_TIPS_URL": "https://t/"}, "DELIVERY_TIPS_SECRET"),
        ({"DELIVERY_TIPS_CONNECTOR": "http", "DELIVERY_TIPS_SECRET": "x"}, "DELIVERY_TIPS_URL"),
        ({}, "DELIVERY_TIPS_CONNECTOR"),
    ],
)
def test_production_settings_refuse_a_destination_without_connector_url_or_secret(extra_env, missing):
    env = {k: v for k, v in environment().items() if not k.startswith("DELIVERY_")}
    for name in ("CRIME_REPORTS", "PASSPORT", "REGISTER_EXTRACTS", "PERMITS"):
        env.update({f"DELIVERY_{name}_CONNECTOR": "http", f"DELIVERY_{name}_URL": "https://case.example/",
                    f"DELIVERY_{name}_SECRET": "s"})
    env.update(extra_env)
    code = "import portal.settings as s; print(s.DELIVERY_DESTINATIONS['tips'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert missing in result.stderr
    env.update(DELIVERY_TIPS_CONNECTOR="http", DELIVERY_TIPS_URL="https://t/", DELIVERY_TIPS_SECRET="x")
    complete = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    # Other areas' required production variables are not this test's business.
    assert "DELIVERY_" not in complete.stderr


def test_purging_a_submission_blanks_the_outbox_copy_and_stops_an_unsent_one(
    celery_eager, django_capture_on_commit_callbacks
):
    from reports.triage.services import submission_purge

    with django_capture_on_commit_callbacks(execute=True):
        sent = submission_submit()
    unsent = submission_submit()  # its on_commit never ran: still pending
    for submission in (sent, unsent):
        with django_capture_on_commit_callbacks(execute=True):
            assert submission_purge(submission=submission)
    delivered, pending = delivery_of(sent), delivery_of(unsent)
    assert delivered.payload == {"reference": sent.reference, "purged": True}
    assert delivered.status == DeliveryStatus.DELIVERED
    assert "198112189876" not in json.dumps(pending.payload)
    assert pending.status == DeliveryStatus.DEAD and "purged" in pending.last_error


def test_staff_retry_requeues_a_dead_letter_but_not_a_delivered_or_purged_one(
    celery_eager, django_capture_on_commit_callbacks
):
    from reports.delivery.services import delivery_retry

    dead, delivered, purged = delivery_direct("tips"), delivery_direct("tips"), delivery_direct("tips")
    Delivery.objects.filter(pk=dead.pk).update(status=DeliveryStatus.DEAD, attempt_count=20, next_attempt_at=None)
    Delivery.objects.filter(pk=delivered.pk).update(status=DeliveryStatus.DELIVERED)
    Delivery.objects.filter(pk=purged.pk).update(
        status=DeliveryStatus.DEAD, payload={"reference": purged.reference, "purged": True}
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery_retry(delivery=dead)  # past the automatic limit: eager, so delivered at once
        assert not delivery_retry(delivery=delivered)
        assert not delivery_retry(delivery=purged)
    dead.refresh_from_db()
    assert (dead.status, dead.attempt_count) == (DeliveryStatus.DELIVERED, 1)
    assert Delivery.objects.get(pk=purged.pk).status == DeliveryStatus.DEAD


def test_beat_runs_the_relay_and_a_submit_never_waits_long_for_the_broker(settings):
    from portal.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["delivery-relay"]
    assert entry["task"] in app.tasks and entry["schedule"] == settings.DELIVERY_RELAY_INTERVAL
    assert app.tasks["reports.delivery.tasks.deliver"].acks_late
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"] <= 1


def test_an_attempt_that_outlived_its_lease_does_not_overwrite_the_new_claim():
    from reports.delivery.connectors import ConnectorResult
    from reports.delivery.services import delivery_result_record

    delivery = delivery_direct("tips")
    slow = delivery_claim(delivery_id=delivery.pk)
    # Meanwhile the relay reclaimed it and another worker claimed it afresh.
    Delivery.objects.filter(pk=delivery.pk).update(claimed_at=timezone.now() + timedelta(seconds=1))
    delivery_result_record(
        delivery=slow, result=ConnectorResult(outcome=AttemptOutcome.RETRY, error="HTTP 503: busy"), duration_ms=9
    )
    row = Delivery.objects.get(pk=delivery.pk)
    assert row.status == DeliveryStatus.IN_PROGRESS and row.last_error == ""
    assert row.attempts.get().error == "HTTP 503: busy"  # the history still has it
