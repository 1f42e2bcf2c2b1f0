"""What a person typed on an e-ID service after their identity ended: refilled for the same
person when they identify again, never shown to (or kept in the session for) anyone else.

The shared computer: Anna fills in the criminal-records extract, walks away, her identity
times out (or the whole session ends); Bertil sits down and identifies in the same browser.
"""
import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.core import mail

from reports.eid.session import SESSION_KEY
from tests.reports.helpers import pass_gate, step_post
from tests.reports.test_register_extract import ANNA, BERTIL, GATE_OK, SLUG, eid_login, start_identified

pytestmark = pytest.mark.django_db

STEP_URL = f"/{SLUG}/steg/"
ANNAS_SCHOOL = {"skola-activity": "school", "skola-employer": "Annas hemliga skola"}
ANNAS_CONTACT = {"om-dig-email": "anna.hemlig@example.se", "om-dig-phone": "070-111 22 33",
                 "om-dig-preferred_language": "sv"}
ANNAS_TEXTS = ("Annas hemliga skola", "anna.hemlig@example.se", "070-111 22 33", ANNA[0])


def idle_timeout(client, settings):
    session = client.session
    stored = session[SESSION_KEY]
    stored["seen"] -= settings.EID_IDLE_TIMEOUT_SECONDS + 1
    session[SESSION_KEY] = stored
    session.save()


def session_text(client) -> str:
    """Everything the browser's session row holds, as text."""
    return json.dumps(client.session._session, ensure_ascii=False, default=str)


def assert_nothing_of_anna(text: str) -> None:
    for typed in ANNAS_TEXTS:
        assert typed not in text


