"""Identified sessions: the test provider, the idle timeout, logging out, the production refusal."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reports.eid import identity
from reports.eid.session import SESSION_KEY
from tests.production_env import environment

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _login_with_test_provider(client, next_url="/pass/kontor/"):
    start = client.post("/e-legitimation/logga-in/", {"next": next_url})
    assert start["Location"] == "/e-legitimation/testlegitimation/"
    chosen = client.post(start["Location"], {"chosen": "198001010001"})
    return client.get(chosen["Location"])


def test_eid_required_sends_to_login_and_back(client):
    response = client.get("/pass/kontor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/e-legitimation/logga-in/?next=%2Fpass%2Fkontor%2F")
    back = _login_with_test_provider(client)
    assert back["Location"] == "/pass/kontor/"
    page = client.get("/pass/kontor/")
    assert page.status_code == 200
    assert "Anna Andersson" in page.content.decode()


def test_test_provider_banner_on_every_page(client):
    html = client.get("/en/").content.decode()
    assert "Test e-identification is active." in html


def test_typed_identity_is_validated(client):
    client.post("/e-legitimation/logga-in/", {"next": "/pass/"})
    response = client.post(
        "/en/e-legitimation/testlegitimation/", {"personal_identity_number": "19800101-0002", "name": "X"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_idle_timeout_ends_the_identity(client, settings, rf):
    _login_with_test_provider(client)
    session = client.session
    stored = session[SESSION_KEY]
    stored["seen"] -= settings.EID_IDLE_TIMEOUT_SECONDS + 1
    session[SESSION_KEY] = stored
    session.save()
    response = client.get("/pass/kontor/")
    assert response.status_code == 302 and "timeout=1" in response["Location"]
    assert SESSION_KEY not in client.session


def test_logout_ends_the_identity(client):
    _login_with_test_provider(client)
    client.post("/e-legitimation/logga-ut/")
    assert client.get("/pass/kontor/").status_code == 302


def test_identity_api_returns_none_without_login(rf):
    request = rf.get("/")
    request.session = {}
    assert identity(request) is None


def test_test_provider_cannot_be_enabled_in_production_settings():
    env = environment(
        DATABASE_URL=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_booking"),
        EID_PROVIDER="test",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "the test e-identification provider" in result.stderr
    assert "only runs with DJANGO_DEBUG=1" in result.stderr

    # The same settings with the production provider pass the start-up.
    env.update(EID_PROVIDER="oidc")
    ok = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert "only runs with DJANGO_DEBUG=1" not in ok.stderr
    assert ok.returncode == 0, ok.stderr


def test_login_page_when_already_identified_goes_straight_on(client):
    _login_with_test_provider(client)
    response = client.get("/e-legitimation/logga-in/?next=/pass/kontor/")
    assert response.status_code == 302 and response["Location"] == "/pass/kontor/"


def test_next_to_another_host_is_ignored(client):
    back = _login_with_test_provider(client, next_url="https://evil.example/steal")
    assert back["Location"] == "/"


def test_test_provider_page_is_gone_with_the_oidc_provider(client, settings):
    settings.EID_PROVIDER = "oidc"
    assert client.get("/e-legitimation/testlegitimation/").status_code == 404
