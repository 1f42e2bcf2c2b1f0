"""The http connector's reading of the case system's answers, against the local receiver:
2xx delivered, 408/429 and 5xx retried with backoff, any other 4xx a permanent refusal
(dead letter at once). One row per status."""
import pytest

from reports.constants import Destination
from reports.delivery.conf import DestinationConfig
from reports.delivery.connectors import HttpConnector
from reports.delivery.constants import AttemptOutcome, DeliveryStatus
from reports.delivery.models import Delivery
from reports.delivery.services import delivery_attempt
from tests.delivery.conftest import HTTP_TIMEOUT, secret_for
from tests.delivery.helpers import delivery_direct

pytestmark = pytest.mark.django_db

ROWS = [
    # status, connector outcome, delivery status after the attempt
    (201, AttemptOutcome.DELIVERED, DeliveryStatus.DELIVERED),
    (408, AttemptOutcome.RETRY, DeliveryStatus.FAILED),
    (429, AttemptOutcome.RETRY, DeliveryStatus.FAILED),
    (500, AttemptOutcome.RETRY, DeliveryStatus.FAILED),
    (502, AttemptOutcome.RETRY, DeliveryStatus.FAILED),
    (503, AttemptOutcome.RETRY, DeliveryStatus.FAILED),
    (504, AttemptOutcome.RETRY, DeliveryStatus.FAILED),
    (400, AttemptOutcome.PERMANENT, DeliveryStatus.DEAD),
    (401, AttemptOutcome.PERMANENT, DeliveryStatus.DEAD),
    (403, AttemptOutcome.PERMANENT, DeliveryStatus.DEAD),
    (404, AttemptOutcome.PERMANENT, DeliveryStatus.DEAD),
    (409, AttemptOutcome.PERMANENT, DeliveryStatus.DEAD),
    (413, AttemptOutcome.PERMANENT, DeliveryStatus.DEAD),
    (422, AttemptOutcome.PERMANENT, DeliveryStatus.DEAD),
]


@pytest.fixture
def tips_over_http(settings, receiver):
    settings.DELIVERY_DESTINATIONS = {
        **settings.DELIVERY_DESTINATIONS,
        Destination.TIPS: {"CONNECTOR": "http", "URL": receiver.url(Destination.TIPS),
                           "SECRET": secret_for(Destination.TIPS), "TIMEOUT": HTTP_TIMEOUT},
    }
    settings.DELIVERY_MAX_ATTEMPTS = 20
    return receiver


@pytest.mark.parametrize(("status", "outcome", "after"), ROWS, ids=[str(row[0]) for row in ROWS])
def test_the_answer_status_decides_the_outcome(tips_over_http, status, outcome, after):
    receiver = tips_over_http
    if status != 201:
        receiver.state.reject_status = status
        receiver.state.reject_message = f"answer {status}"
    delivery = delivery_direct(Destination.TIPS)
    config = DestinationConfig(name=Destination.TIPS, connector="http", url=receiver.url(Destination.TIPS),
                               secret=secret_for(Destination.TIPS), timeout=HTTP_TIMEOUT)
    result = HttpConnector().send(delivery=delivery, config=config)
    assert (result.outcome, result.status_code) == (outcome, status)
    if status != 201:
        assert result.error == f"HTTP {status}: answer {status}"
    # The same answer through the outbox: the row is delivered, waits for a retry, or is dead.
    assert delivery_attempt(delivery_id=delivery.pk) == after
    row = Delivery.objects.get(pk=delivery.pk)
    assert row.status == after
    assert (row.next_attempt_at is not None) == (after == DeliveryStatus.FAILED)
    assert row.attempts.get().status_code == status
