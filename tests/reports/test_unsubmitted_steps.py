"""A page the person has not submitted shows what was typed, never "There is a problem"."""
import pytest
from django.test import Client

from tests.reports.helpers import THEFT_WHEN_WHERE, pass_gate, step_post
from tests.reports.test_attachments import THEFT_GATE
from tests.reports.test_resume import save_midway

pytestmark = pytest.mark.django_db

PROBLEM = "There is a problem"


def test_back_then_forward_shows_the_half_filled_step_without_errors():
    client = Client()
    pass_gate(client, "stold", THEFT_GATE, "/en")
    half = {"nar-var-address": "Drottninggatan 1"}
    failed = step_post(client, "stold", "nar-var", half, "/en")
    assert failed.status_code == 200 and PROBLEM in failed.content.decode()  # a failed submit says so
    # "Back" keeps what was typed; coming forward again is not a submit.
    back = step_post(client, "stold", "nar-var", {**half, "wizard_goto_step": "nar-var"}, "/en")
    assert back.status_code == 302
    page = client.get("/en/stold/steg/nar-var/").content.decode()
    assert 'value="Drottninggatan 1"' in page
    assert PROBLEM not in page and "is-invalid" not in page and "invalid-feedback" not in page


def test_items_list_reached_again_has_no_errors_until_submitted():
    client = Client()
    pass_gate(client, "stold", THEFT_GATE, "/en")
    step_post(client, "stold", "nar-var", THEFT_WHEN_WHERE, "/en")
    empty_items = {"foremal-TOTAL_FORMS": "1", "foremal-INITIAL_FORMS": "0", "foremal-0-brand_model": "Crescent",
                   "wizard_goto_step": "nar-var"}
    step_post(client, "stold", "foremal", empty_items, "/en")
    page = client.get("/en/stold/steg/foremal/").content.decode()
    assert 'value="Crescent"' in page and PROBLEM not in page and "is-invalid" not in page


def test_an_opened_draft_lands_on_its_step_without_errors():
    _message, link = save_midway(Client())
    other_browser = Client()
    response = other_browser.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    page = other_browser.get(response["Location"]).content.decode()
    assert 'value="Beata Berg"' in page  # only the name was typed on "About you"
    assert PROBLEM not in page and "is-invalid" not in page
