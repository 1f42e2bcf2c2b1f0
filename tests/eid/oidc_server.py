"""A small but real OpenID Connect provider for tests: discovery, authorize (auto-approves a
fixed test identity), token (RS256 id_token signed with a key made here), JWKS and userinfo.

It checks what a real broker checks: client authentication, redirect URI, the PKCE verifier and
that a code is used once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "portal-test-client"
CLIENT_SECRET = "portal-test-secret"
PIN_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"


class OidcTestProvider:
    def __init__(
        self,
        *,
        personal_number: str = "197512311239",
        name: str = "Bertil Berg",
        pin_in_id_token: bool = True,
    ) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(4)
        self.personal_number = personal_number
        self.name = name
        self.pin_in_id_token = pin_in_id_token
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, str] = {}
        self.token_requests: list[dict] = []
        self.tamper_signature = False
        self.claim_overrides: dict = {}  # claims of the id_token to change (None: leave out)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "sub-" + self.personal_number,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "name": self.name,
        }
        if self.pin_in_id_token:
            claims[PIN_CLAIM] = self.personal_number
        for claim, value in self.claim_overrides.items():
            if value is None:
                claims.pop(claim, None)
            else:
                claims[claim] = value
        key = self.key
        if self.tamper_signature:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body: dict, status: int = 200) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._json(
                        {
                            "issuer": provider.issuer,
                            "authorization_endpoint": provider.issuer + "/authorize",
                            "token_endpoint": provider.issuer + "/token",
                            "jwks_uri": provider.issuer + "/jwks",
                            "userinfo_endpoint": provider.issuer + "/userinfo",
                            "id_token_signing_alg_values_supported": ["RS256"],
                        }
                    )
                if url.path == "/jwks":
                    return self._json(provider.jwks())
                if url.path == "/authorize":
                    if query.get("client_id") != CLIENT_ID or query.get("code_challenge_method") != "S256":
                        return self._json({"error": "invalid_request"}, 400)
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = query
                    target = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                    return None
                if url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.tokens:
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json(
                        {
                            "sub": "sub-" + provider.personal_number,
                            "name": provider.name,
                            PIN_CLAIM: provider.personal_number,
                        }
                    )
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                if urlparse(self.path).path != "/token":
                    return self._json({"error": "not_found"}, 404)
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                provider.token_requests.append(form)
                basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
                if self.headers.get("Authorization") != f"Basic {basic}":
                    return self._json({"error": "invalid_client"}, 401)
                authorize = provider.codes.pop(form.get("code", ""), None)  # a code works once
                if authorize is None or authorize["redirect_uri"] != form.get("redirect_uri"):
                    return self._json({"error": "invalid_grant"}, 400)
                digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != authorize["code_challenge"]:
                    return self._json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
                access = secrets.token_urlsafe(16)
                provider.tokens[access] = authorize["nonce"]
                return self._json(
                    {
                        "access_token": access,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(authorize["nonce"]),
                    }
                )

        return Handler
