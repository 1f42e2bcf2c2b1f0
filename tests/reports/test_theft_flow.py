"""The theft e-service end to end through the test client: gate, steps, check, submit."""
import re

import pytest
from django.core import mail

from reports.constants import GateOutcome, SubmissionStatus
from reports.models import GateRecord, Item, StatusChange, Submission
from tests.reports.helpers import (
    THEFT_ABOUT_YOU,
    THEFT_ITEMS,
    THEFT_WHEN_WHERE,
    pass_gate,
    step_post,
    token_from,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def theft_answers():
    return {
        "in_progress": "no",
        "danger": "no",
        "violence": "no",
        "vehicle": "no",
        "id_document": "no",
        "weapon": "no",
        "knows_suspect": "no",
        "protected_identity": "no",
        "has_identity_number": "yes",
    }


def walk_to_check(client, theft_answers, prefix=""):
    response = pass_gate(client, "stold", theft_answers, prefix)
    assert response.status_code == 302
    assert response["Location"].endswith("/stold/steg/")
    response = step_post(client, "stold", "nar-var", THEFT_WHEN_WHERE, prefix)
    assert response.status_code == 302, response.content.decode()[:3000]
    response = step_post(client, "stold", "foremal", THEFT_ITEMS, prefix)
    assert response.status_code == 302, response.content.decode()[:3000]
    response = step_post(client, "stold", "om-dig", THEFT_ABOUT_YOU, prefix)
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(response["Location"])


def test_theft_end_to_end_creates_one_submission_with_items(client, theft_answers, django_capture_on_commit_callbacks):
    check = walk_to_check(client, theft_answers)
    page = check.content.decode()
    assert "Drottninggatan 1" in page and "Crescent Elis" in page and "Stockholm" in page
    token = token_from(check)
    with django_capture_on_commit_callbacks(execute=True):
        response = step_post(client, "stold", "granska", {"granska-token": token, "granska-confirm": "on"})
        assert response.status_code == 302
        response = client.get(response["Location"])  # formtools' "done" step
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    submission = Submission.objects.get()
    assert submission.reference in receipt.content.decode()
    assert submission.status == SubmissionStatus.RECEIVED
    assert submission.region == "Stockholm"
    assert submission.municipality_code == "0180"
    assert submission.personal_identity_number == "198112189876"
    assert submission.phone == "+46701234567"
    assert submission.language == "sv"
    assert submission.answers["nar-var"]["address"] == "Drottninggatan 1"
    assert submission.gate_record.outcome == GateOutcome.E_SERVICE
    item = Item.objects.get(submission=submission)
    assert (item.kind, item.serial_number, item.value_sek) == ("bicycle", "WCR123456", 6500)
    assert StatusChange.objects.filter(submission=submission, to_status=SubmissionStatus.RECEIVED).count() == 1
    assert len(mail.outbox) == 1
    assert submission.reference in mail.outbox[0].body
    assert mail.outbox[0].to == ["anna@example.se"]
    assert "Vi har tagit emot ditt ärende" in mail.outbox[0].body  # Swedish, the language chosen


def test_confirmation_email_in_the_chosen_language(client, theft_answers, django_capture_on_commit_callbacks):
    check = walk_to_check(client, theft_answers, prefix="/en")
    token = token_from(check)
    step_post(client, "stold", "om-dig", {**THEFT_ABOUT_YOU, "om-dig-preferred_language": "en"}, "/en")
    with django_capture_on_commit_callbacks(execute=True):
        response = step_post(client, "stold", "granska", {"granska-token": token, "granska-confirm": "on"}, "/en")
        response = client.get(response["Location"])
    submission = Submission.objects.get()
    assert submission.language == "en"
    assert "We have received your errand" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Receipt:")


def test_double_submit_and_refresh_create_one_submission(client, theft_answers):
    check = walk_to_check(client, theft_answers)
    token = token_from(check)
    confirm = {"granska-token": token, "granska-confirm": "on"}
    first = step_post(client, "stold", "granska", confirm)
    second = step_post(client, "stold", "granska", confirm)  # the second click, before the first finished
    done = client.get(first["Location"])
    again = client.get(second["Location"])
    assert Submission.objects.count() == 1
    reference = Submission.objects.get().reference
    assert done["Location"].endswith(f"/kvitto/{reference}/")
    assert again["Location"].endswith(f"/kvitto/{reference}/")
    refreshed = step_post(client, "stold", "granska", confirm)  # the browser re-sends the POST
    assert refreshed.status_code == 302 and refreshed["Location"].endswith(f"/kvitto/{reference}/")
    assert Submission.objects.count() == 1


def test_steps_cannot_be_reached_without_passing_the_gate(client):
    for url in ("/stold/steg/", "/stold/steg/nar-var/", "/stold/steg/granska/", "/stold/steg/klar/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/stold/"
    response = client.post("/stold/steg/nar-var/", {"report_stold-current_step": "nar-var", **THEFT_WHEN_WHERE})
    assert response["Location"] == "/stold/"
    assert Submission.objects.count() == 0


def test_a_call_112_outcome_does_not_open_the_steps(client, theft_answers):
    response = pass_gate(client, "stold", {**theft_answers, "in_progress": "yes"})
    assert response["Location"] == "/stold/besked/"
    page = client.get("/stold/besked/").content.decode()
    assert 'href="tel:112"' in page
    assert client.get("/stold/steg/nar-var/")["Location"] == "/stold/"
    record = GateRecord.objects.get()
    assert (record.outcome, record.rule, record.service) == (GateOutcome.CALL_112, "in_progress", "stold")


def test_gate_records_hold_no_personal_data(client, theft_answers):
    pass_gate(client, "stold", theft_answers)
    record = GateRecord.objects.values().get()
    # The attempt chain is a random key and the first try's outcome and rule: nothing that names the person.
    assert set(record) == {"id", "service", "outcome", "rule", "language", "region", "created_at", "attempt_key",
                           "first_outcome", "first_rule", "shown_phone_wait_minutes"}
    assert re.fullmatch(r"[a-z]{32}", record["attempt_key"]) and record["first_outcome"] == ""  # no digit runs


def test_receipt_is_only_shown_to_the_browser_that_submitted(client, theft_answers):
    check = walk_to_check(client, theft_answers)
    response = step_post(client, "stold", "granska", {"granska-token": token_from(check), "granska-confirm": "on"})
    receipt_url = client.get(response["Location"])["Location"]
    assert client.get(receipt_url).status_code == 200
    client.cookies.clear()
    assert client.get(receipt_url).status_code == 404


def test_unanswered_gate_questions_are_listed_and_linked(client):
    response = client.post("/stold/", {"in_progress": "no"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_danger_0"' in page
    assert 'id="id_danger_0"' in page
    assert 'value="no"\n' in page or 'value="no" checked' in page or "checked" in page


def test_back_on_a_page_left_open_in_another_tab_keeps_what_that_page_held(client):
    """The person reached the check page in one tab and presses "Back" on "About you", still open
    in another: what that page held is kept for "About you" (not filed under the check page)."""
    from tests.reports.service_walk import walk_to_check

    walk_to_check(client, "stold", [("nar-var", THEFT_WHEN_WHERE), ("foremal", THEFT_ITEMS),
                                    ("om-dig", THEFT_ABOUT_YOU)], prefix="")
    response = step_post(client, "stold", "om-dig",
                         {**THEFT_ABOUT_YOU, "om-dig-name": "Cecilia Ek", "wizard_goto_step": "foremal"})
    assert response.status_code == 302 and response["Location"].endswith("/stold/steg/foremal/")
    assert 'value="Cecilia Ek"' in client.get("/stold/steg/om-dig/").content.decode()
