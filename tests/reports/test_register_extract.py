"""The criminal-records extract end to end through the test client: gate, e-ID, steps, submit.

The identity always comes from the e-ID session: a person can only request their own extract.
"""
import pytest
from django.core import mail

from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.models import GateRecord, Submission
from tests.reports.helpers import pass_gate, step_post, token_from

pytestmark = pytest.mark.django_db

SLUG = "belastningsregister"
ANNA = ("198001010001", "Anna Andersson")
BERTIL = ("197512311239", "Bertil Berg")
GATE_OK = {"has_eid": "yes", "purpose_listed": "yes"}


def eid_login(client, pin_name, next_url, prefix=""):
    """Identify with the built-in test provider (typed identity), as the login page does."""
    start = client.post(f"{prefix}/e-legitimation/logga-in/", {"next": next_url})
    assert start.status_code == 302, start.content.decode()[:2000]
    chosen = client.post(start["Location"], {"personal_identity_number": pin_name[0], "name": pin_name[1]})
    assert chosen.status_code == 302, chosen.content.decode()[:2000]
    back = client.get(chosen["Location"])
    assert back.status_code == 302
    return back["Location"]


def assert_queued_for(submission, destination):
    """The submission is queued for its own case system, with a payload its contract accepts."""
    import json
    from pathlib import Path

    from jsonschema import Draft202012Validator

    from reports.delivery.models import Delivery

    delivery = Delivery.objects.get(source_kind="submission", source_id=submission.pk)
    assert delivery.destination == destination
    contract = Path(__file__).resolve().parents[2] / f"docs/contract/{destination}.v1.schema.json"
    schema = json.loads(contract.read_text())
    Draft202012Validator(schema).validate(delivery.payload)
    assert delivery.payload["reporter"]["personal_identity_number"] == submission.personal_identity_number


