"""The optional, anonymous survey question on the receipt page."""

import pytest

from reports.analytics.models import CounterfactualAnswer
from reports.constants import SubmissionStatus
from reports.gatekeeping import RECEIPTS_KEY
from reports.models import StatusChange, Submission

pytestmark = pytest.mark.django_db

QUESTION = "Had this e-service not existed, what would you have done?"


@pytest.fixture
def receipt(client):
    submission = Submission.objects.create(
        reference="PE-SURV-EY00-0001",
        service="stold",
        language="en",
        region="Syd",
        reporter_name="Anna",
        client_token="survey-1",
    )
    StatusChange.objects.create(submission=submission, to_status=SubmissionStatus.RECEIVED)
    session = client.session
    session[RECEIPTS_KEY] = [submission.reference]
    session.save()
    return submission


def test_receipt_shows_the_question(client, receipt):
    body = client.get(f"/en/kvitto/{receipt.reference}/").content.decode()
    assert QUESTION in body
    assert 'name="answer" value="called_11414"' in body
    assert "not linked to your report" in body


def test_answer_is_stored_anonymously_and_thanked(client, receipt):
    response = client.post(f"/en/enkat/{receipt.reference}/", {"answer": "called_11414"}, follow=True)
    assert response.status_code == 200
    assert "Thank you for your answer." in response.content.decode()
    assert QUESTION not in response.content.decode()  # not asked twice
    answer = CounterfactualAnswer.objects.get()
    assert (answer.service, answer.answer, answer.language) == ("stold", "called_11414", "en")
    fields = {f.name for f in CounterfactualAnswer._meta.get_fields()}
    assert fields == {"id", "service", "answer", "language", "answered_on"}  # nothing that links back


def test_second_answer_for_the_same_receipt_is_ignored(client, receipt):
    client.post(f"/en/enkat/{receipt.reference}/", {"answer": "other"})
    client.post(f"/en/enkat/{receipt.reference}/", {"answer": "called_11414"})
    assert list(CounterfactualAnswer.objects.values_list("answer", flat=True)) == ["other"]


@pytest.mark.parametrize("data", [{}, {"answer": "bribed_someone"}])
def test_missing_or_unknown_answer_shows_an_error(client, receipt, data):
    response = client.post(f"/en/enkat/{receipt.reference}/", data, follow=True)
    body = response.content.decode()
    assert "Choose one of the answers, or leave the question unanswered." in body
    assert QUESTION in body
    assert not CounterfactualAnswer.objects.exists()


def test_someone_elses_receipt_cannot_be_answered(client, receipt):
    client.session.flush()
    other = client.__class__()
    assert other.post(f"/en/enkat/{receipt.reference}/", {"answer": "other"}).status_code == 404
    assert not CounterfactualAnswer.objects.exists()


def test_form_works_with_csrf_checks_on(receipt, client):
    """The form carries a real CSRF token: a browser without JavaScript can post it."""
    import re

    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies  # the same browser session, which may see this receipt
    body = strict.get(f"/en/kvitto/{receipt.reference}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    response = strict.post(f"/en/enkat/{receipt.reference}/", {"answer": "not_reported", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert CounterfactualAnswer.objects.get().answer == "not_reported"
