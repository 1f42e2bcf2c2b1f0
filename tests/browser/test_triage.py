"""A triage officer's main path in Chromium: second factor, the list, assign, register, next case."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from playwright.sync_api import expect

from reports.catalogue import registry
from reports.constants import SubmissionStatus
from reports.models import StatusChange, Submission
from reports.services import SubmissionDraft, submission_create
from reports.triage.demo import totp_device_ensure
from reports.triage.models import AuditRecord, StaffProfile
from reports.triage.roles import TRIAGE_OFFICER, roles_setup
from tests.browser.test_staff_pages import _log_in, _report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ett-langt-testlosenord-2026"


def test_officer_with_second_factor_registers_a_new_theft_report(page, settings, django_user_model, mailoutbox):
    settings.PORTAL_STAFF_OTP_REQUIRED = True
    roles_setup()
    officer = django_user_model.objects.create_user(username="handlaggare", password=PASSWORD, is_staff=True)
    officer.groups.add(Group.objects.get(name=TRIAGE_OFFICER))
    StaffProfile.objects.create(user=officer, region="Stockholm")
    device = totp_device_ensure(user=officer)
    submission, _created = submission_create(
        service=registry["stold"],
        draft=SubmissionDraft(
            answers={"nar-var": {"date_from": "2026-11-20", "municipality": "0180", "place_kind": "street",
                                 "address": "Drottninggatan 1", "what_happened": "My bicycle was stolen."}},
            items=[{"kind": "bicycle", "description": "Blue Crescent bicycle", "serial_number": "WCR123456"}],
            reporter_name="Anna Andersson", personal_identity_number="198112189876", phone="+46701234567",
            email="anna@example.se", municipality_code="0180", region="Stockholm", language="en",
        ),
        language="en",
        client_token="browser-triage-1",
    )
    mailoutbox.clear()  # the receipt

    # Password alone does not let a staff member in when the second factor is required.
    page.goto("/en/personal/login/")
    page.fill("#id_username", "handlaggare")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", f"{totp(device.bin_key):06d}")
    page.click("#login-form input[type=submit]")
    page.wait_for_url("**/en/personal/")

    page.goto("/en/personal/reports/submission/?queue=unassigned")
    page.get_by_role("link", name=submission.reference).click()
    page.get_by_role("heading", name="Handle the report").wait_for()
    assert "Drottninggatan 1" in page.content()

    page.get_by_role("button", name="Assign to me").click()
    page.get_by_text("The report is assigned to you.").wait_for()
    assert page.locator("#triage-assignee").inner_text() == "handlaggare"

    page.select_option("#id_status-to_status", "registered")
    page.fill("#id_status-case_number", "5000-K123456-26")
    page.get_by_role("button", name="Save the status").click()
    page.get_by_text("The status is now: Registered.").wait_for()
    assert page.locator("#triage-status").inner_text() == "Registered"

    submission.refresh_from_db()
    assert (submission.status, submission.case_number, submission.assignee_id) == (
        SubmissionStatus.REGISTERED, "5000-K123456-26", officer.pk
    )
    change = StatusChange.objects.filter(submission=submission).last()
    assert (change.from_status, change.to_status, change.changed_by_id) == ("received", "registered", officer.pk)
    assert AuditRecord.objects.filter(user=officer, submission=submission, part="case").exists()
    assert [m.to for m in mailoutbox] == [["anna@example.se"]]
    assert "5000-K123456-26" in mailoutbox[0].body


def test_officer_follows_next_case_by_keyboard_through_the_queue(browser, live_server, settings):
    """The case page's "Next case" link, reached with Tab and followed with Enter, leads through the
    officer's default view in its order (most urgent, then newest); the last case says so."""
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    older, newer, urgent, elsewhere = (_report(number) for number in (1, 2, 3, 4))
    Submission.objects.filter(pk=urgent.pk).update(priority=1)
    Submission.objects.filter(pk=elsewhere.pk).update(region="Syd", priority=1)  # not in this officer's view
    page = _log_in(browser, live_server, "handlaggare")
    StaffProfile.objects.create(user=get_user_model().objects.get(username="handlaggare"), region="Stockholm")

    page.goto("/en/personal/reports/submission/")
    page.get_by_role("link", name=urgent.reference).click()
    visited = [urgent.reference]
    for _step in range(2):
        page.get_by_role("heading", name="Handle the report").wait_for()
        current = page.url
        for presses in range(1, 41):  # the link sits in the bar above the answers: early in the tab order
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "triage-next-case":
                break
        assert page.evaluate("document.activeElement.textContent") == "Next case", f"not reached in {presses} tabs"
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url, current=current: url != current)
        shown = Submission.objects.get(pk=int(page.url.rstrip("/").split("/")[-2]))
        visited.append(shown.reference)

    assert visited == [urgent.reference, newer.reference, older.reference]
    # The last case of the view has no link onwards, and says so.
    expect(page.locator("#triage-next-case")).to_have_text("No more cases in your list.")
    assert page.locator("a#triage-next-case").count() == 0
    page.context.close()
