"""The OIDC provider against a real OIDC flow: an HTTP provider started in the test, the portal
driven through Django's test client. Nothing of the client side is replaced."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.utils.html import escape
from django.utils.translation import gettext

from reports.eid.session import SESSION_KEY
from tests.eid.oidc_server import CLIENT_ID, CLIENT_SECRET, OidcTestProvider

pytestmark = pytest.mark.django_db


@pytest.fixture
def oidc(settings):
    with OidcTestProvider() as provider:
        settings.EID_PROVIDER = "oidc"
        settings.EID_OIDC_ISSUER = provider.issuer
        settings.EID_OIDC_CLIENT_ID = CLIENT_ID
        settings.EID_OIDC_CLIENT_SECRET = CLIENT_SECRET
        yield provider


def _login(client, provider, next_url="/pass/kontor/"):
    """Start at the portal, follow the broker's redirect over real HTTP, come back with the code."""
    start = client.post("/e-legitimation/logga-in/", {"next": next_url})
    assert start.status_code == 302
    authorize_url = start["Location"]
    assert authorize_url.startswith(provider.issuer + "/authorize?")
    params = {k: v[0] for k, v in parse_qs(urlparse(authorize_url).query).items()}
    assert params["state"] and params["nonce"] and params["code_challenge_method"] == "S256"
    broker = requests.get(authorize_url, allow_redirects=False, timeout=5)
    assert broker.status_code == 302
    callback = urlparse(broker.headers["Location"])
    assert callback.path == "/e-legitimation/retur/"
    return client.get(f"{callback.path}?{callback.query}")


def test_oidc_login_gives_the_identity_from_a_verified_id_token(client, oidc):
    response = _login(client, oidc)
    assert response.status_code == 302 and response["Location"] == "/pass/kontor/"
    stored = client.session[SESSION_KEY]
    assert stored["pin"] == "197512311239" and stored["name"] == "Bertil Berg" and stored["provider"] == "oidc"
    assert oidc.token_requests[0]["code_verifier"]  # PKCE used
    page = client.get("/pass/kontor/")
    assert page.status_code == 200
    assert "Bertil Berg" in page.content.decode()


def test_oidc_reads_the_personal_number_from_userinfo_when_the_id_token_lacks_it(client, settings):
    with OidcTestProvider(pin_in_id_token=False, personal_number="198001010001", name="Anna A") as provider:
        settings.EID_PROVIDER = "oidc"
        settings.EID_OIDC_ISSUER = provider.issuer
        settings.EID_OIDC_CLIENT_ID = CLIENT_ID
        settings.EID_OIDC_CLIENT_SECRET = CLIENT_SECRET
        _login(client, provider)
    assert client.session[SESSION_KEY]["pin"] == "198001010001"


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ("signature", "id_token signed by another key"),
        ("state", "state does not match"),
        ("replay", "code used twice"),
        ("non-ascii state", "a state no browser of ours sent"),
        ("nonce", "id_token for another login (nonce of another flow)"),
        ("non-ascii nonce", "id_token with a nonce no flow of ours made"),
        ("no nonce", "id_token without a nonce"),
        ("audience", "id_token issued to another client"),
        ("audiences", "id_token issued to other clients only"),
        ("issuer", "id_token from another issuer"),
        ("expired", "id_token expired"),
    ],
)
def test_oidc_refuses_a_bad_answer(client, oidc, tamper, reason):
    """Each check of the answer has a row: removing the check makes its row fail."""
    if tamper == "signature":
        oidc.tamper_signature = True
    oidc.claim_overrides = {
        "nonce": {"nonce": "nonce-of-another-login"},
        "non-ascii nonce": {"nonce": "nönce-☃"},
        "no nonce": {"nonce": None},
        "audience": {"aud": "another-client"},
        "audiences": {"aud": ["another-client", "a-third-client"]},
        "issuer": {"iss": "https://evil.example"},
        "expired": {"exp": 1_000_000_000, "iat": 999_999_000},
    }.get(tamper, {})
    start = client.post("/e-legitimation/logga-in/", {"next": "/pass/"})
    broker = requests.get(start["Location"], allow_redirects=False, timeout=5)
    callback = urlparse(broker.headers["Location"])
    query = callback.query
    if tamper == "state":
        query = query.split("&state=")[0] + "&state=forged"
    if tamper == "non-ascii state":
        query = query.split("&state=")[0] + "&state=%C3%A4%E2%98%83"
    if tamper == "replay":
        assert client.get(f"{callback.path}?{query}").status_code == 302
        client.post("/e-legitimation/logga-ut/")
    response = client.get(f"{callback.path}?{query}")
    assert response.status_code == 400, reason
    assert SESSION_KEY not in client.session, reason
    assert escape(gettext("The identification could not be completed. Please try again.")) in response.content.decode()
