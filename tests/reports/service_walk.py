"""Walking any e-service's wizard through Django's test client, and its sample answers.

Shared by the flow tests of burglary, card fraud, loss, vandalism, parking damage and tips.
"""
import html

from reports.catalogue import registry
from tests.reports.helpers import pass_gate, step_post, token_from

ATTACHMENTS_STEP = "bilagor"

ABOUT_YOU = {
    "om-dig-name": "Anna Andersson",
    "om-dig-personal_identity_number": "19811218-9876",
    "om-dig-phone": "070-123 45 67",
    "om-dig-email": "anna@example.se",
    "om-dig-preferred_language": "en",
}


def when_where(**overrides):
    data = {
        "nar-var-date_from": "2026-11-20",
        "nar-var-time_from": "22:00",
        "nar-var-date_to": "2026-11-21",
        "nar-var-time_to": "07:30",
        "nar-var-municipality": "1480",  # Göteborg, police region Väst
        "nar-var-place_kind": "storage",
        "nar-var-address": "Storgatan 5, basement storage 12",
        "nar-var-what_happened": "The padlock was cut during the night and my things were gone.",
    }
    data.update({f"nar-var-{key}": value for key, value in overrides.items()})
    return data


def formset(prefix, rows, **management):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def gate_answers(slug, **overrides):
    """Answers that suit the e-service: "no" to every question but the few that must be yes."""
    service = registry[slug]
    answers = {q.id: "no" for q in service.questions}
    answers.update({k: "yes" for k in ("has_identity_number", "card_blocked") if k in answers})
    if "place" in answers:
        answers["place"] = "storage"
    answers.update(overrides)
    return answers


def walk_to_check(client, slug, steps, prefix="/en", gate=None):
    """Pass the gate and post each (step, data); every step must be accepted. Returns the check page."""
    response = pass_gate(client, slug, gate or gate_answers(slug), prefix)
    assert response.status_code == 302 and response["Location"].endswith(f"/{slug}/steg/"), response
    planned = [step for step, _data in steps]
    for step, data in steps:
        response = step_post(client, slug, step, data, prefix)
        assert response.status_code == 302, f"{step}: {error_text(response)}"
        response = skip_attachments(client, slug, response, planned, prefix)
    check = client.get(response["Location"])
    assert check.status_code == 200
    return check


def skip_attachments(client, slug, response, planned, prefix="/en"):
    """The optional attachments step (another area's) is sent empty unless a test plans it."""
    if response["Location"].endswith(f"/{ATTACHMENTS_STEP}/") and ATTACHMENTS_STEP not in planned:
        response = step_post(client, slug, ATTACHMENTS_STEP, {}, prefix)
        assert response.status_code == 302, f"{ATTACHMENTS_STEP}: {error_text(response)}"
    return response


def submit(client, slug, check, prefix="/en"):
    """Confirm on the check page and follow to the receipt; returns the receipt response."""
    response = step_post(client, slug, "granska", {"granska-token": token_from(check), "granska-confirm": "on"}, prefix)
    assert response.status_code == 302, error_text(response)
    response = client.get(response["Location"])  # formtools' "done" step
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    return receipt


def step_errors(client, slug, step, data, prefix="/en"):
    """Post a step that must be refused; returns the page (200, HTML entities decoded)."""
    response = step_post(client, slug, step, data, prefix)
    assert response.status_code == 200, f"{step} was accepted"
    page = html.unescape(response.content.decode())
    assert 'id="error-summary"' in page
    return page


def error_text(response) -> str:
    page = response.content.decode()
    start = page.find('id="error-summary"')
    return page[start : start + 2000] if start >= 0 else page[:2000]
