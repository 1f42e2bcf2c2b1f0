"""Issue 15 in a real browser: the guidance outcome's own survey question without JavaScript,
and an analyst importing the queue statistics (errors summarised and linked, then success)
with axe-core's WCAG 2.1 AA rules on both pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group

from reports.analytics.models import CounterfactualAnswer, QueueInterval
from reports.triage.roles import ANALYST, roles_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}
PASSWORD = "a-long-password-1"
LOSS_ANSWERS = {"id_document": "no", "driving_licence": "yes", "weapon": "no", "protected_identity": "no",
                "has_identity_number": "yes"}


def violations(page):
    results = Axe().run(page, options=WCAG_AA)
    return [f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


def _loss_gate(page):
    page.goto("/en/forlust/")
    for name, value in LOSS_ANSWERS.items():
        page.locator(f"input[name='{name}'][value='{value}']").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="This is not handled by the police").wait_for()


def test_guidance_outcome_question_without_javascript(page_without_js):
    _loss_gate(page_without_js)
    page_without_js.get_by_label("Called 114 14").check()
    page_without_js.get_by_role("button", name="Send answer").click()
    page_without_js.get_by_text("Thank you for your answer.").wait_for()
    answer = CounterfactualAnswer.objects.get()
    assert (answer.service, answer.kind, answer.answer) == ("forlust", "elsewhere", "called_11414")


def test_outcome_page_with_its_question_has_no_wcag_violations(page):
    _loss_gate(page)
    page.get_by_text("Had this page not told you where to turn").wait_for()
    assert violations(page) == []


def test_analyst_imports_queue_statistics(page, settings, django_user_model, tmp_path):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    roles_setup()
    analyst = django_user_model.objects.create_user(username="analytiker", password=PASSWORD, is_staff=True)
    analyst.groups.add(Group.objects.get(name=ANALYST))
    page.goto("/en/personal/login/")
    page.fill("#id_username", "analytiker")
    page.fill("#id_password", PASSWORD)
    page.click("#login-form input[type=submit]")
    page.wait_for_url("**/en/personal/")

    page.goto("/en/personal/analys/")
    page.get_by_role("link", name="Import 114 14 queue statistics (CSV per 15 minutes)").click()
    header = "interval_start,offered,answered,abandoned,average_handle_seconds\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "2026-03-10 08:00,50,51,0,360\n", encoding="utf-8")
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.get_by_role("link", name="Line 2: answered plus abandoned is more than offered.").count() == 1
    assert violations(page) == []
    good = tmp_path / "good.csv"
    good.write_text(header + "2026-03-10 08:00,50,45,5,360\n2026-03-10 08:15,40,40,0,300\n", encoding="utf-8")
    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("2 intervals imported, 0 replaced.").wait_for()
    assert violations(page) == []
    assert QueueInterval.objects.count() == 2

    page.goto("/en/personal/analys/?start=2026-03-10&end=2026-03-10")
    assert page.locator("#table-call-data tbody tr").count() == 2
