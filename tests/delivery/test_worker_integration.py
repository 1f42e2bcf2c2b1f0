"""End to end: a real Redis broker, a real Celery worker process, a local case system.

Each test proves one promise of the outbox: delivered everywhere with a valid signature,
retried through failures, dead-lettered and retried by staff, surviving a killed worker
without a second case, surviving a broker outage without losing a submission, and showing
a refusal (4xx) to staff without retrying it.
"""
from __future__ import annotations

import socket
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from reports.catalogue import registry
from reports.constants import Destination
from reports.delivery.constants import AttemptOutcome, DeliveryStatus
from reports.delivery.models import Delivery, DeliveryAttempt
from reports.delivery.services import deliveries_relay
from reports.models import Submission
from tests.delivery.conftest import broker_point, wait_for
from tests.delivery.helpers import delivery_direct, delivery_of, submission_submit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


def status_of(delivery) -> str:
    return Delivery.objects.values_list("status", flat=True).get(pk=delivery.pk)


def wait_status(delivery, status, timeout=30.0):
    wait_for(lambda: status_of(delivery) == status, timeout=timeout,
             message=f"delivery {delivery.pk} to become {status} (is {status_of(delivery)})")


def staff_client() -> Client:
    user = get_user_model().objects.create_user(
        username="handler", password="a-long-test-password", is_staff=True, is_superuser=True
    )
    client = Client()
    client.force_login(user)
    return client


def test_every_destination_is_delivered_with_a_signature_the_receiver_verifies(worker, receiver):
    # One wizard service per destination where the catalogue has one (a submission through
    # submission_create); the others (passport bookings) call delivery_create themselves.
    services = {service.destination: service for service in registry if service.steps}
    deliveries = []
    for destination in Destination:
        service = services.get(destination)
        if service is not None:
            submission = submission_submit(service.slug)
            deliveries.append((destination, delivery_of(submission), submission))
        else:  # no catalogue service yet for this destination: another area's delivery_create
            deliveries.append((destination, delivery_direct(destination), None))

    for destination, delivery, submission in deliveries:
        wait_status(delivery, DeliveryStatus.DELIVERED)
        delivery.refresh_from_db()
        key = str(delivery.idempotency_key)
        assert delivery.case_number == receiver.state.cases[key]
        assert delivery.case_number.startswith(destination.upper())
        if submission is not None:
            submission.refresh_from_db()
            assert submission.case_number == delivery.case_number
            assert receiver.state.payloads[key]["reference"] == submission.reference
    requests = receiver.state.requests
    assert len(requests) == len(Destination)
    assert all(r.verified and r.status == 201 for r in requests)
    assert sorted(r.path.strip("/") for r in requests) == sorted(d.value for d in Destination)


def test_receiver_failing_three_times_then_recovering_gets_it_exactly_once(worker, receiver):
    receiver.state.fail_next = 3
    delivery = delivery_of(submission_submit())

    wait_status(delivery, DeliveryStatus.DELIVERED)
    statuses = [r.status for r in receiver.state.requests]
    assert statuses == [500, 500, 500, 201]
    assert len(receiver.state.cases) == 1
    outcomes = list(DeliveryAttempt.objects.filter(delivery=delivery).values_list("outcome", flat=True))
    assert outcomes == [AttemptOutcome.RETRY] * 3 + [AttemptOutcome.DELIVERED]
    # Nothing arrives later from a stray retry.
    time.sleep(1.0)
    assert len(receiver.state.requests) == 4


