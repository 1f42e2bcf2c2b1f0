"""A citizen reports a theft in Chromium, from the front page to the receipt."""
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from reports.catalogue import registry
from reports.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH = {
    "service": "Report a theft",
    "yes": "Yes",
    "no": "No",
    "continue": "Continue",
    "add_item": "Add another item",
    "send": "Send the report",
    "confirm": "I confirm that the information I have given is correct.",
    "receipt": "Your report has been sent",
    "call_112": "Call 112 now",
}


def texts(language):
    """The labels as the page shows them in ``language``, taken from the catalogue in use."""
    with translation.override(language):
        labels = {key: translation.gettext(value) for key, value in ENGLISH.items()}
    if language == "sv":  # the Swedish page really is in Swedish
        assert labels["service"] != ENGLISH["service"] and labels["continue"] != ENGLISH["continue"]
    return labels


def answer_gate(page, t, in_progress="no"):
    for question in registry["stold"].questions:
        answer = "no"
        if question.id == "has_identity_number" or (question.id == "in_progress" and in_progress == "yes"):
            answer = "yes"
        page.locator(f"input[name='{question.id}'][value='{answer}']").check()
    page.get_by_role("button", name=t["continue"], exact=True).click()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_report_a_theft_from_front_page_to_receipt(page, language):
    t = texts(language)
    page.goto("/" if language == "sv" else "/en/")
    page.get_by_role("link", name=t["service"]).click()
    answer_gate(page, t)

    # Step 2: when and where. An empty submit lists every problem at the top, linked to its field.
    page.get_by_role("button", name=t["continue"], exact=True).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    summary.locator("a").first.click()
    expect(page.locator("#id_nar-var-date_from")).to_be_focused()

    page.locator("#id_nar-var-date_from").fill("2026-11-20")
    page.locator("#id_nar-var-date_to").fill("2026-11-21")
    page.locator("#id_nar-var-municipality").select_option("1280")
    page.locator("#id_nar-var-place_kind").select_option("street")
    page.locator("#id_nar-var-address").fill("Stortorget 1")
    page.locator("#id_nar-var-what_happened").fill("The bicycle was taken from the rack during the night.")
    page.get_by_role("button", name=t["continue"], exact=True).click()

    # Step 3: two items, the second added without JavaScript, with an IMEI checked by its Luhn digit.
    page.locator("#id_foremal-0-kind").select_option("bicycle")
    page.locator("#id_foremal-0-description").fill("Red bicycle")
    page.get_by_role("button", name=t["add_item"]).click()
    page.locator("#id_foremal-1-kind").select_option("phone")
    page.locator("#id_foremal-1-description").fill("Black phone")
    page.locator("#id_foremal-1-serial_number").fill("490154203237519")  # wrong check digit
    page.get_by_role("button", name=t["continue"], exact=True).click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_foremal-0-description")).to_have_value("Red bicycle")  # nothing typed is lost
    page.locator("#id_foremal-1-serial_number").fill("490154203237518")
    page.get_by_role("button", name=t["continue"], exact=True).click()

    # Receipts and photos: optional, skipped here (tests/reports/test_attachments.py uploads).
    expect(page.locator("#id_bilagor-files")).to_be_visible()
    page.get_by_role("button", name=t["continue"], exact=True).click()

    # Step 4: about you.
    page.locator("#id_om-dig-name").fill("Anna Andersson")
    page.locator("#id_om-dig-personal_identity_number").fill("811218-9876")
    page.locator("#id_om-dig-phone").fill("0701234567")
    page.locator("#id_om-dig-email").fill("anna@example.se")
    page.locator(f"input[name='om-dig-preferred_language'][value='{language}']").check()
    page.get_by_role("button", name=t["continue"], exact=True).click()

    # Step 5: check the answers, then send.
    expect(page.get_by_text("Stortorget 1")).to_be_visible()
    expect(page.get_by_text("490154203237518")).to_be_visible()
    page.get_by_label(t["confirm"]).check()
    page.get_by_role("button", name=t["send"]).click()

    expect(page.get_by_role("heading", name=t["receipt"])).to_be_visible()
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(r"STL-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    submission = Submission.objects.get(reference=reference)
    assert submission.region == "Syd"
    assert submission.items.count() == 2
    assert page.locator("html").get_attribute("lang") == language


def test_theft_in_progress_is_sent_to_112(page):
    t = texts("sv")
    page.goto("/stold/")
    answer_gate(page, t, in_progress="yes")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(t["call_112"])
    expect(page.locator("main a[href='tel:112']").first).to_be_visible()
    assert Submission.objects.count() == 0


def test_theft_without_javascript_and_language_switch_keeps_the_place(page_without_js):
    page = page_without_js
    page.goto("/stold/")
    page.get_by_role("link", name="English", exact=True).click()
    assert page.url.endswith("/en/stold/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a theft")
    answer_gate(page, texts("en"))
    expect(page.get_by_role("heading", level=1)).to_have_text("When and where")
