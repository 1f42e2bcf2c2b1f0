"""Vandalism end to end: what was damaged, the owner when it is not the reporter, the cost."""
import pytest

from reports.models import Submission
from tests.reports.helpers import pass_gate, step_post
from tests.reports.service_walk import ABOUT_YOU, gate_answers, step_errors, submit, walk_to_check, when_where

pytestmark = pytest.mark.django_db

WHEN_WHERE = when_where(place_kind="home", address="Tallvägen 3, the bicycle shed",
                        what_happened="Someone sprayed tags on the wall of our bicycle shed.")
DAMAGE = {
    "skadan-damaged_kind": "graffiti",
    "skadan-registration_number": "",
    "skadan-description": "Black tags, about 2 by 3 metres, on the south wall.",
    "skadan-estimated_cost_sek": "15000",
}
NOT_OWNER = {
    "agare-is_owner": "no",
    "agare-reporter_role": "Board member",
    "agare-owner_name": "Brf Tallen",
    "agare-owner_organisation_number": "556036-0793",
    "agare-owner_phone": "031-123 45 67",
    "agare-owner_email": "styrelsen@tallen.example",
}


def start(client):
    pass_gate(client, "skadegorelse", gate_answers("skadegorelse"), "/en")
    step_post(client, "skadegorelse", "nar-var", WHEN_WHERE, "/en")


def test_vandalism_reported_for_the_owner_completes(client, django_capture_on_commit_callbacks):
    check = walk_to_check(client, "skadegorelse", [
        ("nar-var", WHEN_WHERE), ("skadan", DAMAGE), ("agare", NOT_OWNER), ("om-dig", ABOUT_YOU),
    ])
    assert "Brf Tallen" in check.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        receipt = submit(client, "skadegorelse", check)
    submission = Submission.objects.get()
    assert submission.reference.startswith("SKD-") and submission.reference in receipt.content.decode()
    assert submission.region == "Väst"
    assert submission.answers["skadan"] == {
        "damaged_kind": "graffiti",
        "registration_number": "",
        "description": "Black tags, about 2 by 3 metres, on the south wall.",
        "estimated_cost_sek": "15000",
    }
    assert submission.answers["agare"] == {
        "is_owner": "no",
        "reporter_role": "Board member",
        "owner_name": "Brf Tallen",
        "owner_organisation_number": "556036-0793",
        "owner_phone": "+46311234567",
        "owner_email": "styrelsen@tallen.example",
    }


def test_an_owner_is_not_asked_for_owner_details_and_none_are_stored(client):
    owner = {**NOT_OWNER, "agare-is_owner": "yes", "agare-owner_organisation_number": "not checked"}
    damage = {**DAMAGE, "skadan-damaged_kind": "vehicle", "skadan-registration_number": "abc 12a"}
    check = walk_to_check(client, "skadegorelse", [
        ("nar-var", WHEN_WHERE), ("skadan", damage), ("agare", owner), ("om-dig", ABOUT_YOU),
    ])
    submit(client, "skadegorelse", check)
    answers = Submission.objects.get().answers
    assert answers["agare"] == {
        "is_owner": "yes", "reporter_role": "", "owner_name": "", "owner_organisation_number": "",
        "owner_phone": "", "owner_email": "",
    }
    assert answers["skadan"]["registration_number"] == "ABC12A"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"skadan-damaged_kind": "vehicle"}, "Enter the registration number of the damaged vehicle."),
        ({"skadan-damaged_kind": "vehicle", "skadan-registration_number": "IQV 123"}, "the letters I, Q and V"),
        ({"skadan-damaged_kind": "vehicle", "skadan-registration_number": "A"}, "Enter a Swedish registration number"),
        ({"skadan-damaged_kind": ""}, "Answer “What was damaged?”."),
        ({"skadan-description": ""}, "Fill in “Describe the damage”."),
        ({"skadan-estimated_cost_sek": "-1"}, "“Estimated cost in SEK (optional)” must be at least 0."),
    ],
)
def test_damage_validation(client, changes, message):
    start(client)
    page = step_errors(client, "skadegorelse", "skadan", {**DAMAGE, **changes})
    assert message in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"agare-is_owner": ""}, "Do you own what was damaged? Answer yes or no."),
        ({"agare-owner_name": ""}, "The owner's name (a person, company or association): Fill this in when you"),
        ({"agare-reporter_role": ""}, "Your role, if you are not the owner: Fill this in when you are not"),
        ({"agare-owner_phone": "", "agare-owner_email": ""}, "Give a phone number or an e-mail address, or both."),
        ({"agare-owner_phone": "12"}, "Enter a phone number with its area code"),
        ({"agare-owner_organisation_number": "556036-0794"}, "the check digit does not match"),
    ],
)
def test_owner_validation(client, changes, message):
    start(client)
    step_post(client, "skadegorelse", "skadan", DAMAGE, "/en")
    page = step_errors(client, "skadegorelse", "agare", {**NOT_OWNER, **changes})
    assert message in page
