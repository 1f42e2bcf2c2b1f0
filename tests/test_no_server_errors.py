"""No input ever yields a 500: arbitrary query strings and form posts to every citizen URL,
anonymous and identified with e-ID; malformed path segments (NUL bytes, non-ASCII, very long);
a wizard whose step field, final-step token and answers are tampered with; an e-ID return with
any ``state``. Every malformed input gets a 4xx or the form again with an error. (The Django
test client re-raises any exception, so a server error fails the test with its traceback.)"""
import time
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.catalogue import registry
from reports.eid.providers import NEXT_KEY
from reports.eid.providers.oidc import FLOW_KEY
from reports.eid.session import SESSION_KEY
from tests.reports.helpers import THEFT_ABOUT_YOU, THEFT_ITEMS, THEFT_WHEN_WHERE, pass_gate, step_post
from tests.reports.test_attachments import THEFT_GATE

pytestmark = pytest.mark.django_db

PATHS = [
    "/", "/tillganglighet/", "/personuppgifter/", "/kvitto/STL-AAAA-BBBB-CCCC/", "/arendestatus/",
    "/arendestatus/lank/x.y.z/", "/arendestatus/STL-AAAA-BBBB-CCCC/", "/fortsatt/nonsense/",
    "/pass/", "/pass/kontor/", "/pass/kontor/1/tider/", "/pass/kontor/1/bekrafta/", "/pass/hantera/",
    "/pass/bokning/abc/", "/pass/bokning/abc/kalender.ics", "/pass/bokning/abc/avboka/",
    "/pass/bokning/abc/flytta/", "/pass/bokning/abc/flytta/bekrafta/", "/e-legitimation/logga-in/",
    "/e-legitimation/retur/", "/e-legitimation/logga-ut/", "/e-legitimation/testlegitimation/", "/enkat/",
    *[f"/{s.slug}/" for s in registry], *[f"/{s.slug}/besked/" for s in registry],
    *[f"/{s.slug}/spara/" for s in registry],
]
# Paths with one segment the citizen (or an attacker) controls: {} is replaced by fuzz.
SEGMENT_PATHS = [
    "/kvitto/{}/", "/arendestatus/lank/{}/", "/arendestatus/{}/", "/fortsatt/{}/", "/pass/bokning/{}/",
    "/pass/bokning/{}/kalender.ics", "/pass/bokning/{}/avboka/", "/pass/bokning/{}/flytta/",
    "/pass/bokning/{}/flytta/bekrafta/", "/pass/kontor/{}/tider/", "/{}/", "/{}/steg/", "/stold/steg/{}/",
    "/{}/besked/", "/{}/spara/",
]
FIELDS = ["q", "next", "slot", "people", "email", "reference", "token", "code", "state", "personal_identity_number",
          "name", "date", "page", "week", "text", "answer", "submission", "office", "confirm", "csrfmiddlewaretoken",
          "vecka", "personer", "datum", "error", "wizard_goto_step", "save_for_later", "formset_action"]
# Any text, NUL bytes and other control characters included (surrogates cannot be encoded).
junk = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
nasty = st.sampled_from(["\x00", "a\x00b", "ä☃", "%00", "../..", "'\"<>", "\u202e", "9" * 400, " ", "\r\n"])
value = st.one_of(junk, nasty)
form = st.dictionaries(st.sampled_from(FIELDS), value, max_size=6)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def identify(client):
    session = client.session
    session[SESSION_KEY] = {"pin": "198112189876", "name": "Anna Andersson", "provider": "test",
                            "at": "2026-11-29T08:00:00+00:00", "seen": time.time()}
    session.save()


@FUZZ
@given(path=st.sampled_from(PATHS), data=form, english=st.booleans(), identified=st.booleans())
def test_no_request_gives_a_server_error(client, path, data, english, identified):
    if identified:
        identify(client)
    url = f"/en{path}" if english else path
    assert client.get(url, data).status_code < 500
    assert client.post(url, data).status_code < 500


