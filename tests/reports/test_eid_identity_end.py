"""When an identity ends on a shared computer: the gate of every e-ID service is asked again,
and the receipts of e-ID services are not left for the next person (docs/eid.md, "What a person
typed, after the identity ends").

Anna applies for her criminal-records extract and walks away (logging out, or not: her identity
times out); Bertil sits down at the same browser. The gate's answers decide whether a case belongs
on 112 or 114 14, so Bertil must give his own; Anna's receipt shows her reference and e-mail address.
"""
import re

import pytest

from reports.models import Submission
from reports.session import RECEIPTS_KEY
from reports.session import SESSION_KEY as GATE_KEY
from tests.reports.helpers import pass_gate, step_post, token_from
from tests.reports.test_eid_typed_text import idle_timeout, session_text
from tests.reports.test_register_extract import (
    ABOUT_ME,
    ANNA,
    BERTIL,
    GATE_OK,
    SLUG,
    eid_login,
    start_identified,
    submit,
)
from tests.reports.test_theft_flow import walk_to_check

pytestmark = pytest.mark.django_db

STEP_URL = f"/{SLUG}/steg/"
GATE_URL = f"/{SLUG}/"
THEFT_GATE = {"in_progress": "no", "danger": "no", "violence": "no", "vehicle": "no", "id_document": "no",
              "weapon": "no", "knows_suspect": "no", "protected_identity": "no", "has_identity_number": "yes"}


def gate_of(client) -> dict:
    return client.session.get(GATE_KEY, {}).get(SLUG) or {}


def anna_on_the_steps(client):
    start_identified(client, ANNA)
    step_post(client, SLUG, "andamal", {"andamal-purpose": "own"})
    assert gate_of(client)["outcome"] == "e_service"