def hidden_value(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    return match.group(1) if match else ""


def anna_times_out_on_about_you(client, settings):
    """Anna answers two steps, types her contact details and is away too long before "Continue"."""
    start_identified(client, ANNA)
    step_post(client, SLUG, "andamal", {"andamal-purpose": "school"})
    response = step_post(client, SLUG, "skola", ANNAS_SCHOOL)
    assert response["Location"] == f"{STEP_URL}om-dig/"
    idle_timeout(client, settings)
    response = step_post(client, SLUG, "om-dig", ANNAS_CONTACT)
    assert response.status_code == 302
    assert response["Location"].startswith("/e-legitimation/logga-in/?next=")
    assert "timeout=1" in response["Location"]
    return f"{STEP_URL}om-dig/"


def walk_as_bertil(client) -> str:
    """Every page Bertil reaches after identifying: the page he is sent to (the gate, when an
    identity ended before his), then each step after answering the gate."""
    pages = []
    response = client.get(f"{STEP_URL}om-dig/", follow=True)
    pages.append(response.content.decode())
    assert pass_gate(client, SLUG, GATE_OK)["Location"] == STEP_URL
    pages.append(client.get(STEP_URL, follow=True).content.decode())
    step_post(client, SLUG, "andamal", {"andamal-purpose": "school"})
    for step in ("skola", "om-dig"):
        pages.append(client.get(f"{STEP_URL}{step}/").content.decode())
    pages.append(client.get(f"/{SLUG}/spara/", follow=True).content.decode())
    return "\n".join(pages)


def test_the_same_person_identifying_again_gets_back_what_they_typed(client, settings):
    """After the gate's questions, asked again of whoever continues (tests/reports/test_eid_identity_end.py)."""
    next_url = anna_times_out_on_about_you(client, settings)
    assert eid_login(client, ANNA, next_url) == next_url
    assert client.get(next_url)["Location"] == f"/{SLUG}/"
    page = client.get(f"/{SLUG}/").content.decode()
    assert "checked" not in page  # the gate's answers went with the identity
    assert "svara på frågorna igen" in page  # and Anna is told why, and that her text is kept
    assert pass_gate(client, SLUG, GATE_OK)["Location"] == STEP_URL
    response = client.get(STEP_URL, follow=True)
    assert response.redirect_chain[-1][0] == next_url
    page = response.content.decode()
    assert 'value="anna.hemlig@example.se"' in page and 'value="070-111 22 33"' in page
    assert "There is a problem" not in page
    assert 'value="Annas hemliga skola"' in client.get(f"{STEP_URL}skola/").content.decode()


def test_another_person_identifying_after_the_timeout_sees_and_keeps_none_of_it(client, settings):
    next_url = anna_times_out_on_about_you(client, settings)
    assert eid_login(client, BERTIL, next_url) == next_url
    # Before Bertil sees any page, the session holds nothing of Anna's (not even her number).
    assert_nothing_of_anna(session_text(client))
    pages = walk_as_bertil(client)
    assert "Bertil Berg" in pages
    assert_nothing_of_anna(pages)
    assert_nothing_of_anna(session_text(client))


def test_another_person_identifying_elsewhere_first_gets_none_of_it_either(client, settings):
    """Bertil identifies for the passport booking; Anna's answers are gone all the same."""
    anna_times_out_on_about_you(client, settings)
    assert eid_login(client, BERTIL, "/pass/kontor/") == "/pass/kontor/"
    assert_nothing_of_anna(session_text(client))
    assert_nothing_of_anna(walk_as_bertil(client))


def test_nobody_can_save_the_timed_out_answers_for_later_without_identifying(client, settings):
    anna_times_out_on_about_you(client, settings)
    # The gate's answers went with the identity: the gate comes first, then the login.
    response = client.get(f"/{SLUG}/spara/")
    assert response.status_code == 302 and response["Location"] == f"/{SLUG}/"
    pass_gate(client, SLUG, GATE_OK)
    response = client.get(f"/{SLUG}/spara/")
    assert response.status_code == 302
    assert response["Location"].startswith("/e-legitimation/logga-in/?next=")
    response = client.post(f"/{SLUG}/spara/", {"email": "someone@example.se"})
    assert response.status_code == 302 and response["Location"].startswith("/e-legitimation/logga-in/")
    assert not mail.outbox


def test_logging_out_drops_what_the_person_typed(client, settings):
    start_identified(client, ANNA)
    step_post(client, SLUG, "andamal", {"andamal-purpose": "school"})
    step_post(client, SLUG, "skola", ANNAS_SCHOOL)
    client.post(f"{STEP_URL}om-dig/", {f"report_{SLUG}-current_step": "om-dig", "wizard_goto_step": "skola",
                                       **ANNAS_CONTACT})
    client.post("/e-legitimation/logga-ut/")
    assert_nothing_of_anna(session_text(client))
    # Anna herself, identifying again, starts afresh: logging out was her choice to leave nothing.
    assert eid_login(client, ANNA, f"{STEP_URL}andamal/") == f"{STEP_URL}andamal/"
    assert_nothing_of_anna(client.get(f"{STEP_URL}skola/", follow=True).content.decode())


def test_logging_out_after_the_timeout_drops_it_too(client, settings):
    anna_times_out_on_about_you(client, settings)
    client.post("/e-legitimation/logga-ut/")
    assert_nothing_of_anna(session_text(client))


def anna_sends_a_page_after_the_session_ended(client):
    """The whole session ends (4 hours): the page Anna sends then is kept for after the gate."""
    start_identified(client, ANNA)
    step_post(client, SLUG, "andamal", {"andamal-purpose": "own"})
    page = client.get(f"{STEP_URL}om-dig/").content.decode()
    owner = hidden_value(page, "eid_owner")
    Session.objects.all().delete()
    response = step_post(client, SLUG, "om-dig", {**ANNAS_CONTACT, "eid_owner": owner})
    assert response.status_code == 302 and response["Location"] == f"/{SLUG}/"
    assert pass_gate(client, SLUG, GATE_OK)["Location"] == STEP_URL


def test_the_page_kept_after_the_session_ended_is_refilled_for_the_same_person(client):
    anna_sends_a_page_after_the_session_ended(client)
    assert eid_login(client, ANNA, f"{STEP_URL}andamal/") == f"{STEP_URL}andamal/"
    client.get(f"{STEP_URL}andamal/")
    step_post(client, SLUG, "andamal", {"andamal-purpose": "own"})
    page = client.get(f"{STEP_URL}om-dig/").content.decode()
    assert 'value="anna.hemlig@example.se"' in page and 'value="070-111 22 33"' in page


def test_the_page_kept_after_the_session_ended_is_never_filled_in_for_another_person(client):
    anna_sends_a_page_after_the_session_ended(client)
    assert eid_login(client, BERTIL, f"{STEP_URL}andamal/") == f"{STEP_URL}andamal/"
    assert_nothing_of_anna(session_text(client))
    assert_nothing_of_anna(walk_as_bertil(client))
    assert_nothing_of_anna(session_text(client))


def test_the_pages_never_carry_the_identity_number(client):
    start_identified(client, ANNA)
    page = client.get(f"{STEP_URL}andamal/").content.decode()
    owner = hidden_value(page, "eid_owner")
    assert ANNA[0] not in owner
    assert ANNA[0] not in json.dumps(client.session.get(f"wizard_report_{SLUG}"))


def test_a_draft_link_opened_by_another_identified_person_starts_again(client, settings):
    """Anna saves for later; the link reaches Bertil, identified: he answers the gate and starts
    at the first step."""
    start_identified(client, ANNA)
    step_post(client, SLUG, "andamal", {"andamal-purpose": "school"})
    response = step_post(client, SLUG, "skola", {**ANNAS_SCHOOL, "save_for_later": "1"})
    assert response["Location"] == f"/{SLUG}/spara/"
    assert client.post(f"/{SLUG}/spara/", {"email": "anna@example.se"}).status_code == 200
    link = re.search(r"https?://\S+/fortsatt/\S+/", mail.outbox[-1].body).group(0)
    client.post("/e-legitimation/logga-ut/")
    eid_login(client, BERTIL, "/pass/kontor/")
    response = client.get(urlsplit(link).path, follow=True)
    # Anna's gate answers are not restored for him (tests/reports/test_eid_identity_end.py).
    assert response.redirect_chain[-1][0] == f"/{SLUG}/"
    assert_nothing_of_anna(response.content.decode())
    assert pass_gate(client, SLUG, GATE_OK)["Location"] == STEP_URL
    response = client.get(STEP_URL, follow=True)
    assert response.redirect_chain[-1][0] == f"{STEP_URL}andamal/"
    assert_nothing_of_anna(response.content.decode())
    assert_nothing_of_anna(session_text(client))


def test_a_run_tagged_with_the_number_itself_stays_the_same_persons(client):
    """Drafts saved before the tag was hashed carry the number: Anna keeps hers, tagged anew."""
    start_identified(client, ANNA)
    step_post(client, SLUG, "andamal", {"andamal-purpose": "school"})
    step_post(client, SLUG, "skola", ANNAS_SCHOOL)
    session = client.session
    run = session[f"wizard_report_{SLUG}"]
    run["extra_data"]["eid"] = ANNA[0]
    session[f"wizard_report_{SLUG}"] = run
    session.save()
    assert 'value="Annas hemliga skola"' in client.get(f"{STEP_URL}skola/").content.decode()
    assert ANNA[0] not in json.dumps(client.session[f"wizard_report_{SLUG}"])
