"""Burglary end to end through the test client: the items step is shown only if something was taken."""
import pytest
from django.core import mail

from reports.models import Item, Submission
from tests.reports.helpers import pass_gate, step_post
from tests.reports.service_walk import (
    ABOUT_YOU,
    formset,
    gate_answers,
    step_errors,
    submit,
    walk_to_check,
    when_where,
)

pytestmark = pytest.mark.django_db

BREAK_IN = {
    "inbrottet-entry_point": "door",
    "inbrottet-entry_description": "The padlock on the storage door was cut.",
    "inbrottet-damage": "Padlock cut, door frame bent.",
    "inbrottet-damage_cost_sek": "1200",
    "inbrottet-anything_taken": "yes",
}
ITEMS = formset("foremal", [
    {"kind": "bicycle", "description": "Black mountain bike", "brand_model": "Trek Marlin 5",
     "serial_number": "WTU123456", "value_sek": "8000"},
    {"kind": "other", "description": "Winter tyres, four", "brand_model": "", "serial_number": "", "value_sek": "3000"},
])


def test_burglary_with_items_completes_to_a_receipt(client, django_capture_on_commit_callbacks):
    check = walk_to_check(client, "inbrott", [
        ("nar-var", when_where()), ("inbrottet", BREAK_IN), ("foremal", ITEMS), ("om-dig", ABOUT_YOU),
    ])
    page = check.content.decode()
    assert "Padlock cut, door frame bent." in page and "Trek Marlin 5" in page
    with django_capture_on_commit_callbacks(execute=True):
        receipt = submit(client, "inbrott", check)
    submission = Submission.objects.get()
    assert submission.reference.startswith("INB-") and submission.reference in receipt.content.decode()
    assert (submission.service, submission.region, submission.municipality_code) == ("inbrott", "Väst", "1480")
    assert submission.answers["inbrottet"] == {
        "entry_point": "door",
        "entry_description": "The padlock on the storage door was cut.",
        "damage": "Padlock cut, door frame bent.",
        "damage_cost_sek": "1200",
        "anything_taken": "yes",
    }
    assert submission.answers["nar-var"]["place_kind"] == "storage"
    items = list(Item.objects.filter(submission=submission).values_list("kind", "serial_number", "value_sek"))
    assert items == [("bicycle", "WTU123456", 8000), ("other", "", 3000)]
    assert submission.personal_identity_number == "198112189876"
    assert mail.outbox[0].to == ["anna@example.se"] and submission.reference in mail.outbox[0].body


def test_nothing_taken_skips_the_items_step(client):
    response = walk_to_check(client, "inbrott", [
        ("nar-var", when_where()), ("inbrottet", {**BREAK_IN, "inbrottet-anything_taken": "no"}),
        ("om-dig", ABOUT_YOU),
    ])
    assert "What was taken" not in response.content.decode()
    submit(client, "inbrott", response)
    submission = Submission.objects.get()
    assert "foremal" not in submission.answers
    assert submission.items.count() == 0


def test_items_typed_before_changing_to_nothing_taken_are_not_stored(client):
    check = walk_to_check(client, "inbrott", [
        ("nar-var", when_where()), ("inbrottet", BREAK_IN), ("foremal", ITEMS), ("om-dig", ABOUT_YOU),
    ])
    step_post(client, "inbrott", "inbrottet", {**BREAK_IN, "inbrottet-anything_taken": "no"}, "/en")
    check = client.get("/en/inbrott/steg/granska/")
    assert "Trek Marlin 5" not in check.content.decode()
    submit(client, "inbrott", check)
    submission = Submission.objects.get()
    assert "foremal" not in submission.answers and submission.items.count() == 0


def test_the_items_step_cannot_be_opened_when_nothing_was_taken(client):
    walk_to_check(client, "inbrott", [
        ("nar-var", when_where()), ("inbrottet", {**BREAK_IN, "inbrottet-anything_taken": "no"}),
        ("om-dig", ABOUT_YOU),
    ])
    response = client.get("/en/inbrott/steg/foremal/")
    assert response.status_code == 302 and not response["Location"].endswith("/foremal/")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("anything_taken", "", "Was anything taken? Answer yes or no."),
        ("entry_point", "", "Answer “How did they get in?”."),
        ("damage", "", "Fill in “What was damaged?”."),
        ("damage_cost_sek", "-5", "“Estimated cost of the damage in SEK (optional)” must be at least 0."),
    ],
)
def test_break_in_step_validation(client, field, value, message):
    pass_gate(client, "inbrott", gate_answers("inbrott"), "/en")
    step_post(client, "inbrott", "nar-var", when_where(), "/en")
    page = step_errors(client, "inbrott", "inbrottet", {**BREAK_IN, f"inbrottet-{field}": value})
    assert message in page
    assert "Padlock cut, door frame bent." in page or field == "damage"  # nothing typed is lost


@pytest.mark.parametrize(
    ("place", "location"),
    [("home", "/en/inbrott/besked/"), ("business", "/en/inbrott/besked/"), ("boat", "/en/inbrott/steg/")],
)
def test_place_of_the_break_in_decides_the_way(client, place, location):
    response = pass_gate(client, "inbrott", gate_answers("inbrott", place=place), "/en")
    assert response["Location"] == location
    if location.endswith("/besked/"):
        page = client.get(location).content.decode()
        assert "forensic examination" in page and 'href="tel:11414"' in page


def test_changing_to_something_taken_from_the_check_page_asks_for_the_items(client):
    walk_to_check(client, "inbrott", [
        ("nar-var", when_where()), ("inbrottet", {**BREAK_IN, "inbrottet-anything_taken": "no"}),
        ("om-dig", ABOUT_YOU),
    ])
    response = step_post(client, "inbrott", "inbrottet", {**BREAK_IN, "return_to_check": "1"}, "/en")
    assert response["Location"].endswith("/inbrott/steg/foremal/")  # not back to the summary yet
    response = step_post(client, "inbrott", "foremal", {**ITEMS, "return_to_check": "1"}, "/en")
    assert response["Location"].endswith("/inbrott/steg/granska/")
    check = client.get(response["Location"])
    assert "Trek Marlin 5" in check.content.decode()
    submit(client, "inbrott", check)
    assert Submission.objects.get().items.count() == 2
