"""No input ever yields a 500: arbitrary query strings and form posts to every citizen URL,
anonymous and identified with e-ID. (The Django test client re-raises any exception.)"""
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.catalogue import registry
from reports.eid.session import SESSION_KEY

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
FIELDS = ["q", "next", "slot", "people", "email", "reference", "token", "code", "state", "personal_identity_number",
          "name", "date", "page", "week", "text", "answer", "submission", "office", "confirm", "csrfmiddlewaretoken"]
junk = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
form = st.dictionaries(st.sampled_from(FIELDS), junk, max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(PATHS), data=form, english=st.booleans(), identified=st.booleans())
def test_no_request_gives_a_server_error(client, path, data, english, identified):
    if identified:
        session = client.session
        session[SESSION_KEY] = {"pin": "198112189876", "name": "Anna Andersson", "provider": "test",
                                "at": "2026-11-29T08:00:00+00:00", "seen": time.time()}
        session.save()
    url = f"/en{path}" if english else path
    assert client.get(url, data).status_code < 500
    assert client.post(url, data).status_code < 500
