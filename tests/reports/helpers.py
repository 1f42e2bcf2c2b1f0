"""Walking the theft wizard through Django's test client, as a browser would."""
import re

THEFT_WHEN_WHERE = {
    "nar-var-date_from": "2026-11-20",
    "nar-var-time_from": "08:00",
    "nar-var-date_to": "2026-11-20",
    "nar-var-time_to": "17:30",
    "nar-var-municipality": "0180",
    "nar-var-place_kind": "street",
    "nar-var-address": "Drottninggatan 1",
    "nar-var-what_happened": "My bicycle was locked outside the shop and gone when I came back.",
}

THEFT_ITEMS = {
    "foremal-TOTAL_FORMS": "1",
    "foremal-INITIAL_FORMS": "0",
    "foremal-MIN_NUM_FORMS": "1",
    "foremal-MAX_NUM_FORMS": "30",
    "foremal-0-kind": "bicycle",
    "foremal-0-description": "Blue Crescent bicycle with a child seat",
    "foremal-0-brand_model": "Crescent Elis",
    "foremal-0-serial_number": "WCR123456",
    "foremal-0-value_sek": "6500",
}

THEFT_ABOUT_YOU = {
    "om-dig-name": "Anna Andersson",
    "om-dig-personal_identity_number": "19811218-9876",
    "om-dig-phone": "070-123 45 67",
    "om-dig-email": "anna@example.se",
    "om-dig-preferred_language": "sv",
}


def step_post(client, service_slug, step, data, prefix=""):
    """POST one wizard step as the browser would, with formtools' management field."""
    payload = {f"report_{service_slug}-current_step": step, **data}
    return client.post(f"{prefix}/{service_slug}/steg/{step}/", payload)


def pass_gate(client, service_slug, answers, prefix=""):
    return client.post(f"{prefix}/{service_slug}/", answers)


def token_from(response):
    match = re.search(r'name="granska-token" value="([0-9a-f]{32})"', response.content.decode())
    assert match, "the check-your-answers page carries the submission token"
    return match.group(1)
