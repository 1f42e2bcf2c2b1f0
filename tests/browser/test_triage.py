"""A triage officer's main path in Chromium: second factor, the list, assign, register."""
import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp

from reports.catalogue import registry
from reports.constants import SubmissionStatus
from reports.models import StatusChange
from reports.services import SubmissionDraft, submission_create
from reports.triage.demo import totp_device_ensure
from reports.triage.models import AuditRecord, StaffProfile
from reports.triage.roles import TRIAGE_OFFICER, roles_setup

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
