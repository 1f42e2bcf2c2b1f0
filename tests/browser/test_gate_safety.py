"""Gate safety in Chromium (issue 11): every gate rule of every service walked through the real
page (Swedish and English taking turns), 112 on the first urgent answer without JavaScript,
every piece of advice, and a car listed as "other" told before sending and flagged for staff."""
import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from playwright.sync_api import expect

from reports.catalogue import registry
from reports.gate import evaluate
from reports.models import GateRecord, Submission
from reports.triage.models import StaffProfile
from reports.triage.roles import TRIAGE_OFFICER, roles_setup
from tests.reports.test_gate_safety import GATED, safe_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ett-langt-testlosenord-2026"
COMBINED = {"large_event_too_soon": {"large": "yes", "starts_in": "medium"}}


def rule_walks():
    rows, number = [], 0
    for service in GATED:
        for rule in service.rules:
            language = ("sv", "en")[number % 2]  # both languages, every rule once
            number += 1
            rows.append(pytest.param(service.slug, rule.id, language, id=f"{service.slug}-{rule.id}-{language}"))
    return rows


def continue_label(language):
    with translation.override(language):
        return translation.gettext("Continue")


def answer(page, answers):
    for question, value in answers.items():
        page.locator(f"input[name='{question}'][value='{value}']").check()


@pytest.mark.parametrize(("slug", "rule_id", "language"), rule_walks())
def test_every_rule_in_the_browser(page, slug, rule_id, language):
    service = registry[slug]
    rule = next(r for r in service.rules if r.id == rule_id)
    answers = {**safe_answers(service), **(COMBINED.get(rule.id) or {rule.question: sorted(rule.answers)[0]})}
    assert rule.id in evaluate(service.rules, answers).rules
    page.goto(f"/{slug}/" if language == "sv" else f"/en/{slug}/")
    answer(page, answers)
    page.get_by_role("button", name=continue_label(language), exact=True).click()
    with translation.override(language):
        reason = " ".join(str(rule.reason).split())
    if rule.is_warning:
        expect(page.locator(f".gate-warning[data-rule='{rule.id}']")).to_contain_text(reason)
    else:
        expect(page.locator("main")).to_contain_text(reason)
        number = {"call_112": "tel:112", "call_11414": "tel:11414"}.get(rule.outcome)
        if number:
            expect(page.locator(f"main a[href='{number}']").first).to_be_visible()
    assert GateRecord.objects.get().rule == rule.id


@pytest.mark.parametrize(("slug", "language"), [("inbrott", "en"), ("tips", "sv"), ("kortbedrageri", "sv")])
def test_happening_now_alone_shows_112_without_javascript(page_without_js, slug, language):
    page = page_without_js
    page.goto(f"/{slug}/" if language == "sv" else f"/en/{slug}/")
    page.locator("input[name='in_progress'][value='yes']").check()
    page.get_by_role("button", name=continue_label(language), exact=True).click()
    with translation.override(language):
        heading = translation.gettext("Call 112 now")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("main a[href='tel:112']").first).to_be_visible()
    expect(page.locator("#error-summary")).to_have_count(0)


def test_a_card_not_blocked_and_details_by_phone_shows_both(page):
    service = registry["kortbedrageri"]
    page.goto("/en/kortbedrageri/")
    answer(page, {**safe_answers(service), "card_blocked": "no", "details_by_phone": "yes"})
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Call 114 14 to report this")
    expect(page.locator(".also-advice[data-rule='card_not_blocked']")).to_contain_text("Block the card")


def test_a_car_listed_as_other_is_told_before_sending_and_staff_see_the_flag(page, settings):
    service = registry["inbrott"]
    page.goto("/inbrott/")
    answer(page, {**safe_answers(service), "place": "shed_garage"})
    page.get_by_role("button", name="Fortsätt", exact=True).click()
    page.locator("#id_nar-var-date_from").fill("2026-11-20")
    page.locator("#id_nar-var-date_to").fill("2026-11-21")
    page.locator("#id_nar-var-municipality").select_option("0180")
    page.locator("#id_nar-var-place_kind").select_option("storage")
    page.locator("#id_nar-var-address").fill("Storgatan 1, garaget")
    page.locator("#id_nar-var-what_happened").fill("Garageporten var uppbruten på morgonen.")
    page.get_by_role("button", name="Fortsätt", exact=True).click()
    page.locator("#id_inbrottet-entry_point").select_option(index=1)
    page.locator("#id_inbrottet-damage").fill("Låset bändes upp")
    page.locator("input[name='inbrottet-anything_taken'][value='yes']").check()
    page.get_by_role("button", name="Fortsätt", exact=True).click()
    page.locator("#id_foremal-0-kind").select_option("other")
    page.locator("#id_foremal-0-description").fill("Vår bil, en Volvo V70")
    page.get_by_role("button", name="Fortsätt", exact=True).click()
    page.get_by_role("button", name="Fortsätt", exact=True).click()  # photos: none
    page.locator("#id_om-dig-name").fill("Anna Andersson")
    page.locator("#id_om-dig-personal_identity_number").fill("811218-9876")
    page.locator("#id_om-dig-phone").fill("0701234567")
    page.locator("#id_om-dig-email").fill("anna@example.se")
    page.locator("input[name='om-dig-preferred_language'][value='sv']").check()
    page.get_by_role("button", name="Fortsätt", exact=True).click()

    warning = page.locator(".screening-phone[data-rule='vehicle_item']")
    expect(warning).to_contain_text("Ring 114 14 i stället för att skicka")
    expect(warning).to_contain_text("måste efterlysas direkt")
    expect(warning.locator("a[href='tel:11414']")).to_be_visible()
    page.locator("input[name='granska-confirm']").check()
    page.locator("#main-form button.btn-primary").click()  # the person's choice: sent anyway
    expect(page.locator("#reference")).to_be_visible()
    submission = Submission.objects.get()
    assert submission.flagged and submission.priority == 1

    settings.PORTAL_STAFF_OTP_REQUIRED = False
    roles_setup()
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.create_user(username="handlaggare", password=PASSWORD, is_staff=True)
    officer.groups.add(Group.objects.get(name=TRIAGE_OFFICER))
    StaffProfile.objects.create(user=officer, region="Stockholm")
    page.goto("/en/personal/login/")
    page.fill("#id_username", "handlaggare")
    page.fill("#id_password", PASSWORD)
    page.click("#login-form input[type=submit]")
    page.wait_for_url("**/en/personal/")
    page.goto("/en/personal/reports/submission/")
    row = page.locator("tr", has=page.get_by_role("link", name=submission.reference))
    expect(row.locator(".screening-flag")).to_have_text("⚑ Flagged")
    expect(row).to_contain_text("bil")
    expect(row).to_contain_text("Urgent")
    page.get_by_role("link", name=submission.reference).click()
    expect(page.locator(".screening-findings")).to_contain_text("posted as wanted at once")
