"""Tips end to end: anonymous unless the person chooses to leave contact details."""
import pytest
from django.core import mail

from reports.constants import Destination
from reports.delivery.models import Delivery
from reports.models import GateRecord, Submission
from tests.reports.helpers import pass_gate, step_post
from tests.reports.service_walk import gate_answers, step_errors, submit, walk_to_check

pytestmark = pytest.mark.django_db

TIP = {
    "tipset-subject": "drugs",
    "tipset-what": "Cars stop outside the kiosk every evening and something is handed over through the window.",
    "tipset-municipality": "2480",
    "tipset-place": "The kiosk at Storgatan 10",
    "tipset-date": "2026-11-25",
    "tipset-when": "Every evening around 21",
    "tipset-who": "A man called Kalle, about 30, drives a black BMW.",
}
CONTACT = {"kontakt-name": "Eva Ek", "kontakt-phone": "070-111 22 33", "kontakt-email": "eva@example.se"}


def test_an_anonymous_tip_stores_no_personal_data(client, django_capture_on_commit_callbacks):
    check = walk_to_check(client, "tips", [("tipset", TIP), ("kontakt-val", {"kontakt-val-wants_contact": "no"})])
    page = check.content.decode()
    assert "Kalle" in page and "Your contact details" not in page
    with django_capture_on_commit_callbacks(execute=True):
        receipt = submit(client, "tips", check)
    submission = Submission.objects.get()
    assert submission.reference.startswith("TIP-") and submission.reference in receipt.content.decode()
    assert (submission.reporter_name, submission.personal_identity_number, submission.phone, submission.email) == (
        "", "", "", ""
    )
    answers = {step: value for step, value in submission.answers.items() if step != "bilagor"}
    assert answers == {
        "tipset": {
            "subject": "drugs",
            "what": TIP["tipset-what"],
            "municipality": "2480",
            "place": "The kiosk at Storgatan 10",
            "date": "2026-11-25",
            "when": "Every evening around 21",
            "who": "A man called Kalle, about 30, drives a black BMW.",
        },
        "kontakt-val": {"wants_contact": "no"},
    }
    assert submission.region == "Nord"  # Umeå
    assert mail.outbox == []  # no address, no receipt
    assert set(GateRecord.objects.values().get()) == {"id", "service", "outcome", "rule", "language", "region",
                                                      "created_at", "attempt_key", "first_outcome", "first_rule",
                                                      "shown_phone_wait_minutes"}


def test_a_tip_with_contact_details_keeps_them(client, django_capture_on_commit_callbacks):
    check = walk_to_check(client, "tips", [
        ("tipset", TIP), ("kontakt-val", {"kontakt-val-wants_contact": "yes"}), ("kontakt", CONTACT),
    ])
    assert "Eva Ek" in check.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, "tips", check)
    submission = Submission.objects.get()
    contact = (submission.reporter_name, submission.phone, submission.email)
    assert contact == ("Eva Ek", "+46701112233", "eva@example.se")
    assert submission.personal_identity_number == ""  # never asked
    assert mail.outbox[0].to == ["eva@example.se"]
    # The tips case system gets the contact details the person chose to leave, so it can call back.
    payload = Delivery.objects.get(source_kind="submission", source_id=submission.pk).payload
    assert payload["reporter"] == {
        "name": "Eva Ek", "personal_identity_number": "", "phone": "+46701112233", "email": "eva@example.se",
    }


def test_contact_details_given_then_withdrawn_are_not_stored(client):
    walk_to_check(client, "tips", [
        ("tipset", TIP), ("kontakt-val", {"kontakt-val-wants_contact": "yes"}), ("kontakt", CONTACT),
    ])
    response = step_post(client, "tips", "kontakt-val", {"kontakt-val-wants_contact": "no"}, "/en")
    check = client.get(response["Location"])
    assert "Eva Ek" not in check.content.decode()
    submit(client, "tips", check)
    submission = Submission.objects.get()
    assert "kontakt" not in submission.answers
    assert (submission.reporter_name, submission.phone, submission.email) == ("", "", "")


def test_only_what_happened_is_required(client):
    minimal = {"tipset-subject": "other", "tipset-what": "Someone dumps oil drums in the forest."}
    check = walk_to_check(client, "tips", [("tipset", minimal), ("kontakt-val", {"kontakt-val-wants_contact": "no"})])
    submit(client, "tips", check)
    submission = Submission.objects.get()
    assert (submission.region, submission.municipality_code) == ("", "")


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("tipset", {**TIP, "tipset-what": ""}, "Fill in “What do you want to tell the police?”."),
        ("tipset", {**TIP, "tipset-date": "2999-01-01"}, "Date (optional): The date cannot be in the future."),
        ("tipset", {**TIP, "tipset-municipality": "0000"}, "the answers shown for “Municipality (optional)”."),
        ("kontakt-val", {}, "Do you want to leave contact details? Answer yes or no."),
    ],
)
def test_tip_validation(client, step, data, message):
    pass_gate(client, "tips", gate_answers("tips"), "/en")
    if step != "tipset":
        step_post(client, "tips", "tipset", TIP, "/en")
    assert message in step_errors(client, "tips", step, data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kontakt-phone": "", "kontakt-email": ""}, "Phone number: Give a phone number or an e-mail address"),
        ({"kontakt-name": ""}, "Fill in “Your name”."),
        ({"kontakt-phone": "123"}, "Enter a phone number with its area code"),
        ({"kontakt-email": "eva@"}, "Write the e-mail address in the form name@example.se."),
    ],
)
def test_contact_details_when_chosen_are_checked(client, changes, message):
    pass_gate(client, "tips", gate_answers("tips"), "/en")
    step_post(client, "tips", "tipset", TIP, "/en")
    step_post(client, "tips", "kontakt-val", {"kontakt-val-wants_contact": "yes"}, "/en")
    assert message in step_errors(client, "tips", "kontakt", {**CONTACT, **changes})


def test_tips_go_to_the_tips_destination():
    from reports.catalogue import registry

    assert registry["tips"].destination == Destination.TIPS


def test_an_urgent_tip_is_sent_to_112(client):
    response = pass_gate(client, "tips", gate_answers("tips", in_progress="yes"), "/en")
    assert response["Location"] == "/en/tips/besked/"
    assert 'href="tel:112"' in client.get(response["Location"]).content.decode()