@pytest.mark.parametrize("leaves", ["logout", "timeout"])
def test_the_next_person_answers_the_gate_again(client, settings, leaves):
    anna_on_the_steps(client)
    if leaves == "logout":
        client.post("/e-legitimation/logga-ut/")
    else:
        idle_timeout(client, settings)
        response = client.get(f"{STEP_URL}om-dig/")  # Bertil opens the page Anna left
        assert response["Location"].startswith("/e-legitimation/logga-in/")
    assert gate_of(client) == {}
    assert eid_login(client, BERTIL, f"{STEP_URL}andamal/") == f"{STEP_URL}andamal/"
    for url in (f"{STEP_URL}andamal/", f"{STEP_URL}om-dig/", f"{STEP_URL}granska/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == GATE_URL
    # Not told "what you had written is kept": nothing of Anna's is (that is for Anna, after a timeout).
    assert "svara på frågorna igen" not in client.get(GATE_URL).content.decode()
    response = step_post(client, SLUG, "andamal", {"andamal-purpose": "own"})
    assert response["Location"] == GATE_URL
    # Bertil's own answers open the steps, as himself.
    assert pass_gate(client, SLUG, GATE_OK)["Location"] == STEP_URL
    page = client.get(f"{STEP_URL}andamal/", follow=True).content.decode()
    assert "Bertil Berg" in page


def test_the_gate_page_after_a_timeout_holds_no_earlier_answers(client, settings):
    """The first page Bertil opens is the gate itself: nothing of Anna's is filled in."""
    anna_on_the_steps(client)
    assert 'checked' in client.get(GATE_URL).content.decode()  # while Anna is identified: her answers
    idle_timeout(client, settings)
    page = client.get(GATE_URL).content.decode()
    assert "checked" not in page
    assert gate_of(client) == {}


def test_the_outcome_page_after_a_timeout_is_not_anyones(client, settings):
    """Anna was told to go elsewhere (no e-ID); after her timeout, the outcome page is not shown."""
    pass_gate(client, SLUG, {"has_eid": "no", "purpose_listed": "yes"})
    assert client.get(f"/{SLUG}/besked/").status_code == 200
    start_identified(client, ANNA)
    pass_gate(client, SLUG, {"has_eid": "no", "purpose_listed": "yes"})
    idle_timeout(client, settings)
    response = client.get(f"/{SLUG}/besked/")
    assert response.status_code == 302 and response["Location"] == GATE_URL


def test_a_gate_answered_again_otherwise_is_not_taken_for_an_ended_identity(client):
    """Anna, identified, goes back to the gate and answers so that the paper form is her way: her
    steps lead to the gate without saying that her e-identification ended."""
    anna_on_the_steps(client)
    pass_gate(client, SLUG, {"has_eid": "no", "purpose_listed": "yes"})
    response = client.get(f"{STEP_URL}andamal/", follow=True)
    assert response.redirect_chain[-1][0] == GATE_URL
    assert "svara på frågorna igen" not in response.content.decode()


def test_logging_in_keeps_the_answers_just_given(client):
    """The gate comes before identifying: the login that follows it does not ask it again."""
    pass_gate(client, SLUG, GATE_OK)
    assert eid_login(client, ANNA, f"{STEP_URL}andamal/") == f"{STEP_URL}andamal/"
    assert client.get(f"{STEP_URL}andamal/").status_code == 200


def test_a_service_without_e_id_keeps_its_gate(client, settings):
    """Only e-ID services' gates go with the identity: a theft report in the same browser stays."""
    pass_gate(client, "stold", THEFT_GATE)
    before = client.session.get(GATE_KEY, {}).get("stold")
    assert before
    start_identified(client, ANNA)
    client.post("/e-legitimation/logga-ut/")
    assert client.session.get(GATE_KEY, {}).get("stold") == before


# -- receipts --------------------------------------------------------------------------------------
def anna_sends_her_application(client, django_capture_on_commit_callbacks) -> str:
    anna_on_the_steps(client)
    step_post(client, SLUG, "om-dig", {**ABOUT_ME, "om-dig-email": "anna.kvitto@example.se"})
    with django_capture_on_commit_callbacks(execute=True):
        _check, receipt = submit(client)
    reference = Submission.objects.get().reference
    page = receipt.content.decode()
    assert reference in page and "anna.kvitto@example.se" in page
    return f"/kvitto/{reference}/"


def assert_receipt_gone(client, url: str) -> None:
    reference = url.split("/")[-2]
    assert client.get(url).status_code == 404
    assert client.get(f"{STEP_URL}klar/").status_code == 302  # the wizard's last URL leads nowhere of hers
    assert client.get(f"{STEP_URL}klar/")["Location"] != url
    assert reference not in session_text(client)
    assert reference not in str(client.session.get(RECEIPTS_KEY, []))


def test_a_logout_drops_the_receipt(client, django_capture_on_commit_callbacks):
    url = anna_sends_her_application(client, django_capture_on_commit_callbacks)
    client.post("/e-legitimation/logga-ut/")
    assert_receipt_gone(client, url)
    eid_login(client, BERTIL, "/")
    assert_receipt_gone(client, url)


def test_another_persons_login_drops_the_receipt(client, settings, django_capture_on_commit_callbacks):
    url = anna_sends_her_application(client, django_capture_on_commit_callbacks)
    idle_timeout(client, settings)
    eid_login(client, BERTIL, "/")
    assert_receipt_gone(client, url)


def test_after_a_timeout_the_receipt_waits_for_its_owner(client, settings, django_capture_on_commit_callbacks):
    url = anna_sends_her_application(client, django_capture_on_commit_callbacks)
    idle_timeout(client, settings)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/e-legitimation/logga-in/?next=")
    assert "anna.kvitto@example.se" not in response.content.decode()
    assert eid_login(client, ANNA, url) == url
    assert "anna.kvitto@example.se" in client.get(url).content.decode()


def test_a_logout_drops_the_status_page_too(client, django_capture_on_commit_callbacks):
    url = anna_sends_her_application(client, django_capture_on_commit_callbacks)
    reference = url.split("/")[-2]
    response = client.post("/arendestatus/", {"reference": reference, "email": "anna.kvitto@example.se"})
    assert response["Location"] == f"/arendestatus/{reference}/"
    assert client.get(response["Location"]).status_code == 200
    client.post("/e-legitimation/logga-ut/")
    assert client.get(f"/arendestatus/{reference}/")["Location"] == "/arendestatus/"


def test_a_receipt_of_a_service_without_e_id_stays(client, django_capture_on_commit_callbacks):
    """Only e-ID services' receipts go with the identity (a theft report is not tied to one)."""
    response = walk_to_check(client, THEFT_GATE)
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = step_post(client, "stold", "granska", {"granska-token": token_from(response),
                                                          "granska-confirm": "on"})
    url = client.get(response["Location"])["Location"]
    assert client.get(url).status_code == 200
    start_identified(client, ANNA)
    client.post("/e-legitimation/logga-ut/")
    assert client.get(url).status_code == 200


# -- a draft link --------------------------------------------------------------------------------
def annas_draft_link(client, mailoutbox) -> str:
    anna_on_the_steps(client)
    response = step_post(client, SLUG, "om-dig", {**ABOUT_ME, "save_for_later": "1"})
    assert response["Location"] == f"/{SLUG}/spara/"
    assert client.post(f"/{SLUG}/spara/", {"email": "anna@example.se"}).status_code == 200
    return "/fortsatt/" + mailoutbox[-1].body.split("/fortsatt/")[1].split("/")[0] + "/"


def test_a_draft_link_opened_before_another_person_identifies_asks_the_gate_again(client, mailoutbox):
    link = annas_draft_link(client, mailoutbox)
    client.post("/e-legitimation/logga-ut/")
    response = client.get(link, follow=True)
    assert response.redirect_chain[-1][0] == GATE_URL
    assert gate_of(client) == {}
    pass_gate(client, SLUG, GATE_OK)
    assert eid_login(client, BERTIL, f"{STEP_URL}andamal/") == f"{STEP_URL}andamal/"
    assert "anna@example.se" not in session_text(client)


def test_a_draft_link_opened_by_its_identified_owner_keeps_the_gate(client, mailoutbox):
    link = annas_draft_link(client, mailoutbox)
    response = client.get(link, follow=True)
    assert response.redirect_chain[-1][0] == f"{STEP_URL}om-dig/"
    assert gate_of(client)["outcome"] == "e_service"


def test_after_a_timeout_the_status_page_is_closed_to_whoever_sits_down(
    client, settings, django_capture_on_commit_callbacks
):
    """The status page asks nobody to identify: after an idle timeout an e-ID case's status page
    is not open to the next person (neither to read nor to add to); the reference and e-mail
    address open it again."""
    url = anna_sends_her_application(client, django_capture_on_commit_callbacks)
    reference = url.split("/")[-2]
    client.post("/arendestatus/", {"reference": reference, "email": "anna.kvitto@example.se"})
    assert client.get(f"/arendestatus/{reference}/").status_code == 200
    idle_timeout(client, settings)
    assert client.get(f"/arendestatus/{reference}/")["Location"] == "/arendestatus/"
    response = client.post(f"/arendestatus/{reference}/", {"text": "Planted by the next person."})
    assert response["Location"] == "/arendestatus/"
    from reports.models import Supplement

    assert not Supplement.objects.exists()


def test_another_person_identifying_over_a_live_identity_answers_the_gate_again(client):
    """Bertil identifies (the login form posted) while Anna is still identified: her identity
    ends as at a logout, her gate answers with it."""
    anna_on_the_steps(client)
    eid_login(client, BERTIL, f"{STEP_URL}andamal/")
    assert gate_of(client) == {}
    response = client.get(f"{STEP_URL}andamal/")
    assert response.status_code == 302 and response["Location"] == GATE_URL


def test_a_page_sent_after_the_identity_ended_elsewhere_is_kept_and_not_called_hours_away(client, settings):
    """Anna's identity timed out, noticed by a page in another tab; she sends the page still open
    in the first one. The session lives: she is told her e-identification ended (not that she was
    away for hours), and what she sent replaces the run's older answer after the gate and login."""
    anna_on_the_steps(client)
    step_post(client, SLUG, "om-dig", {**ABOUT_ME, "om-dig-email": "old@example.se"})
    page = client.get(f"{STEP_URL}om-dig/").content.decode()
    owner = re.search(r'name="eid_owner" value="([0-9a-f]{64})"', page).group(1)
    idle_timeout(client, settings)
    client.get("/")  # another tab: the timeout is seen
    response = step_post(client, SLUG, "om-dig", {**ABOUT_ME, "om-dig-email": "new@example.se", "eid_owner": owner})
    assert response["Location"] == GATE_URL
    gate = client.get(GATE_URL).content.decode()
    assert "Du var borta i mer än" not in gate and "Din e-legitimation har upphört" in gate
    assert pass_gate(client, SLUG, GATE_OK)["Location"] == STEP_URL
    assert eid_login(client, ANNA, f"{STEP_URL}om-dig/") == f"{STEP_URL}om-dig/"
    page = client.get(f"{STEP_URL}om-dig/").content.decode()
    assert 'value="new@example.se"' in page and "old@example.se" not in page


def test_a_posted_owner_tag_that_is_a_number_is_not_taken(client):
    """A page's owner tag is a keyed hash; a number typed into the field is not a legacy tag."""
    from django.contrib.sessions.models import Session

    from reports.wizard.owners import KEPT_AFTER_EXPIRY_KEY

    anna_on_the_steps(client)
    Session.objects.all().delete()  # the whole session ended
    step_post(client, SLUG, "om-dig", {**ABOUT_ME, "eid_owner": ANNA[0]})
    assert client.session[KEPT_AFTER_EXPIRY_KEY][SLUG]["eid"] == ""
