"""The 4-hour session: the page says when it ends, and an ended session is explained, not silent."""
import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from tests.reports.helpers import THEFT_WHEN_WHERE, pass_gate, step_post
from tests.reports.test_attachments import THEFT_GATE

pytestmark = pytest.mark.django_db

EXPIRED = "You were away for more than 4 hours, so the e-service has forgotten your answers"


def test_every_step_says_when_the_answers_will_be_forgotten_without_javascript():
    client = Client()
    pass_gate(client, "stold", THEFT_GATE, "/en")
    page = client.get("/en/stold/steg/nar-var/").content.decode()
    assert "the e-service forgets them after 4 hours without activity: this time at " in page
    assert 'data-session-seconds="14400"' in page
    assert 'id="session-warning" hidden' in page  # shown by static/js/portal.js near the end


def test_a_step_sent_after_the_session_ended_explains_it_and_keeps_that_page():
    client = Client()
    pass_gate(client, "stold", THEFT_GATE, "/en")
    Session.objects.all().delete()  # four hours without activity: the session is gone
    response = step_post(client, "stold", "nar-var", THEFT_WHEN_WHERE, "/en")
    assert response.status_code == 302 and response["Location"] == "/en/stold/"
    gate = client.get("/en/stold/").content.decode()
    assert EXPIRED in gate
    assert EXPIRED not in client.get("/en/stold/").content.decode()  # said once
    pass_gate(client, "stold", THEFT_GATE, "/en")
    page = client.get("/en/stold/steg/nar-var/").content.decode()
    assert 'value="Drottninggatan 1"' in page and "There is a problem" not in page


def test_a_first_visit_without_a_session_is_not_called_expired():
    client = Client()
    response = client.get("/en/stold/steg/nar-var/")
    assert response.status_code == 302
    assert EXPIRED not in client.get(response["Location"]).content.decode()


def test_a_step_sent_after_another_tab_answered_the_gate_to_the_phone_shows_that_outcome_not_expiry():
    """The session lives: the questions were answered again in another tab and now say "call 112".
    A page still open in the first tab is sent: the person gets the outcome (why, which number),
    not "you were away for 4 hours"; what the page held is kept should the answers change back."""
    client = Client()
    pass_gate(client, "stold", THEFT_GATE, "/en")
    pass_gate(client, "stold", {**THEFT_GATE, "in_progress": "yes"}, "/en")  # the other tab: "call 112"
    response = step_post(client, "stold", "nar-var", THEFT_WHEN_WHERE, "/en")
    assert response.status_code == 302 and response["Location"] == "/en/stold/besked/"
    page = client.get(response["Location"]).content.decode()
    assert 'href="tel:112"' in page and EXPIRED not in page
    pass_gate(client, "stold", THEFT_GATE, "/en")  # the answers change back
    page = client.get("/en/stold/steg/nar-var/").content.decode()
    assert 'value="Drottninggatan 1"' in page
