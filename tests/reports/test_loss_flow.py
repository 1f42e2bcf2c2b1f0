"""Loss end to end: items as in theft, an IMEI checked by its check digit."""
import pytest

from reports.models import Item, Submission
from tests.reports.helpers import pass_gate, step_post
from tests.reports.service_walk import ABOUT_YOU, formset, gate_answers, step_errors, submit, walk_to_check, when_where

pytestmark = pytest.mark.django_db

ITEMS = formset("foremal", [
    {"kind": "phone", "description": "Black phone in a red case", "brand_model": "Fairphone 5",
     "serial_number": "49-015420-323751-8", "value_sek": "7000"},
    {"kind": "wallet_bag", "description": "Brown leather wallet", "brand_model": "", "serial_number": "",
     "value_sek": ""},
])
WHEN_WHERE = when_where(place_kind="public_transport", address="Tram 11 towards Saltholmen",
                        what_happened="I noticed at home that my phone and wallet were gone.")


def test_loss_completes_to_a_receipt_with_its_items(client, django_capture_on_commit_callbacks):
    check = walk_to_check(client, "forlust", [("nar-var", WHEN_WHERE), ("foremal", ITEMS), ("om-dig", ABOUT_YOU)])
    assert "490154203237518" in check.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        receipt = submit(client, "forlust", check)
    submission = Submission.objects.get()
    assert submission.reference.startswith("FRL-") and submission.reference in receipt.content.decode()
    assert (submission.service, submission.region) == ("forlust", "Väst")
    assert submission.answers["nar-var"]["address"] == "Tram 11 towards Saltholmen"
    items = Item.objects.filter(submission=submission)
    assert list(items.values_list("kind", "serial_number", "value_sek")) == [
        ("phone", "490154203237518", 7000), ("wallet_bag", "", None)
    ]
    assert submission.answers["foremal"][1]["description"] == "Brown leather wallet"


def test_a_wrong_imei_check_digit_is_refused_and_nothing_typed_is_lost(client):
    pass_gate(client, "forlust", gate_answers("forlust"), "/en")
    step_post(client, "forlust", "nar-var", WHEN_WHERE, "/en")
    bad = {**ITEMS, "foremal-0-serial_number": "490154203237519"}
    page = step_errors(client, "forlust", "foremal", bad)
    assert "Item 1: Serial number or IMEI (optional): The IMEI's check digit does not match" in page
    assert 'value="Brown leather wallet"' in page


@pytest.mark.parametrize("answer", ["id_document", "weapon"])
def test_passport_or_weapon_is_reported_by_phone(client, answer):
    response = pass_gate(client, "forlust", gate_answers("forlust", **{answer: "yes"}), "/en")
    assert response["Location"] == "/en/forlust/besked/"
    assert 'href="tel:11414"' in client.get(response["Location"]).content.decode()
    assert Submission.objects.count() == 0
