"""reports.queueing: the mails promised to a citizen are published to the real broker, and a
broker that is down costs a logged event, never the citizen's request."""
import json
import logging

import pytest
import redis

from portal.celery import app
from reports.booking import services as booking_services
from reports.booking.tasks import booking_confirmation_send
from reports.queueing import task_publish
from reports.services import _send_confirmation
from reports.tasks import submission_confirmation_send
from reports.triage.services import _enqueue_notice
from tests.delivery.conftest import broker, broker_point, redis_url  # noqa: F401 (fixtures)
from tests.delivery.test_worker_integration import closed_port

pytestmark = pytest.mark.usefixtures("broker")  # the test Redis as broker, not eager


def queued() -> list[dict]:
    """The messages waiting in Celery's default queue on the broker: task name and arguments."""
    messages = [json.loads(raw) for raw in redis.Redis.from_url(app.conf.broker_url).lrange("celery", 0, -1)]
    return [{"task": m["headers"]["task"], "args": m["headers"]["argsrepr"]} for m in messages]


def test_a_task_is_published_to_the_broker():
    assert task_publish(submission_confirmation_send, 41, failure_event="x_failed") is True
    assert task_publish(booking_confirmation_send, 7, failure_event="x_failed", moved=True) is True
    assert queued() == [
        {"task": "reports.booking.tasks.booking_confirmation_send", "args": "(7,)"},
        {"task": "reports.tasks.submission_confirmation_send", "args": "(41,)"},
    ]  # a Redis list: the newest first


def test_a_broker_that_is_down_is_logged_not_raised(caplog):
    broker_point(app, f"redis://127.0.0.1:{closed_port()}/0")
    with caplog.at_level(logging.ERROR, logger="reports.queueing"):
        assert task_publish(submission_confirmation_send, 41, failure_event="x_failed") is False
    [record] = caplog.records
    assert record.getMessage().startswith("x_failed task=reports.tasks.submission_confirmation_send args=(41,)")
    assert record.exc_info is not None  # the broker's error, for the operator


@pytest.mark.parametrize(("publish", "event"), [
    (lambda: _send_confirmation(41), "confirmation_enqueue_failed"),
    (lambda: _enqueue_notice(42), "status_notice_enqueue_failed"),
    (lambda: booking_services._enqueue("booking_confirmation_send", 43, moved=True), "booking_mail_enqueue_failed"),
])
def test_each_promised_mail_survives_a_broker_that_is_down(caplog, publish, event):
    broker_point(app, f"redis://127.0.0.1:{closed_port()}/0")
    with caplog.at_level(logging.ERROR, logger="reports.queueing"):
        publish()  # does not raise: the request that promised the mail still succeeds
    assert [r.getMessage().split(" ")[0] for r in caplog.records] == [event]