def submit(client, prefix="", extra=None):
    check = client.get(f"{prefix}/{SLUG}/steg/granska/")
    assert check.status_code == 200
    response = step_post(
        client, SLUG, "granska", {"granska-token": token_from(check), "granska-confirm": "on", **(extra or {})}, prefix
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.get(response["Location"])
    assert response.status_code == 302
    return check, client.get(response["Location"])


def start_identified(client, who=ANNA, prefix=""):
    response = pass_gate(client, SLUG, GATE_OK, prefix)
    assert response["Location"] == f"{prefix}/{SLUG}/steg/"
    # The steps need e-identification: to the login page and back to the same place.
    response = client.get(f"{prefix}/{SLUG}/steg/andamal/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{prefix}/e-legitimation/logga-in/?next=")
    assert eid_login(client, who, f"{prefix}/{SLUG}/steg/andamal/", prefix) == f"{prefix}/{SLUG}/steg/andamal/"


ABOUT_ME = {"om-dig-email": "anna@example.se", "om-dig-phone": "", "om-dig-preferred_language": "sv"}


@pytest.mark.parametrize(
    ("purpose", "step", "details", "stored"),
    [
        ("own", None, {}, {}),
        ("school", "skola", {"skola-activity": "preschool", "skola-employer": "Solrosens förskola"},
         {"activity": "preschool", "employer": "Solrosens förskola"}),
        ("care", "hvb-lss", {"hvb-lss-activity": "hvb", "hvb-lss-employer": "Kustens HVB AB"},
         {"activity": "hvb", "employer": "Kustens HVB AB"}),
        ("foreign", "utland", {"utland-country": "Kanada", "utland-foreign_purpose": "visa",
                               "utland-authority": ""},
         {"country": "Kanada", "foreign_purpose": "visa"}),
        ("other_law", "annat", {"annat-law": "Lag (2013:852)", "annat-requester": "Simklubben Delfin"},
         {"law": "Lag (2013:852)", "requester": "Simklubben Delfin"}),
    ],
)
def test_each_purpose_asks_only_what_it_needs_and_stores_it(
    client, purpose, step, details, stored, django_capture_on_commit_callbacks
):
    start_identified(client)
    response = step_post(client, SLUG, "andamal", {"andamal-purpose": purpose})
    assert response["Location"] == f"/{SLUG}/steg/{step or 'om-dig'}/"
    if step:
        page = client.get(response["Location"]).content.decode()
        for other in {"skola", "hvb-lss", "utland", "annat"} - {step}:
            assert f'name="{other}-' not in page
        response = step_post(client, SLUG, step, details)
        assert response["Location"] == f"/{SLUG}/steg/om-dig/", response.content.decode()[:2000]
    response = step_post(client, SLUG, "om-dig", ABOUT_ME)
    assert response["Location"] == f"/{SLUG}/steg/granska/", response.content.decode()[:2000]
    with django_capture_on_commit_callbacks(execute=True):
        _check, receipt = submit(client)
    submission = Submission.objects.get()
    assert submission.reference in receipt.content.decode()
    assert submission.reference.startswith("BLR-")
    assert registry[submission.service].destination == "register_extracts"
    assert_queued_for(submission, "register_extracts")
    assert (submission.personal_identity_number, submission.reporter_name) == ANNA
    assert submission.answers["andamal"] == {"purpose": purpose}
    assert set(submission.answers) == {"andamal", "om-dig"} | ({step} if step else set())
    if step:
        assert {k: v for k, v in submission.answers[step].items() if v} == stored
    assert (submission.region, submission.municipality_code) == ("", "")
    assert submission.gate_record.outcome == GateOutcome.E_SERVICE
    assert mail.outbox[0].to == ["anna@example.se"]
    assert submission.reference in mail.outbox[0].body


def test_injected_identity_number_is_ignored(client, django_capture_on_commit_callbacks):
    """An identified person cannot request another person's extract, whatever the POST says."""
    start_identified(client, ANNA)
    step_post(client, SLUG, "andamal", {"andamal-purpose": "own"})
    page = client.get(f"/{SLUG}/steg/om-dig/").content.decode()
    assert "Anna Andersson" in page and "19800101-****" in page
    assert "disabled" in page  # shown, not typed
    injected = {
        "om-dig-personal_identity_number": BERTIL[0], "om-dig-name": BERTIL[1],
        "personal_identity_number": BERTIL[0], "reporter_name": BERTIL[1],
    }
    response = step_post(client, SLUG, "om-dig", {**ABOUT_ME, **injected})
    assert response["Location"] == f"/{SLUG}/steg/granska/"
    with django_capture_on_commit_callbacks(execute=True):
        check, _receipt = submit(client, extra=injected)
    assert "Bertil" not in check.content.decode() and BERTIL[0] not in check.content.decode()
    submission = Submission.objects.get()
    assert (submission.personal_identity_number, submission.reporter_name) == ANNA
    assert BERTIL[0] not in str(submission.answers) and "Bertil" not in str(submission.answers)


def test_another_person_identifying_midway_starts_again_as_themselves(client, django_capture_on_commit_callbacks):
    start_identified(client, ANNA)
    step_post(client, SLUG, "andamal", {"andamal-purpose": "school"})
    step_post(client, SLUG, "skola", {"skola-activity": "school", "skola-employer": "Annas skola"})
    client.post("/e-legitimation/logga-ut/")
    # Bertil identifies in the same browser: Anna's answers are not his to see or send (her
    # logout dropped them; tests/reports/test_eid_typed_text.py has the idle timeout).
    assert eid_login(client, BERTIL, f"/{SLUG}/steg/om-dig/") == f"/{SLUG}/steg/om-dig/"
    assert "Annas skola" not in str(client.session.get(f"wizard_report_{SLUG}"))
    # Nor are the gate's answers: Bertil gives his own (tests/reports/test_eid_identity_end.py).
    assert client.get(f"/{SLUG}/steg/om-dig/")["Location"] == f"/{SLUG}/"
    pass_gate(client, SLUG, GATE_OK)
    page = client.get(f"/{SLUG}/steg/om-dig/").content.decode()
    assert "Bertil Berg" in page and "Annas skola" not in page
    assert "Annas skola" not in client.get(f"/{SLUG}/steg/skola/").content.decode()
    step_post(client, SLUG, "andamal", {"andamal-purpose": "own"})
    step_post(client, SLUG, "om-dig", {**ABOUT_ME, "om-dig-email": "bertil@example.se"})
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
    submission = Submission.objects.get()
    assert (submission.personal_identity_number, submission.reporter_name) == BERTIL
    assert set(submission.answers) == {"andamal", "om-dig"}


def test_the_steps_need_e_identification_even_after_the_gate(client):
    pass_gate(client, SLUG, GATE_OK)
    for url in (f"/{SLUG}/steg/andamal/", f"/{SLUG}/steg/granska/"):
        response = client.get(url)
        assert response["Location"].startswith("/e-legitimation/logga-in/?next=")
    response = client.post(f"/{SLUG}/steg/andamal/", {f"report_{SLUG}-current_step": "andamal",
                                                      "andamal-purpose": "own"})
    assert response["Location"].startswith("/e-legitimation/logga-in/")
    assert Submission.objects.count() == 0


def test_no_postal_address_is_asked_and_the_page_says_why(client):
    start_identified(client, prefix="/en")
    step_post(client, SLUG, "andamal", {"andamal-purpose": "own"}, "/en")
    page = client.get(f"/en/{SLUG}/steg/om-dig/").content.decode()
    assert 'id="address-notice"' in page and "population register" in page
    fields = set(registry[SLUG].step("om-dig").form_class.base_fields)
    assert fields == {"name", "personal_identity_number", "phone", "email", "preferred_language"}


def test_english_flow_and_english_confirmation(client, django_capture_on_commit_callbacks):
    start_identified(client, ANNA, prefix="/en")
    step_post(client, SLUG, "andamal", {"andamal-purpose": "own"}, "/en")
    step_post(client, SLUG, "om-dig", {**ABOUT_ME, "om-dig-preferred_language": "en"}, "/en")
    with django_capture_on_commit_callbacks(execute=True):
        check, receipt = submit(client, prefix="/en")
    assert "My own copy" in check.content.decode()
    submission = Submission.objects.get()
    assert submission.language == "en"
    assert "We have received your errand" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("answers", "outcome", "rule", "reason"),
    [
        ({"has_eid": "no"}, GateOutcome.ELSEWHERE, "no_eid", "needs a Swedish e-identification"),
        ({"purpose_listed": "no"}, GateOutcome.ELSEWHERE, "purpose_not_listed", "for the listed purposes only"),
        ({"has_eid": "no", "purpose_listed": "no"}, GateOutcome.ELSEWHERE, "no_eid", "e-identification"),
        ({}, GateOutcome.E_SERVICE, "", ""),
    ],
)
def test_extract_gate_rules(client, answers, outcome, rule, reason):
    response = pass_gate(client, SLUG, {**GATE_OK, **answers}, "/en")
    record = GateRecord.objects.get()
    assert (record.outcome, record.rule) == (outcome, rule)
    if outcome == GateOutcome.E_SERVICE:
        assert response["Location"] == f"/en/{SLUG}/steg/"
        return
    page = client.get(response["Location"]).content.decode()
    assert reason in page
    assert 'href="https://polisen.se/tjanster-tillstand/belastningsregistret/"' in page