def test_receiver_down_past_the_limit_is_dead_lettered_then_staff_retry_delivers(worker, receiver):
    receiver.stop()
    delivery = delivery_of(submission_submit())

    wait_status(delivery, DeliveryStatus.DEAD)
    delivery.refresh_from_db()
    assert delivery.attempt_count == 4  # DELIVERY_MAX_ATTEMPTS in the worker's environment
    assert "Connection" in delivery.last_error
    assert DeliveryAttempt.objects.filter(delivery=delivery, outcome=AttemptOutcome.RETRY).count() == 4

    receiver.start()
    client = staff_client()
    changelist = reverse("admin:delivery_delivery_changelist")
    page = client.get(changelist)
    assert page.status_code == 200 and delivery.reference in page.content.decode()
    response = client.post(changelist, {"action": "retry_now", "_selected_action": [delivery.pk], "index": 0})
    assert response.status_code == 302

    wait_status(delivery, DeliveryStatus.DELIVERED)
    assert len(receiver.state.cases) == 1
    assert Submission.objects.get(pk=delivery.source_id).case_number == receiver.state.cases[
        str(delivery.idempotency_key)
    ]


def test_a_worker_killed_mid_delivery_is_recovered_and_the_case_registered_once(worker, receiver):
    receiver.state.hold = True
    delivery = delivery_of(submission_submit())
    assert receiver.state.held.wait(timeout=20), "the delivery reached the receiver"
    worker.kill()  # SIGKILL while the receiver holds the request: no answer ever reaches the portal
    assert status_of(delivery) == DeliveryStatus.IN_PROGRESS
    receiver.state.hold = False
    receiver.state.release.set()

    worker.start()  # a new worker; the old message is unacknowledged and stays so
    time.sleep(1.0)
    assert status_of(delivery) == DeliveryStatus.IN_PROGRESS  # within the lease nobody touches it

    def relayed_and_delivered():
        deliveries_relay()
        return status_of(delivery) == DeliveryStatus.DELIVERED

    wait_for(relayed_and_delivered, timeout=30, interval=0.5, message="the relay to deliver it")
    key = str(delivery.idempotency_key)
    assert [r.idempotency_key for r in receiver.state.requests] == [key, key]
    assert len(receiver.state.cases) == 1
    delivery.refresh_from_db()
    assert delivery.case_number == receiver.state.cases[key]
    assert "worker lost" in DeliveryAttempt.objects.filter(delivery=delivery).first().error


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_broker_down_while_citizens_submit_loses_nothing(worker, receiver, broker, redis_url):
    broker_point(broker, f"redis://127.0.0.1:{closed_port()}/0")
    submissions = []
    for _ in range(5):
        started = time.monotonic()
        submissions.append(submission_submit())
        assert time.monotonic() - started < 5, "a submit never hangs on a broker that is down"
    assert Submission.objects.filter(pk__in=[s.pk for s in submissions]).count() == 5
    deliveries = [delivery_of(s) for s in submissions]
    assert all(d.status == DeliveryStatus.PENDING and d.queued_at is None for d in deliveries)
    time.sleep(0.5)
    assert receiver.state.requests == []

    broker_point(broker, redis_url)
    assert deliveries_relay() == 5
    for delivery in deliveries:
        wait_status(delivery, DeliveryStatus.DELIVERED)
    assert len(receiver.state.cases) == 5
    assert len(receiver.state.requests) == 5


def test_a_refusal_is_not_retried_and_staff_see_the_receivers_message(worker, receiver):
    receiver.state.reject_status = 422
    receiver.state.reject_message = "Municipality code 9999 does not exist"
    delivery = delivery_of(submission_submit())

    wait_status(delivery, DeliveryStatus.DEAD)
    time.sleep(1.0)
    assert len(receiver.state.requests) == 1
    attempt = DeliveryAttempt.objects.get(delivery=delivery)
    assert (attempt.outcome, attempt.status_code) == (AttemptOutcome.PERMANENT, 422)

    client = staff_client()
    page = client.get(reverse("admin:delivery_delivery_change", args=[delivery.pk]))
    assert page.status_code == 200
    assert "Municipality code 9999 does not exist" in page.content.decode()
    listing = client.get(reverse("admin:delivery_delivery_changelist")).content.decode()
    assert "Municipality code 9999 does not exist" in listing
