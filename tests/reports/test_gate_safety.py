"""Gate safety (issue 11): every gate rule of every service walked through the real gate page in
Swedish and English; 112 on the first urgent answer; every matching rule's advice; truthful
headings; changed outcomes linked within a session; the screening told before sending and
stored for staff."""
import html
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from reports.analytics.gate_changes import changed_outcomes_by_rule
from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import NO, evaluate
from reports.models import GateRecord, Submission
from tests.reports.helpers import THEFT_ABOUT_YOU, THEFT_ITEMS, THEFT_WHEN_WHERE, pass_gate
from tests.reports.service_walk import submit, walk_to_check

pytestmark = pytest.mark.django_db

GATED = [service for service in registry if not service.entry_url_name]
LANGUAGES = [("sv", ""), ("en", "/en")]


def safe_answers(service) -> dict[str, str]:
    """For each question the first answer ("no" preferred) under which no rule matches."""
    answers: dict[str, str] = {}
    for question in service.questions:
        values = [value for value, _label in question.choices]
        values.sort(key=lambda v: v != NO)
        for value in values:
            trial = {**answers, question.id: value}
            if not any(rule.applies(trial) for rule in service.rules):
                answers[question.id] = value
                break
        else:  # pragma: no cover - a question no answer of which suits the e-service
            raise AssertionError(f"{service.slug}: no safe answer to {question.id}")
    return answers


def rule_rows():
    """(service, rule, answers) for every rule of every gated service: the safe answers with the one
    answer that triggers the rule (a combined rule: the answers its docstring names)."""
    combined = {"large_event_too_soon": {"large": "yes", "starts_in": "medium"}}
    rows = []
    for service in GATED:
        for rule in service.rules:
            trigger = combined.get(rule.id) or {rule.question: sorted(rule.answers)[0]}
            rows.append(pytest.param(service, rule, {**safe_answers(service), **trigger},
                                     id=f"{service.slug}-{rule.id}"))
    return rows


def page_text(client, response) -> str:
    return html.unescape(client.get(response["Location"], follow=True).content.decode())


@pytest.mark.parametrize(("service", "rule", "answers"), rule_rows())
@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_every_rule_through_the_gate_page_in_both_languages(client, service, rule, answers, language, prefix):
    assert evaluate(service.rules, answers).rules[0] == rule.id or rule.is_warning
    response = pass_gate(client, service.slug, answers, prefix)
    assert response.status_code == 302
    record = GateRecord.objects.get()
    assert record.rule == rule.id and record.language == language
    page = page_text(client, response)
    with translation.override(language):
        reason = str(rule.reason)
        if rule.advice:
            assert str(rule.advice) in page
    assert reason in page
    if language == "sv":
        with translation.override("en"):
            assert str(rule.reason) != reason, "the Swedish reason is translated"
    if rule.is_warning:
        assert response["Location"].endswith(f"/{service.slug}/steg/")
    elif rule.outcome == GateOutcome.CALL_112:
        assert 'href="tel:112"' in page
    elif rule.outcome == GateOutcome.CALL_11414:
        assert 'href="tel:11414"' in page


def test_every_gated_service_has_safe_answers_that_suit_the_e_service():
    for service in GATED:
        assert evaluate(service.rules, safe_answers(service)).kind == GateOutcome.E_SERVICE, service.slug


# -- the rules the issue asked for, by name ------------------------------------------------------------

@pytest.mark.parametrize(
    ("slug", "answers", "rule", "swedish", "english"),
    [
        ("inbrott", {"vehicle": "yes"}, "vehicle_stolen", "måste efterlysas direkt", "posted as wanted at once"),
        ("inbrott", {"id_document": "yes"}, "id_document_stolen", "måste spärras direkt", "blocked at once"),
        ("stold", {"vehicle": "yes"}, "vehicle_stolen", "måste efterlysas direkt", "posted as wanted at once"),
        ("tips", {"planned": "soon"}, "planned_soon", "kan fortfarande förhindras", "may still be prevented"),
        ("tips", {"planned": "later"}, "planned_later", "bedömas av en polis nu", "assessed by a police officer now"),
    ],
)
def test_the_new_rules_in_swedish_and_english(client, slug, answers, rule, swedish, english):
    service = registry[slug]
    for prefix, text in (("", swedish), ("/en", english)):
        response = pass_gate(client, slug, {**safe_answers(service), **answers}, prefix)
        assert text in page_text(client, response)
    assert list(GateRecord.objects.values_list("rule", flat=True)) == [rule, rule]


@pytest.mark.parametrize("slug", ["inbrott", "stold"])
def test_the_vehicle_question_names_every_vehicle(slug):
    with translation.override("en"):
        label = str(next(q.label for q in registry[slug].questions if q.id == "vehicle"))
    for word in ("car", "motorcycle", "moped", "boat", "trailer", "snowmobile", "ATV", "number plate"):
        assert word in label
    with translation.override("sv"):
        label = str(next(q.label for q in registry[slug].questions if q.id == "vehicle"))
    for word in ("bil", "motorcykel", "moped", "båt", "släpvagn", "snöskoter", "fyrhjuling", "registreringsskylt"):
        assert word in label