@FUZZ
@given(template=st.sampled_from(SEGMENT_PATHS), segment=value, identified=st.booleans())
def test_no_path_segment_gives_a_server_error(client, template, segment, identified):
    if identified:
        identify(client)
    url = template.format(quote(segment, safe="") or "x")
    assert client.get(url).status_code < 500
    assert client.post(url, {"reference": segment, "code": segment}).status_code < 500


@pytest.fixture
def theft_at_check(client):
    """A client whose theft report stands at the final step (check and send)."""
    assert pass_gate(client, "stold", THEFT_GATE, "/en").status_code == 302
    for step, data in (("nar-var", THEFT_WHEN_WHERE), ("foremal", THEFT_ITEMS), ("bilagor", {}),
                       ("om-dig", THEFT_ABOUT_YOU)):
        assert step_post(client, "stold", step, data, "/en").status_code == 302
    return client


STEPS = ["nar-var", "foremal", "bilagor", "om-dig", "granska", "done"]


@FUZZ
@given(url_step=st.sampled_from(STEPS), posted_step=st.one_of(st.sampled_from(STEPS), value),
       token=value, data=st.dictionaries(st.sampled_from(
           [*THEFT_WHEN_WHERE, *THEFT_ITEMS, *THEFT_ABOUT_YOU, "granska-confirm", "wizard_goto_step"]), value,
           max_size=6))
def test_a_tampered_wizard_gives_no_server_error(theft_at_check, url_step, posted_step, token, data):
    """The step field, the final step's token and any answer tampered with: 400 or the form again."""
    client = theft_at_check
    payload = {"report_stold-current_step": posted_step, "granska-token": token, **data}
    response = client.post(f"/en/stold/steg/{url_step}/", payload)
    assert response.status_code < 500
    if response.status_code == 200:
        assert "<form" in response.content.decode()  # the form again (with its errors, if any)


def test_a_nul_byte_in_the_final_token_or_a_booking_link_is_a_bad_request(theft_at_check):
    client = theft_at_check
    response = step_post(client, "stold", "granska", {"granska-token": "a\x00b", "granska-confirm": "on"}, "/en")
    assert response.status_code == 400
    assert client.get("/pass/bokning/a%00b/").status_code == 400
    assert client.get("/pass/bokning/a%00b/kalender.ics").status_code == 400
    assert step_post(client, "stold", "granska", {"granska-confirm": "on"}, "/en").status_code in (200, 302)


@pytest.mark.parametrize("posted_step", ["no-such-step", "ä", "done", "granska\x01"])
def test_an_unknown_wizard_step_is_a_bad_request(theft_at_check, posted_step):
    response = theft_at_check.post("/en/stold/steg/nar-var/", {"report_stold-current_step": posted_step,
                                                                **THEFT_WHEN_WHERE})
    assert response.status_code == 400


@pytest.fixture
def oidc_flow(client, settings):
    """The OIDC provider active and a login under way (no broker needed: the state is checked first)."""
    settings.EID_PROVIDER = "oidc"
    settings.EID_OIDC_ISSUER = "http://127.0.0.1:9"
    settings.EID_OIDC_CLIENT_ID, settings.EID_OIDC_CLIENT_SECRET = "client", "secret"

    def start():
        session = client.session
        session[FLOW_KEY] = {"state": "s" * 43, "nonce": "n" * 43, "verifier": "v" * 86, "started": time.time()}
        session[NEXT_KEY] = "/pass/"
        session.save()

    return start


@FUZZ
@given(state=value, code=value, error=st.one_of(st.just(""), value))
def test_any_eid_state_gives_a_clear_refusal(client, oidc_flow, state, code, error):
    oidc_flow()
    query = {"state": state, "code": code, **({"error": error} if error else {})}
    response = client.get("/e-legitimation/retur/", query)
    assert response.status_code == 400
