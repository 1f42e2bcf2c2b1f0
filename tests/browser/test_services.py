"""Each of the six services walked in Chromium from the front page to the receipt (in English,
by element ids, so that the test does not depend on the Swedish translations)."""
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from reports.catalogue import registry
from reports.models import Submission
from tests.reports.service_walk import gate_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHEN_WHERE = {
    "#id_nar-var-date_from": "2026-11-20",
    "#id_nar-var-date_to": "2026-11-21",
    "#id_nar-var-municipality": "1480",
    "#id_nar-var-place_kind": "storage",
    "#id_nar-var-address": "Storgatan 5",
    "#id_nar-var-what_happened": "It happened during the night.",
}
ABOUT_YOU = {
    "#id_om-dig-name": "Anna Andersson",
    "#id_om-dig-personal_identity_number": "811218-9876",
    "#id_om-dig-phone": "0701234567",
    "#id_om-dig-email": "anna@example.se",
    "input[name='om-dig-preferred_language'][value='en']": True,
}


def fill(page, fields):
    for selector, value in fields.items():
        field = page.locator(selector)
        if value is True:
            field.check()
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def next_step(page):
    page.get_by_role("button", name="Continue", exact=True).click()
    if page.url.endswith("/bilagor/"):  # the optional attachments step: sent without files
        expect(page.locator("#error-summary")).to_have_count(0)
        page.get_by_role("button", name="Continue", exact=True).click()


def start(page, slug):
    with translation.override("en"):  # the page is English whatever language the test process has
        title = str(registry[slug].title)
    page.goto("/en/")
    page.get_by_role("link", name=title, exact=True).click()
    for question, answer in gate_answers(slug).items():
        page.locator(f"input[name='{question}'][value='{answer}']").check()
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.locator("#main-form")).to_be_visible()


def send(page, prefix, button="Send the report", heading="Your report has been sent"):
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    page.get_by_label("I confirm that the information I have given is correct.").check()
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(rf"{prefix}-[0-9A-Z]{{4}}-[0-9A-Z]{{4}}-[0-9A-Z]{{4}}", reference)
    return Submission.objects.get(reference=reference)


def test_burglary_of_a_storage_room(page):
    start(page, "inbrott")
    fill(page, WHEN_WHERE)
    next_step(page)
    fill(page, {
        "#id_inbrottet-entry_point": "door",
        "#id_inbrottet-damage": "The padlock was cut.",
        "input[name='inbrottet-anything_taken'][value='yes']": True,
    })
    next_step(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("What was taken")
    fill(page, {"#id_foremal-0-kind": "bicycle", "#id_foremal-0-description": "Red bicycle"})
    next_step(page)
    fill(page, ABOUT_YOU)
    next_step(page)
    expect(page.get_by_text("The padlock was cut.")).to_be_visible()
    submission = send(page, "INB")
    assert submission.items.get().description == "Red bicycle"


def test_card_fraud_with_a_refused_full_card_number(page):
    start(page, "kortbedrageri")
    fill(page, {k: v for k, v in WHEN_WHERE.items() if "place_kind" not in k and "address" not in k})
    next_step(page)
    fill(page, {
        "#id_kortet-issuer": "Exempelbanken",
        "#id_kortet-card_last_four": "4111111111111111",  # the field takes only four characters
        "#id_kortet-card_kind": "debit",
        "input[name='kortet-card_in_possession'][value='yes']": True,
        "#id_kortet-blocked_on": "2026-11-21",
    })
    expect(page.locator("#id_kortet-card_last_four")).to_have_value("4111")
    next_step(page)
    fill(page, {
        "#id_transaktioner-0-date": "2026-11-20",
        "#id_transaktioner-0-amount": "0",
        "#id_transaktioner-0-currency": "EUR",
        "#id_transaktioner-0-merchant": "shop.example.com",
    })
    next_step(page)
    expect(page.locator("#error-summary")).to_contain_text("Transaction 1: Amount: The amount must be more than 0.")
    page.locator("#id_transaktioner-0-amount").fill("89,90")
    page.get_by_role("button", name="Add another transaction").click()  # without JavaScript, server-side
    fill(page, {
        "#id_transaktioner-1-date": "2026-11-21",
        "#id_transaktioner-1-amount": "120",
        "#id_transaktioner-1-merchant": "Kiosk AB",
    })
    expect(page.locator("#id_transaktioner-0-amount")).to_have_value("89,90")  # kept while adding
    next_step(page)
    fill(page, ABOUT_YOU)
    next_step(page)
    submission = send(page, "KBR")
    amounts = [(t["amount"], t["currency"]) for t in submission.answers["transaktioner"]]
    assert amounts == [("89.90", "EUR"), ("120.00", "SEK")]
    assert submission.answers["kortet"]["card_last_four"] == "4111"


def test_loss_of_a_phone(page):
    start(page, "forlust")
    fill(page, {**WHEN_WHERE, "#id_nar-var-place_kind": "public_transport"})
    next_step(page)
    fill(page, {
        "#id_foremal-0-kind": "phone",
        "#id_foremal-0-description": "Black phone",
        "#id_foremal-0-serial_number": "490154203237518",
    })
    next_step(page)
    fill(page, ABOUT_YOU)
    next_step(page)
    submission = send(page, "FRL")
    assert submission.items.get().serial_number == "490154203237518"


def test_vandalism_reported_by_a_board_member(page):
    start(page, "skadegorelse")
    fill(page, {**WHEN_WHERE, "#id_nar-var-place_kind": "home"})
    next_step(page)
    fill(page, {"#id_skadan-damaged_kind": "graffiti", "#id_skadan-description": "Tags on the south wall."})
    next_step(page)
    fill(page, {
        "input[name='agare-is_owner'][value='no']": True,
        "#id_agare-reporter_role": "Board member",
        "#id_agare-owner_name": "Brf Tallen",
    })
    next_step(page)
    expect(page.locator("#error-summary")).to_contain_text("Give a phone number or an e-mail address")
    page.locator("#id_agare-owner_email").fill("styrelsen@tallen.example")
    next_step(page)
    fill(page, ABOUT_YOU)
    next_step(page)
    submission = send(page, "SKD")
    assert submission.answers["agare"]["owner_name"] == "Brf Tallen"


def test_parking_damage(page):
    start(page, "parkeringsskada")
    fill(page, {
        "#id_fordonet-registration_number": "abc 123",
        "#id_fordonet-date_from": "2026-11-20",
        "#id_fordonet-time_from": "08:15",
        "#id_fordonet-date_to": "2026-11-20",
        "#id_fordonet-time_to": "16:40",
        "#id_fordonet-municipality": "1280",
        "#id_fordonet-address": "Parking garage Anna, space 214",
    })
    next_step(page)
    fill(page, {
        "#id_skadan-damage": "A dent in the left rear door.",
        "#id_skadan-other_registration_number": "XYZ 98A",
    })
    next_step(page)
    fill(page, ABOUT_YOU)
    next_step(page)
    submission = send(page, "PRK")
    assert (submission.region, submission.answers["fordonet"]["registration_number"]) == ("Syd", "ABC123")


def test_anonymous_tip(page):
    start(page, "tips")
    fill(page, {"#id_tipset-subject": "drugs", "#id_tipset-what": "Dealing outside the kiosk every evening."})
    next_step(page)
    fill(page, {"input[name='kontakt-val-wants_contact'][value='no']": True})
    next_step(page)
    submission = send(page, "TIP", button="Send the tip", heading="Your tip has been sent")
    assert (submission.reporter_name, submission.personal_identity_number, submission.email) == ("", "", "")
