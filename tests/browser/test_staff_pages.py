"""Staff pages in Chromium: the staff layout, a proper 403 page, the triage list at 1280 px,
and axe-core (WCAG 2.1 A/AA) with 0 violations on the list, a case, the dashboard and the
deliveries."""
import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from reports.catalogue import registry
from reports.services import SubmissionDraft, submission_create
from reports.triage.roles import TRIAGE_OFFICER, roles_setup
from tests.browser.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ett-langt-testlosenord-2026"


def _report(number: int):
    submission, _created = submission_create(
        service=registry["stold"],
        draft=SubmissionDraft(
            answers={"nar-var": {"date_from": "2026-11-20", "municipality": "0180", "place_kind": "street",
                                 "address": f"Drottninggatan {number}", "what_happened": "My bicycle was stolen."}},
            items=[{"kind": "bicycle", "description": "Blue Crescent bicycle", "serial_number": "WCR123456"}],
            reporter_name="Anna Andersson", personal_identity_number="198112189876", phone="+46701234567",
            email="anna@example.se", municipality_code="0180", region="Stockholm", language="en",
        ),
        language="en",
        client_token=f"browser-staff-{number}",
    )
    return submission


def _log_in(browser, live_server, username, *, superuser=False, width=1280):
    from django.contrib.auth import get_user_model

    roles_setup()
    user_model = get_user_model()
    if superuser:
        user_model.objects.create_superuser(username=username, password=PASSWORD, email="a@example.invalid")
    else:
        user = user_model.objects.create_user(username=username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=TRIAGE_OFFICER))
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/en/personal/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form input[type=submit]")
    page.wait_for_url("**/en/personal/")
    return page


def test_staff_pages_have_no_wcag_violations(browser, live_server, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    first = _report(1)
    _report(2)
    page = _log_in(browser, live_server, "analytiker", superuser=True)
    found = {}
    page.goto("/en/personal/reports/submission/")
    found["triage list"] = violations(page)
    page.goto(f"/en/personal/reports/submission/{first.pk}/change/")
    found["case"] = violations(page)
    page.goto("/en/personal/analys/")
    found["dashboard"] = violations(page)
    page.goto("/personal/analys/")
    found["dashboard in Swedish"] = violations(page)
    page.goto("/en/personal/delivery/delivery/")
    found["deliveries"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_the_dashboard_has_the_staff_layout(browser, live_server, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    page = _log_in(browser, live_server, "analytiker", superuser=True)
    page.goto("/en/personal/analys/")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("navigation", name="Staff")).to_be_visible()
    expect(page.locator("a[href='tel:112']")).to_have_count(0)  # no citizen footer
    expect(page.locator(".eid-test-banner")).to_have_count(0)
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#id_username")).to_have_count(0)  # logged out: Django's "logged out" page


def test_an_officer_without_the_dashboard_permission_gets_a_403_page(browser, live_server, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    page = _log_in(browser, live_server, "handlaggare")
    response = page.goto("/en/personal/analys/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_the_triage_list_fits_1280_px(browser, live_server, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    submission = _report(1)
    page = _log_in(browser, live_server, "analytiker", superuser=True)
    page.goto("/en/personal/reports/submission/")
    overflow = page.evaluate("() => document.querySelector('#changelist-form .results').scrollWidth"
                             " - document.querySelector('#changelist-form .results').clientWidth")
    assert overflow <= 0  # the list itself does not scroll sideways
    for column in ("priority_label", "assignee", "delivery_state"):
        box = page.locator(f"#result_list thead th.column-{column}").bounding_box()
        assert box and box["x"] + box["width"] <= 1280, column  # visible without scrolling
    reference = page.get_by_role("link", name=submission.reference)
    box = reference.bounding_box()
    assert box["height"] < 30  # one line, not wrapped
