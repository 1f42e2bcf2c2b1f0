"""What citizens hit first, in Chromium: the focus ring, typed dates, errors only after a
submit, focus on the error summary and on a new item, and the session's expiry."""
import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from reports.models import Submission
from tests.reports.service_walk import gate_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRIMARY = "#main-form .btn-primary"  # "Continue" / "Send" in either language

# The focused element's outline colour and the colour behind it, as the browser computes them.
FOCUS_STYLE = """el => {
  const style = getComputedStyle(el);
  let back = el.parentElement, bg = 'rgba(0, 0, 0, 0)';
  while (back) {
    const c = getComputedStyle(back).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
    back = back.parentElement;
  }
  if (bg === 'rgba(0, 0, 0, 0)') { bg = 'rgb(255, 255, 255)'; }
  return {color: style.outlineColor, width: parseFloat(style.outlineWidth), style: style.outlineStyle, bg: bg};
}"""


def _luminance(rgb: str) -> float:
    parts = [float(p) for p in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def start_theft(page, language="en"):
    page.goto("/en/stold/" if language == "en" else "/stold/")
    for question, answer in gate_answers("stold").items():
        page.locator(f"input[name='{question}'][value='{answer}']").check()
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("#id_nar-var-date_from")).to_be_visible()


def walk_theft_to_check_page(page, language="en", typed_date="2026-11-20"):
    """The theft wizard up to "Check your answers", with ``typed_date`` as the day it happened."""
    start_theft(page, language)
    page.locator("#id_nar-var-date_from").fill(typed_date)
    page.locator("#id_nar-var-date_to").fill(typed_date)
    page.locator("#id_nar-var-municipality").select_option("1280")
    page.locator("#id_nar-var-place_kind").select_option("street")
    page.locator("#id_nar-var-address").fill("Stortorget 1")
    page.locator("#id_nar-var-what_happened").fill("The bicycle was taken from the rack.")
    page.locator(PRIMARY).click()
    page.locator("#id_foremal-0-kind").select_option("bicycle")
    page.locator("#id_foremal-0-description").fill("Red bicycle")
    page.locator(PRIMARY).click()
    expect(page.locator("#id_bilagor-files")).to_be_visible()
    page.locator(PRIMARY).click()
    page.locator("#id_om-dig-name").fill("Anna Andersson")
    page.locator("#id_om-dig-personal_identity_number").fill("811218-9876")
    page.locator("#id_om-dig-phone").fill("0701234567")
    page.locator("#id_om-dig-email").fill("anna@example.se")
    page.locator(PRIMARY).click()
    expect(page.locator("input[type=checkbox]")).to_be_visible()


def send(page):
    page.locator("input[type=checkbox]").check()
    page.locator(PRIMARY).click()
    return Submission.objects.get(reference=page.locator("#reference").inner_text())


def test_every_kind_of_control_gets_a_focus_ring_of_at_least_3_to_1(page):
    found = {}
    page.goto("/en/stold/")
    found["radio"] = _ring_after_tab_to(page, "input[type=radio]")
    found["link"] = _ring_after_tab_to(page, "footer a[href]")
    start_theft(page)
    for kind, selector in {"text input": "#id_nar-var-date_from", "select": "#id_nar-var-municipality",
                           "textarea": "#id_nar-var-what_happened", "button": PRIMARY,
                           "secondary button": "button[name=save_for_later]"}.items():
        found[kind] = _ring_after_tab_to(page, selector)
    walk_theft_to_check_page(page)
    found["checkbox"] = _ring_after_tab_to(page, "input[type=checkbox]")
    weak = {kind: ring for kind, ring in found.items()
            if ring["style"] == "none" or ring["width"] < 2 or contrast(ring["color"], ring["bg"]) < 3}
    assert weak == {}
    assert len(found) == 8


@pytest.mark.parametrize(("language", "typed"), [
    ("en", "2026-11-28"),
    ("sv", "2026-11-28"),
    ("sv", "28/11/2026"),
    ("sv", "28 november 2026"),
    ("en", "28 November 2026"),
])
def test_a_typed_date_is_stored_as_the_date_meant(page, language, typed):
    walk_theft_to_check_page(page, language, typed)
    expect(page.locator("main")).to_contain_text("28 november 2026" if language == "sv" else "28 November 2026")
    submission = send(page)
    assert submission.answers["nar-var"]["date_from"] == "2026-11-28"
    assert submission.answers["nar-var"]["date_to"] == "2026-11-28"


def test_an_impossible_date_is_refused_next_to_its_field(page):
    start_theft(page)
    page.locator("#id_nar-var-date_from").fill("30/02/2026")
    page.locator(PRIMARY).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()  # focus moves to the summary after a failed submit
    expect(summary).to_contain_text("There is no such date")
    expect(page.locator("#id_nar-var-date_from")).to_have_value("30/02/2026")


def test_no_error_summary_on_a_page_reached_again_without_submitting(page):
    walk_theft_to_check_page(page)
    page.goto("/en/stold/steg/foremal/")
    page.locator("#id_foremal-0-description").fill("")  # half-filled now
    page.locator(PRIMARY).click()  # a failed submit: the summary, focused
    expect(page.locator("#error-summary")).to_be_focused()
    page.locator("#id_foremal-0-brand_model").fill("Crescent")
    page.locator("button[name=wizard_goto_step]").click()  # "Back" keeps what was typed
    expect(page.locator("#id_nar-var-address")).to_be_visible()
    page.locator(PRIMARY).click()  # and forward again: not a submit of the items page
    expect(page.locator("#id_foremal-0-brand_model")).to_have_value("Crescent")
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page.locator(".is-invalid")).to_have_count(0)


def test_a_newly_added_item_gets_the_focus(page):
    walk_theft_to_check_page(page)
    page.goto("/en/stold/steg/foremal/")
    page.locator("button[name=formset_action][value=add]").click()
    expect(page.locator("#id_foremal-1-kind")).to_be_focused()
    expect(page.locator("#error-summary")).to_have_count(0)


def test_the_session_warns_before_it_ends_and_says_when_it_has(page, settings):
    settings.SESSION_COOKIE_AGE = 3  # the warning (10 minutes before) is due at once, the end 3 s later
    start_theft(page)
    expect(page.locator("#session-warning")).to_be_visible()
    expect(page.locator("#session-ended")).to_be_visible(timeout=10_000)
    expect(page.locator("#session-warning")).to_be_hidden()


def test_a_step_sent_after_the_session_ended_says_what_happened(page):
    start_theft(page)
    page.locator("#id_nar-var-address").fill("Stortorget 1")
    Session.objects.all().delete()  # four hours without activity
    page.locator(PRIMARY).click()
    expect(page.locator("main [role=status]")).to_contain_text(
        "You were away for more than 4 hours, so the e-service has forgotten your answers"
    )
    for question, answer in gate_answers("stold").items():
        page.locator(f"input[name='{question}'][value='{answer}']").check()
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("#id_nar-var-address")).to_have_value("Stortorget 1")  # kept
    expect(page.locator("#error-summary")).to_have_count(0)


def _ring_after_tab_to(page, selector):
    """Reach ``selector`` by keyboard (so :focus-visible applies) and read its focus ring."""
    target = page.locator(selector).first
    target.evaluate("el => el.setAttribute('data-tab-target', '1')")
    page.locator("body").focus()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.hasAttribute('data-tab-target')"):
            return target.evaluate(FOCUS_STYLE)
    raise AssertionError(f"{selector} cannot be reached with Tab")
