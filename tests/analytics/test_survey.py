"""The optional, anonymous survey question on the receipt page."""

import pytest

from reports.analytics.models import CounterfactualAnswer
from reports.constants import SubmissionStatus
from reports.models import StatusChange, Submission
from reports.session import RECEIPTS_KEY

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
    assert fields == {"id", "service", "kind", "answer", "language", "answered_on"}  # nothing that links back


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


# -- issue 15: a question of its own for a booking and for the guidance outcomes -------------
LOSS_SAFE = {"id_document": "no", "driving_licence": "no", "weapon": "no", "protected_identity": "no",
             "has_identity_number": "yes"}


def test_elsewhere_outcome_asks_its_own_question_once(client):
    from tests.reports.helpers import pass_gate

    outcome_url = pass_gate(client, "forlust", {**LOSS_SAFE, "driving_licence": "yes"}, "/en")["Location"]
    body = client.get(outcome_url).content.decode()
    assert "Had this page not told you where to turn, what would you have done?" in body
    assert 'action="/en/enkat/vagledning/forlust/"' in body
    response = client.post("/en/enkat/vagledning/forlust/", {"answer": "called_11414"}, follow=True)
    assert "Thank you for your answer." in response.content.decode()
    client.post("/en/enkat/vagledning/forlust/", {"answer": "other"})  # the same decision: ignored
    answer = CounterfactualAnswer.objects.get()
    assert (answer.service, answer.kind, answer.answer) == ("forlust", "elsewhere", "called_11414")


def test_guidance_answer_needs_such_an_outcome_in_this_session(client):
    from tests.reports.helpers import pass_gate

    assert client.post("/en/enkat/vagledning/forlust/", {"answer": "called_11414"}).status_code == 404
    pass_gate(client, "forlust", {**LOSS_SAFE, "id_document": "yes"}, "/en")  # a 114 14 outcome
    assert client.post("/en/enkat/vagledning/forlust/", {"answer": "called_11414"}).status_code == 404
    assert client.post("/en/enkat/vagledning/nonexistent/", {"answer": "called_11414"}).status_code == 404
    assert CounterfactualAnswer.objects.count() == 0


def test_guidance_answer_without_a_choice_shows_the_error(client):
    from tests.reports.helpers import pass_gate

    pass_gate(client, "forlust", {**LOSS_SAFE, "driving_licence": "yes"}, "/en")
    body = client.post("/en/enkat/vagledning/forlust/", {}, follow=True).content.decode()
    assert "Choose one of the answers, or leave the question unanswered." in body
    assert CounterfactualAnswer.objects.count() == 0


def test_booking_page_asks_the_booking_question(client):
    from datetime import timedelta

    from django.utils import timezone

    from reports.booking.models import Booking, Office, Slot

    office = Office.objects.create(
        name_sv="Passexpeditionen", name_en="Passport office", address_sv="Storgatan 1", address_en="Storgatan 1",
        municipality_code="0180",
    )
    start = timezone.now() + timedelta(days=3)
    slot = Slot.objects.create(office=office, starts_at=start, ends_at=start + timedelta(minutes=30), capacity=2,
                               booked=1)
    booking = Booking.objects.create(reference="PB-1", slot=slot, people=1, personal_identity_number="198001010001",
                                     name="Anna Andersson", manage_token="t" * 40, manage_code="123456")
    body = client.get(f"/en/pass/bokning/{booking.manage_token}/").content.decode()
    assert "Had you not been able to book your time here, what would you have done?" in body
    response = client.post(f"/en/enkat/bokning/{booking.manage_token}/", {"answer": "called_11414"}, follow=True)
    assert "Thank you for your answer." in response.content.decode()
    client.post(f"/en/enkat/bokning/{booking.manage_token}/", {"answer": "other"})
    answer = CounterfactualAnswer.objects.get()
    assert (answer.service, answer.kind, answer.answer) == ("pass", "booking", "called_11414")
    assert client.post("/en/enkat/bokning/not-a-token/", {"answer": "other"}).status_code == 404
