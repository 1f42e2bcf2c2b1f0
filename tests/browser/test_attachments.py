"""Attachments in Chromium without JavaScript: upload several files, go back and forward, send;
then save for later and open the resume link in a fresh browser context."""
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from reports.models import Attachment, Submission
from tests.reports import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def continue_(page):
    page.get_by_role("button", name="Continue", exact=True).click()


def to_attachments(page):
    page.goto("/en/stold/")
    for fieldset in page.locator("form fieldset").all():
        legend = fieldset.locator("legend").inner_text()
        answer = "Yes" if "personal identity number or coordination" in legend else "No"
        fieldset.get_by_label(answer, exact=True).check()
    continue_(page)
    page.locator("#id_nar-var-date_from").fill("2026-11-20")
    page.locator("#id_nar-var-date_to").fill("2026-11-21")
    page.locator("#id_nar-var-municipality").select_option("1280")
    page.locator("#id_nar-var-place_kind").select_option("street")
    page.locator("#id_nar-var-address").fill("Stortorget 1")
    page.locator("#id_nar-var-what_happened").fill("The bicycle was taken from the rack during the night.")
    continue_(page)
    page.locator("#id_foremal-0-kind").select_option("bicycle")
    page.locator("#id_foremal-0-description").fill("Red bicycle")
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Receipts and photos")


def test_upload_go_back_and_forward_and_send_without_javascript(page_without_js, tmp_path):
    page = page_without_js
    photo = tmp_path / "bike.jpg"
    photo.write_bytes(files.jpeg_with_gps())
    program = tmp_path / "photo.jpg"
    program.write_bytes(files.ELF)
    to_attachments(page)

    page.locator("#id_bilagor-files").set_input_files([str(program)])
    continue_(page)
    expect(page.locator("#error-summary")).to_contain_text("The file photo.jpg is a program")

    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(files.PDF)
    page.locator("#id_bilagor-files").set_input_files([str(photo), str(receipt)])
    continue_(page)
    expect(page.locator("#id_om-dig-name")).to_be_visible()
    page.get_by_role("button", name="Back", exact=True).click()
    expect(page.get_by_label("bike.jpg", exact=False)).to_be_visible()  # still attached
    page.get_by_role("button", name="Back", exact=True).click()
    expect(page.locator("#id_foremal-0-description")).to_have_value("Red bicycle")
    continue_(page)
    continue_(page)  # the attachments page again, no new files: the earlier ones stay

    page.locator("#id_om-dig-name").fill("Anna Andersson")
    page.locator("#id_om-dig-personal_identity_number").fill("811218-9876")
    page.locator("#id_om-dig-phone").fill("0701234567")
    page.locator("#id_om-dig-email").fill("anna@example.se")
    page.locator("input[name='om-dig-preferred_language'][value='en']").check()
    continue_(page)
    expect(page.get_by_text("bike.jpg, receipt.pdf")).to_be_visible()
    page.get_by_label("I confirm that the information I have given is correct.").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Your report has been sent")).to_be_visible()

    submission = Submission.objects.get()
    names = sorted(Attachment.objects.filter(submission=submission).values_list("original_name", flat=True))
    assert names == ["bike.jpg", "receipt.pdf"]
    stored = Attachment.objects.get(original_name="bike.jpg").file.read()
    assert b"SecretPhone" not in stored and b"Exif" not in stored


def test_save_for_later_and_resume_in_another_browser(page_without_js, browser, live_server):
    page = page_without_js
    to_attachments(page)
    continue_(page)
    page.locator("#id_om-dig-name").fill("Beata Berg")
    page.get_by_role("button", name="Save for later").click()
    page.get_by_label("E-mail address").fill("beata@example.se")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Your report has been saved")).to_be_visible()
    link = re.search(r"https?://\S+/fortsatt/\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        other = context.new_page()
        other.goto(path)
        expect(other.get_by_role("heading", level=1)).to_have_text("About you")
        expect(other.locator("#id_om-dig-name")).to_have_value("Beata Berg")
        other.goto("/en/fortsatt/not-a-real-token/")
        expect(other.get_by_role("heading", level=1)).to_have_text("The link does not work")
    finally:
        context.close()
