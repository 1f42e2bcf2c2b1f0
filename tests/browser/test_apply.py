"""Each "apply" errand in Chromium, from the gate to the receipt, in Swedish and in English.

Elements are found by id, name and value, so the same test runs in both languages.
"""
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reports.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["sv", "en"]


def prefix(language):
    return "" if language == "sv" else "/en"


def answer_gate(page, answers):
    for name, value in answers.items():
        page.locator(f"input[name='{name}'][value='{value}']").check()
    page.locator("main form button.btn-primary").click()


def identify(page, pin="198001010001"):
    """The wizard sent us to the e-ID login: use the built-in test provider."""
    page.locator("main form[action$='/e-legitimation/logga-in/'] button[type=submit]").click()
    page.locator(f"input[value='{pin}']").check()
    page.locator("main form button[type=submit]").click()


def next_step(page):
    page.locator("#main-form button.btn-primary.btn-lg").click()


def fill(page, values):
    for selector, value in values.items():
        field = page.locator(selector)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") in ("radio", "checkbox"):
            field.check()
        else:
            field.fill(value)


def send_and_read_reference(page, language, pattern):
    page.locator("#id_granska-confirm").check()
    next_step(page)
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(pattern + r"-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    assert page.locator("html").get_attribute("lang") == language
    return Submission.objects.get(reference=reference)


def attach(page, field_id, name):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    page.locator(field_id).set_input_files({"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()})
    next_step(page)


def in_days(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize("language", LANGUAGES)
def test_criminal_records_extract(page, language):
    page.goto(f"{prefix(language)}/belastningsregister/")
    answer_gate(page, {"has_eid": "yes", "purpose_listed": "yes"})
    identify(page)
    page.locator("input[name='andamal-purpose'][value='school']").check()
    next_step(page)
    fill(page, {"#id_skola-activity": "preschool", "#id_skola-employer": "Solrosens förskola"})
    next_step(page)
    # The identity is shown from the e-ID, not typed; no address is asked.
    expect(page.locator("#id_om-dig-personal_identity_number")).to_be_disabled()
    expect(page.locator("#id_om-dig-name")).to_have_value("Anna Andersson")
    expect(page.locator("#address-notice")).to_be_visible()
    fill(page, {"#id_om-dig-email": "anna@example.se",
                f"input[name='om-dig-preferred_language'][value='{language}']": ""})
    next_step(page)
    expect(page.get_by_text("Solrosens förskola")).to_be_visible()
    submission = send_and_read_reference(page, language, "BLR")
    assert submission.personal_identity_number == "198001010001"
    assert submission.answers["skola"]["employer"] == "Solrosens förskola"


ORGANISER = {
    "input[name='arrangor-organiser_kind'][value='organisation']": "",
    "#id_arrangor-organisation_name": "Musikföreningen Ton",
    "#id_arrangor-organisation_number": "802002-1229",
    "#id_arrangor-name": "Anna Andersson",
    "#id_arrangor-personal_identity_number": "19800101-0001",
    "#id_arrangor-phone": "070-123 45 67",
    "#id_arrangor-email": "anna@example.se",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_event_permit(page, language):
    page.goto(f"{prefix(language)}/tillstand-allman-sammankomst/")
    expect(page.locator("main")).to_contain_text("700")  # the fee, on the first page
    answer_gate(page, {"starts_in": "later", "large": "no", "private": "no"})
    fill(page, {**ORGANISER, "#id_arrangor-organisation_number": "802002-1228",
                f"input[name='arrangor-preferred_language'][value='{language}']": ""})
    next_step(page)
    expect(page.locator("#error-summary a[href='#id_arrangor-organisation_number']")).to_be_visible()
    expect(page.locator("#id_arrangor-organisation_name")).to_have_value("Musikföreningen Ton")
    fill(page, {"#id_arrangor-organisation_number": "802002-1229"})
    next_step(page)
    fill(page, {
        "#id_evenemang-kind": "concert", "#id_evenemang-description": "Open-air concert.",
        "#id_evenemang-municipality": "1480", "#id_evenemang-address": "Götaplatsen",
        "#id_evenemang-start_date": in_days(30), "#id_evenemang-start_time": "18:00",
        "#id_evenemang-end_date": in_days(30), "#id_evenemang-end_time": "22:00",
        "#id_evenemang-expected_people": "250", "input[name='evenemang-traffic'][value='no']": "",
    })
    next_step(page)
    attach(page, "#id_karta-files", "site-plan.png")
    expect(page.locator("#fee")).to_contain_text("700")  # and on the check page
    submission = send_and_read_reference(page, language, "TSA")
    assert submission.region == "Väst"
    assert submission.answers["arrangor"]["organisation_number"] == "802002-1229"
    assert [a.original_name for a in submission.attachments.all()] == ["site-plan.png"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_place_permit(page, language):
    page.goto(f"{prefix(language)}/tillstand-offentlig-plats/")
    answer_gate(page, {"starts_in": "later", "private_land": "no"})
    fill(page, {**ORGANISER, "input[name='arrangor-organiser_kind'][value='person']": "",
                f"input[name='arrangor-preferred_language'][value='{language}']": ""})
    next_step(page)
    fill(page, {
        "#id_plats-use": "filming", "#id_plats-description": "Filming a short scene on the square.",
        "#id_plats-municipality": "0180", "#id_plats-address": "Stortorget", "#id_plats-area_m2": "40",
        "#id_plats-start_date": in_days(20), "#id_plats-start_time": "07:00",
        "#id_plats-end_date": in_days(20), "#id_plats-end_time": "12:00",
    })
    next_step(page)
    attach(page, "#id_karta-files", "site-plan.png")
    expect(page.locator("#fee")).to_contain_text("700")
    submission = send_and_read_reference(page, language, "TOP")
    assert submission.answers["plats"]["use"] == "filming"


@pytest.mark.parametrize("language", LANGUAGES)
def test_firearms_licence(page, language):
    page.goto(f"{prefix(language)}/vapenlicens/")
    expect(page.locator("main")).to_contain_text("400")
    answer_gate(page, {"has_eid": "yes", "age": "18", "purpose": "target", "qualified": "yes"})
    identify(page, "197512311239")
    fill(page, {"#id_vapen-weapon_type": "handgun", "#id_vapen-make_model": "CZ Shadow 2",
                "#id_vapen-calibre": "9 mm", "input[name='vapen-purpose'][value='target']": ""})
    next_step(page)
    fill(page, {"#id_malskytte-club": "Skytteföreningen Kulan",
                "#id_malskytte-club_organisation_number": "802002-1229",
                "#id_malskytte-member_since": "2019-03-01", "#id_malskytte-discipline": "Precision"})
    next_step(page)
    attach(page, "#id_intyg-files", "club-certificate.png")
    expect(page.locator("#id_om-dig-name")).to_have_value("Bertil Berg")
    fill(page, {"#id_om-dig-email": "bertil@example.se",
                f"input[name='om-dig-preferred_language'][value='{language}']": ""})
    next_step(page)
    expect(page.locator("#fee")).to_contain_text("400")
    submission = send_and_read_reference(page, language, "VAP")
    assert (submission.personal_identity_number, submission.reporter_name) == ("197512311239", "Bertil Berg")
    assert submission.answers["malskytte"]["club"] == "Skytteföreningen Kulan"
    assert submission.attachments.count() == 1


def test_firearms_without_e_identification_is_told_how_to_apply(page):
    page.goto("/en/vapenlicens/")
    answer_gate(page, {"has_eid": "no", "age": "18", "purpose": "hunting", "qualified": "yes"})
    expect(page.locator("main a[href='https://polisen.se/tjanster-tillstand/vapen/']")).to_be_visible()
    assert Submission.objects.count() == 0