# -- the first urgent answer is enough --------------------------------------------------------------------

URGENT = [s.slug for s in GATED if any(r.outcome == GateOutcome.CALL_112 for r in s.rules)]


@pytest.mark.parametrize("slug", URGENT)
@pytest.mark.parametrize(("language", "prefix", "heading"), [("sv", "", "Ring 112 nu"), ("en", "/en", "Call 112 now")])
def test_only_happening_now_yes_shows_call_112_at_once(client, slug, language, prefix, heading):
    response = pass_gate(client, slug, {"in_progress": "yes"}, prefix)
    assert response.status_code == 302 and response["Location"].endswith(f"/{slug}/besked/")
    page = page_text(client, response)
    assert heading in page and 'href="tel:112"' in page
    assert "Answer this question" not in page and "Svara på frågan" not in page
    record = GateRecord.objects.get()
    assert (record.outcome, record.rule) == (GateOutcome.CALL_112, "in_progress")


def test_only_danger_yes_is_enough_too(client):
    response = pass_gate(client, "stold", {"danger": "yes"}, "/en")
    assert "Call 112 now" in page_text(client, response)


@pytest.mark.parametrize("answers", [{}, {"in_progress": "no"}, {"in_progress": "maybe"}, {"violence": "yes"}])
def test_without_an_urgent_yes_the_unanswered_questions_are_errors(client, answers):
    response = pass_gate(client, "stold", answers, "/en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Answer “" in page  # each unanswered question named in its own error (issue 14's messages)
    assert "Call 112 now" not in page
    assert not GateRecord.objects.exists()


# -- every piece of advice that applies ---------------------------------------------------------------------

def test_card_not_blocked_and_details_by_phone_say_both(client):
    service = registry["kortbedrageri"]
    answers = {**safe_answers(service), "card_blocked": "no", "details_by_phone": "yes"}
    for prefix, language in (("/en", "en"), ("", "sv")):
        page = page_text(client, pass_gate(client, service.slug, answers, prefix))
        with translation.override(language):
            by_id = {rule.id: rule for rule in service.rules}
            assert str(by_id["details_by_phone"].reason) in page  # the winning rule: call 114 14
            assert str(by_id["card_not_blocked"].reason) in page  # and "block the card first"
        assert 'href="tel:11414"' in page
        assert 'data-rule="card_not_blocked"' in page


# -- headings that tell the truth ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("slug", "answers", "heading", "not_heading"),
    [
        ("vapenlicens", {"has_eid": "no"}, "Apply to the police on the paper form", "not handled by the police"),
        ("belastningsregister", {"has_eid": "no"}, "Ask the police for the extract on the paper form",
         "not handled by the police"),
        ("forlust", {"driving_licence": "yes"}, "This is not handled by the police", "paper form"),
        ("tillstand-allman-sammankomst", {"private": "yes"}, "This is not handled by the police", "paper form"),
    ],
)
def test_elsewhere_headings(client, slug, answers, heading, not_heading):
    service = registry[slug]
    page = page_text(client, pass_gate(client, slug, {**safe_answers(service), **answers}, "/en"))
    assert f"<h1 id=\"outcome-title\">{heading}</h1>" in page
    assert not_heading not in page.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_elsewhere_heading_in_swedish(client):
    service = registry["vapenlicens"]
    page = page_text(client, pass_gate(client, service.slug, {**safe_answers(service), "has_eid": "no"}))
    assert "Ansök hos polisen på pappersblanketten" in page


# -- changed outcomes -------------------------------------------------------------------------------------

def test_tries_of_one_session_are_linked_and_counted(client):
    service = registry["stold"]
    safe = safe_answers(service)
    pass_gate(client, "stold", {**safe, "knows_suspect": "yes"}, "/en")
    pass_gate(client, "stold", {**safe, "knows_suspect": "yes", "weapon": "yes"}, "/en")
    pass_gate(client, "stold", safe, "/en")  # "no, I don't know who did it" and on to the e-service
    first, second, third = GateRecord.objects.order_by("pk")
    assert first.attempt_key == second.attempt_key == third.attempt_key != ""
    assert (first.first_outcome, first.first_rule, first.changed_outcome) == ("", "", False)
    assert (second.first_outcome, second.first_rule, second.changed_outcome) == (
        GateOutcome.CALL_11414, "knows_suspect", False)
    assert (third.first_outcome, third.first_rule, third.changed_outcome) == (
        GateOutcome.CALL_11414, "knows_suspect", True)
    today = timezone.localdate()
    [row] = changed_outcomes_by_rule(start=today, end=today)
    assert (row.service, row.rule, row.first_outcome, row.changed, row.to_e_service) == (
        "stold", "knows_suspect", GateOutcome.CALL_11414, 1, 1)


