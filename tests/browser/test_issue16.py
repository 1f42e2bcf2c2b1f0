"""Issue 16 in the browser: the live 114 14 wait, the quick exit with and without JavaScript,
and a theft report filed in Arabic (right to left) and in Somali with 0 axe violations."""
import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone, translation
from playwright.sync_api import expect

from reports.catalogue import registry
from reports.models import PhoneWaitReading, Submission
from tests.reports.test_phone_wait import completed_reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}
NEUTRAL = "Neutral site"


def violations(page):
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def neutral_site(page, settings):
    """The quick exit's neutral site, answered locally (the tests reach no other host)."""
    page.route(settings.PORTAL_QUICK_EXIT_URL + "**",
               lambda route: route.fulfill(status=200, content_type="text/html",
                                           body=f"<!doctype html><html lang='en'><title>{NEUTRAL}</title></html>"))


# -- the live wait ------------------------------------------------------------------------------

def test_the_wait_nudge_shows_with_a_fresh_feed_and_goes_with_a_stale_one(page):
    completed_reports()
    reading = PhoneWaitReading.objects.create(minutes=25, measured_at=timezone.now())
    page.goto("/en/")
    expect(page.locator("#wait-nudge")).to_have_text(
        "Phone 114 14: about 25 minutes wait now · A report here: about 5 minutes")
    page.goto("/en/stold/")
    expect(page.locator("#wait-nudge")).to_have_text(
        "Phone 114 14: about 25 minutes wait now · This e-service: about 5 minutes")

    PhoneWaitReading.objects.filter(pk=reading.pk).update(measured_at=timezone.now() - timedelta(hours=1))
    page.reload()
    expect(page.locator("#wait-nudge")).to_have_count(0)
    expect(page.get_by_text("minutes wait now")).to_have_count(0)
    page.goto("/en/")
    expect(page.locator("#wait-nudge")).to_have_count(0)


# -- the quick exit -------------------------------------------------------------------------------

def test_quick_exit_without_javascript_is_a_link_to_a_neutral_site(page_without_js, settings):
    page = page_without_js
    neutral_site(page, settings)
    page.goto("/en/stold/")
    expect(page.locator("#quick-exit-hint")).to_be_hidden()  # "or press Esc" needs JavaScript
    page.get_by_role("link", name="Leave this page quickly").click()
    expect(page).to_have_title(NEUTRAL)


@pytest.mark.parametrize("how", ["escape", "click"])
def test_quick_exit_with_javascript_replaces_the_page_in_the_history(page, settings, how):
    neutral_site(page, settings)
    page.goto("/en/")
    page.goto("/en/stold/")
    expect(page.locator("#quick-exit-hint")).to_be_visible()
    if how == "escape":
        page.keyboard.press("Escape")
    else:
        page.get_by_role("link", name="Leave this page quickly").click()
    expect(page).to_have_title(NEUTRAL)
    page.go_back()  # the gate page was replaced: Back goes to the page before it
    expect(page).to_have_url(re.compile(r"/en/$"))


# -- a theft report in Arabic and in Somali ------------------------------------------------------

def gettext_in(language, text):
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["ar", "so"])
def test_a_theft_report_in_arabic_or_somali_with_no_wcag_violations(page, language):
    t = {key: gettext_in(language, text) for key, text in {
        "service": "Report a theft", "continue": "Continue", "send": "Send the report",
        "confirm": "I confirm that the information I have given is correct.",
        "receipt": "Your report has been sent",
    }.items()}
    found = {}
    page.goto(f"/{language}/")
    direction = "rtl" if language == "ar" else "ltr"
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else None)
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    found["front"] = violations(page)
    page.get_by_role("link", name=t["service"]).click()
    if language == "ar":  # Bootstrap's RTL stylesheet: the radio sits on the right of its label
        check = page.locator(".form-check").first
        assert check.evaluate("e => parseFloat(getComputedStyle(e).paddingRight)") > 0
        assert check.evaluate("e => parseFloat(getComputedStyle(e).paddingLeft)") == 0
    found["gate"] = violations(page)
    for question in registry["stold"].questions:
        answer = "yes" if question.id == "has_identity_number" else "no"
        page.locator(f"input[name='{question.id}'][value='{answer}']").check()
    page.get_by_role("button", name=t["continue"], exact=True).click()

    page.get_by_role("button", name=t["continue"], exact=True).click()  # empty: the error summary
    expect(page.locator("#error-summary")).to_be_visible()
    found["when and where with errors"] = violations(page)
    typed = "سُرقت دراجتي من أمام المتجر" if language == "ar" else "Baaskiilkayga waa la xaday."
    page.locator("#id_nar-var-date_from").fill("2026-11-20")
    page.locator("#id_nar-var-date_to").fill("2026-11-21")
    page.locator("#id_nar-var-municipality").select_option("0180")
    page.locator("#id_nar-var-place_kind").select_option("street")
    page.locator("#id_nar-var-address").fill("Drottninggatan 1")
    page.locator("#id_nar-var-what_happened").fill(typed)
    page.get_by_role("button", name=t["continue"], exact=True).click()

    page.locator("#id_foremal-0-kind").select_option("bicycle")
    page.locator("#id_foremal-0-description").fill("Red bicycle")
    found["items"] = violations(page)
    page.get_by_role("button", name=t["continue"], exact=True).click()
    expect(page.locator("#id_bilagor-files")).to_be_visible()
    page.get_by_role("button", name=t["continue"], exact=True).click()

    page.locator("#id_om-dig-name").fill("Amina Ali")
    page.locator("#id_om-dig-personal_identity_number").fill("811218-9876")
    page.locator("#id_om-dig-phone").fill("0701234567")
    page.locator("#id_om-dig-email").fill("amina@example.se")
    page.locator(f"input[name='om-dig-preferred_language'][value='{language}']").check()
    found["about you"] = violations(page)
    page.get_by_role("button", name=t["continue"], exact=True).click()

    expect(page.get_by_text(typed)).to_be_visible()
    found["check"] = violations(page)
    page.get_by_label(t["confirm"]).check()
    page.get_by_role("button", name=t["send"]).click()
    expect(page.get_by_role("heading", name=t["receipt"])).to_be_visible()
    found["receipt"] = violations(page)
    assert page.evaluate("getComputedStyle(document.body).direction") == direction

    submission = Submission.objects.get(reference=page.locator("#reference").inner_text())
    assert (submission.language, submission.form_language) == (language, language)
    assert submission.answers["nar-var"]["what_happened"] == typed
    assert {name: v for name, v in found.items() if v} == {}
