"""The core's signals (reports.signals): listeners of other areas never break the citizen's flow.

A listener that raises is logged with its traceback; the citizen's step renders, the
submission and its case-system outbox row (an explicit call, not a listener) commit.
"""
from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.dispatch import Signal

from reports import signals
from reports.analytics.models import FunnelStepCount, SubmissionFact
from reports.delivery.models import Delivery
from reports.models import Submission
from tests.delivery.helpers import submission_submit
from tests.reports.helpers import pass_gate
from tests.reports.service_walk import gate_answers

pytestmark = pytest.mark.django_db


class Broken(Exception):
    pass


@pytest.fixture
def raising_listener():
    """Connect a listener that raises to a signal for one test, and disconnect it after."""
    connected = []

    def connect(signal, error=Broken("listener bug")):
        def listener(sender, **kwargs):
            if isinstance(error, str):
                with connection.cursor() as cursor:  # a database error inside the transaction
                    cursor.execute(error)
            raise error

        signal.connect(listener, weak=False, dispatch_uid=f"test_raising_{id(signal)}")
        connected.append(signal)
        return listener

    yield connect
    for signal in connected:
        signal.disconnect(dispatch_uid=f"test_raising_{id(signal)}")


def test_analytics_listens_to_the_cores_signals_not_to_a_view():
    assert signals.step_reached.has_listeners()
    assert signals.submission_created.has_listeners()
    assert signals.demo_data_requested.has_listeners()


def test_a_failing_step_listener_does_not_break_the_citizens_step_and_is_logged(client, raising_listener, caplog):
    raising_listener(signals.step_reached)
    response = pass_gate(client, "stold", gate_answers("stold"), "/en")
    assert response.status_code == 302
    with caplog.at_level(logging.ERROR, logger="reports.signals"):
        step = client.get(response["Location"], follow=True)
    assert step.status_code == 200
    assert b"listener bug" not in step.content
    (record,) = [r for r in caplog.records if r.getMessage().startswith("signal_listener_failed")]
    assert "signal=step_reached" in record.getMessage() and record.exc_info[0] is Broken
    # The failing listener rolled back the funnel count of this event only; nothing else broke.
    assert FunnelStepCount.objects.count() == 0


def test_the_funnel_is_counted_when_no_listener_fails(client):
    response = pass_gate(client, "stold", gate_answers("stold"), "/en")
    assert client.get(response["Location"], follow=True).status_code == 200
    assert FunnelStepCount.objects.filter(service="stold").count() == 1


def test_a_listener_failing_in_the_database_keeps_the_submission_and_its_outbox_row(raising_listener, caplog):
    raising_listener(signals.submission_created, error="SELECT * FROM no_such_table_issue17")
    with caplog.at_level(logging.ERROR, logger="reports.signals"):
        submission = submission_submit()
    assert Submission.objects.filter(pk=submission.pk).exists()
    # The outbox row is an explicit call, not a listener: it is there whatever listeners do.
    assert Delivery.objects.filter(source_kind="submission", source_id=submission.pk).count() == 1
    assert any(r.getMessage().startswith("signal_listener_failed signal=submission_created")
               for r in caplog.records)
    # The listeners' writes of this event were rolled back together (the fact is re-made by the sync).
    assert not SubmissionFact.objects.filter(submission_id=submission.pk).exists()


def test_without_a_failing_listener_the_submission_gets_its_anonymous_fact():
    submission = submission_submit()
    assert SubmissionFact.objects.filter(submission_id=submission.pk).exists()


def test_signal_send_calls_every_listener_and_counts_the_failing_ones(caplog):
    signal, heard = Signal(), []

    def good(sender, **kwargs):
        heard.append(kwargs["value"])

    def bad(sender, **kwargs):
        raise Broken("listener bug")

    signal.connect(bad, weak=False)
    signal.connect(good, weak=False)
    with caplog.at_level(logging.ERROR, logger="reports.signals"):
        assert signals.signal_send(signal, sender=None, value=7) == 1
    assert heard == [7]  # the listener after the failing one still ran
    assert [r.exc_info[0] for r in caplog.records if r.name == "reports.signals"] == [Broken]