def test_another_session_is_another_chain(client):
    from django.test import Client

    safe = safe_answers(registry["stold"])
    pass_gate(client, "stold", {**safe, "vehicle": "yes"}, "/en")
    other = Client()
    pass_gate(other, "stold", safe, "/en")
    first, second = GateRecord.objects.order_by("pk")
    assert first.attempt_key != second.attempt_key
    assert second.first_outcome == "" and not second.changed_outcome
    today = timezone.localdate()
    assert changed_outcomes_by_rule(start=today, end=today) == []
    assert changed_outcomes_by_rule(start=today - timedelta(days=3), end=today - timedelta(days=1)) == []


def test_a_sent_report_starts_a_new_chain(client):
    safe = safe_answers(registry["tips"])
    pass_gate(client, "tips", {**safe, "planned": "later"}, "/en")
    check = walk_to_check(client, "tips", [
        ("tipset", {"tipset-subject": "other", "tipset-what": "Någon dumpar oljefat i skogen."}),
        ("kontakt-val", {"kontakt-val-wants_contact": "no"}),
    ], gate=safe)
    submit(client, "tips", check)
    submission = Submission.objects.get()
    assert submission.gate_record.changed_outcome and submission.gate_record.first_rule == "planned_later"
    pass_gate(client, "tips", safe, "/en")
    assert GateRecord.objects.order_by("pk").last().first_outcome == ""


# -- the screening: told before sending, stored for staff -----------------------------------------------------

def theft_walk(client, description, what="Cykeln stod låst utanför.", prefix="/en"):
    return walk_to_check(client, "stold", [
        ("nar-var", {**THEFT_WHEN_WHERE, "nar-var-what_happened": what}),
        ("foremal", {**THEFT_ITEMS, "foremal-0-kind": "other", "foremal-0-description": description,
                     "foremal-0-brand_model": "", "foremal-0-serial_number": ""}),
        ("om-dig", THEFT_ABOUT_YOU),
    ], prefix=prefix)


@pytest.mark.parametrize(("prefix", "heading", "reason"), [
    ("/en", "Call 114 14 instead of sending", "must be posted as wanted at once"),
    ("", "Ring 114 14 i stället för att skicka", "måste efterlysas direkt"),
])
def test_a_car_listed_as_other_is_told_before_sending_and_flagged(client, prefix, heading, reason):
    check = theft_walk(client, "Vår bil, en Volvo V70", prefix=prefix)
    page = html.unescape(check.content.decode())
    assert heading in page and reason in page and 'data-rule="vehicle_item"' in page
    submit(client, "stold", check)  # the person's choice: sent anyway
    submission = Submission.objects.get()
    assert submission.flagged and submission.priority == 1
    assert submission.screening == [{"rule": "vehicle_item", "level": "phone", "words": ["bil"]}]


def test_a_threat_in_the_text_is_sent_and_flagged_without_a_warning(client):
    check = theft_walk(client, "Cykel, blå", what="Han hotade mig med en kniv när jag skulle låsa upp cykeln.")
    page = check.content.decode()
    assert "screening-phone" not in page  # a signal is for staff only
    submit(client, "stold", check)
    submission = Submission.objects.get()
    assert submission.flagged and submission.priority == 2
    assert {f["rule"]: f["words"] for f in submission.screening} == {"threat_text": ["hotade"],
                                                                     "weapon_text": ["kniv"]}


def test_nothing_found_leaves_the_report_unflagged(client):
    check = theft_walk(client, "Nyckel och bilder", what="Jag tog bilder på cykelstället.")
    assert "screening-" not in check.content.decode()
    submit(client, "stold", check)
    submission = Submission.objects.get()
    assert (submission.flagged, submission.screening, submission.priority) == (False, [], 3)


# -- late public gatherings ---------------------------------------------------------------------------------

def test_a_late_gathering_is_accepted_with_a_warning_on_every_step(client):
    service = registry["tillstand-allman-sammankomst"]
    response = pass_gate(client, service.slug, {**safe_answers(service), "starts_in": "soon"}, "/en")
    assert response["Location"] == f"/en/{service.slug}/steg/"
    page = page_text(client, response)
    assert "less than 14 days before the event" in page and 'data-rule="event_too_soon"' in page
    page = html.unescape(client.get(f"/{service.slug}/steg/arrangor/").content.decode())
    assert "mindre än 14 dagar före evenemanget" in page


def test_a_loss_does_not_invite_lost_keys(client):
    with translation.override("en"):
        assert "keys" not in str(registry["forlust"].summary).split(".")[0]
        assert "Lost keys are not reported to the police." in str(registry["forlust"].summary)
    assert "Borttappade nycklar anmäls inte till polisen." in client.get("/forlust/").content.decode()
