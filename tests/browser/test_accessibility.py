"""axe-core (WCAG 2.1 A and AA rules) on the citizen's pages, including pages with errors."""
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}


def violations(page):
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_front_gate_outcome_and_error_pages_have_no_wcag_violations(page):
    found = {}
    page.goto("/en/")
    found["front"] = violations(page)
    page.goto("/en/stold/")
    found["gate"] = violations(page)
    page.get_by_role("button", name="Continue").click()  # nothing answered: the error summary
    found["gate with errors"] = violations(page)
    for fieldset in page.locator("form fieldset").all():
        fieldset.locator("input[value='yes']").check()
    page.get_by_role("button", name="Continue").click()
    found["call 112"] = violations(page)
    page.goto("/en/tillganglighet/")
    found["accessibility statement"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_wizard_steps_have_no_wcag_violations(page):
    page.goto("/en/stold/")
    for fieldset in page.locator("form fieldset").all():
        legend = fieldset.locator("legend").inner_text()
        fieldset.locator("input[value='yes']" if "identity number" in legend else "input[value='no']").check()
    page.get_by_role("button", name="Continue").click()
    found = {"when and where": violations(page)}
    page.get_by_role("button", name="Continue").click()
    found["when and where with errors"] = violations(page)
    page.goto("/en/stold/steg/foremal/")
    page.get_by_role("button", name="Add another item").click()
    found["items"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_every_service_start_page_and_the_citizen_tools_have_no_wcag_violations(page):
    from reports.catalogue import registry

    found = {}
    for service in registry:
        page.goto(f"/en/{service.slug}/")
        found[page.url] = violations(page)
    for path in ("/en/arendestatus/", "/en/e-legitimation/logga-in/?next=/en/pass/", "/en/personuppgifter/"):
        page.goto(path)
        found[path] = violations(page)
    page.goto("/en/arendestatus/")
    page.locator("form button[type=submit]").last.click()  # empty lookup: the error summary
    found["status lookup with errors"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_passport_booking_pages_have_no_wcag_violations(page):
    from tests.browser.test_passport import _office_with_slots

    office, _slots = _office_with_slots()
    found = {}
    page.goto("/en/pass/")
    found["passport start"] = violations(page)
    page.locator("main a[href$='/pass/kontor/']").click()
    found["identify"] = violations(page)
    page.locator("main form[action$='/e-legitimation/logga-in/'] button[type=submit]").click()
    found["test identity provider"] = violations(page)
    page.locator("input[value='198001010001']").check()
    page.locator("main form button[type=submit]").click()
    found["offices"] = violations(page)
    page.locator(f"main a[href$='/kontor/{office.pk}/tider/']").click()
    found["free times"] = violations(page)
    page.locator("main a[href*='bekrafta/?slot=']").first.click()
    found["confirm"] = violations(page)
    page.locator("main form button[type=submit]").click()  # no e-mail: the error summary
    found["confirm with errors"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


@pytest.mark.parametrize("slug", ["kortbedrageri", "parkeringsskada", "tips"])
def test_first_steps_of_other_services_with_errors_have_no_wcag_violations(page, slug):
    """Empty submits of each step page until the first that cannot be passed empty."""
    from tests.reports.service_walk import gate_answers

    page.goto(f"/en/{slug}/")
    for question, answer in gate_answers(slug).items():
        page.locator(f"input[name='{question}'][value='{answer}']").check()
    page.get_by_role("button", name="Continue", exact=True).click()
    found = {f"{slug} first step": violations(page)}
    page.get_by_role("button", name="Continue", exact=True).click()
    found[f"{slug} first step with errors"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}
