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
