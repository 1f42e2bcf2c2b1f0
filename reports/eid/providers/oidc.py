"""OpenID Connect against a Swedish e-ID broker: authorization code flow with state, nonce and
PKCE (S256); the id_token's RS256 signature is verified against the broker's JWKS.

Built from requests and PyJWT rather than mozilla-django-oidc's authentication backend,
because a citizen is not a Django user (docs/decisions/0002-eid.md).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import threading
import time
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.eid.providers import NEXT_KEY, EidError, Provider, register
from reports.eid.session import Identity

logger = logging.getLogger(__name__)

FLOW_KEY = "eid_oidc_flow"
FLOW_MAX_AGE_SECONDS = 600
_CACHE_SECONDS = 3600

_cache_lock = threading.Lock()
_discovery_cache: dict[str, tuple[float, dict[str, Any]]] = {}
_jwk_clients: dict[str, jwt.PyJWKClient] = {}


def _discovery() -> dict[str, Any]:
    """The broker's endpoints: explicit settings win over the discovery document."""
    explicit = {
        "authorization_endpoint": settings.EID_OIDC_AUTHORIZATION_ENDPOINT,
        "token_endpoint": settings.EID_OIDC_TOKEN_ENDPOINT,
        "jwks_uri": settings.EID_OIDC_JWKS_URI,
        "userinfo_endpoint": settings.EID_OIDC_USERINFO_ENDPOINT,
    }
    if all(explicit[k] for k in ("authorization_endpoint", "token_endpoint", "jwks_uri")):
        return explicit
    url = settings.EID_OIDC_DISCOVERY_URL or (
        settings.EID_OIDC_ISSUER.rstrip("/") + "/.well-known/openid-configuration"
    )
    with _cache_lock:
        cached = _discovery_cache.get(url)
    if cached is None or time.monotonic() - cached[0] > _CACHE_SECONDS:
        try:
            response = requests.get(url, timeout=settings.EID_OIDC_TIMEOUT_SECONDS)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            logger.warning("eid_oidc_discovery_failed url=%s error=%s", url, error)
            raise EidError(
                _("E-identification is not available right now. Please try again later."),
                code="discovery_failed",
            ) from error
        cached = (time.monotonic(), document)
        with _cache_lock:
            _discovery_cache[url] = cached
    return {key: value or cached[1].get(key, "") for key, value in explicit.items()}


def _jwk_client(jwks_uri: str) -> jwt.PyJWKClient:
    with _cache_lock:
        client = _jwk_clients.get(jwks_uri)
        if client is None:
            client = jwt.PyJWKClient(
                jwks_uri, cache_keys=True, lifespan=_CACHE_SECONDS, timeout=settings.EID_OIDC_TIMEOUT_SECONDS
            )
            _jwk_clients[jwks_uri] = client
        return client


def _code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _redirect_uri(request: HttpRequest) -> str:
    """One stable callback address (the Swedish, unprefixed one) registered with the broker."""
    if settings.EID_OIDC_REDIRECT_URI:
        return settings.EID_OIDC_REDIRECT_URI
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse("eid:callback"))


def _failed(code: str, **details: Any) -> EidError:
    logger.warning("eid_oidc_failed code=%s %s", code, " ".join(f"{k}={v}" for k, v in details.items()))
    return EidError(_("The identification could not be completed. Please try again."), code=code)


@register
class OidcProvider(Provider):
    id = "oidc"

    def configuration_errors(self) -> list[str]:
        errors = []
        if not settings.EID_OIDC_ISSUER:
            errors.append("EID_OIDC_ISSUER is required when EID_PROVIDER=oidc.")
        if not settings.EID_OIDC_CLIENT_ID:
            errors.append("EID_OIDC_CLIENT_ID is required when EID_PROVIDER=oidc.")
        if not settings.EID_OIDC_CLIENT_SECRET:
            errors.append("EID_OIDC_CLIENT_SECRET is required when EID_PROVIDER=oidc.")
        return errors

    def start(self, request: HttpRequest, *, next_url: str) -> HttpResponse:
        endpoints = _discovery()
        state = secrets.token_urlsafe(32)
        nonce = secrets.token_urlsafe(32)
        verifier = secrets.token_urlsafe(64)
        request.session[FLOW_KEY] = {
            "state": state,
            "nonce": nonce,
            "verifier": verifier,
            "started": time.time(),
        }
        request.session[NEXT_KEY] = next_url
        query = urlencode(
            {
                "response_type": "code",
                "client_id": settings.EID_OIDC_CLIENT_ID,
                "redirect_uri": _redirect_uri(request),
                "scope": settings.EID_OIDC_SCOPES,
                "state": state,
                "nonce": nonce,
                "code_challenge": _code_challenge(verifier),
                "code_challenge_method": "S256",
                "ui_locales": translation.get_language() or settings.LANGUAGE_CODE,
            }
        )
        separator = "&" if "?" in endpoints["authorization_endpoint"] else "?"
        return HttpResponseRedirect(f"{endpoints['authorization_endpoint']}{separator}{query}")

    def complete(self, request: HttpRequest) -> Identity:
        flow = request.session.pop(FLOW_KEY, None)
        if not flow or time.time() - flow["started"] > FLOW_MAX_AGE_SECONDS:
            raise _failed("no_flow")
        if request.GET.get("error"):
            logger.info("eid_oidc_cancelled error=%s", request.GET.get("error"))
            raise EidError(_("The identification was cancelled."), code="cancelled")
        # Compared as bytes: compare_digest refuses non-ASCII text, and a forged state may be anything.
        if not secrets.compare_digest(request.GET.get("state", "").encode(), str(flow["state"]).encode()):
            raise _failed("state_mismatch")
        code = request.GET.get("code", "")
        if not code:
            raise _failed("no_code")
        endpoints = _discovery()
        tokens = self._exchange(request, endpoints=endpoints, code=code, verifier=flow["verifier"])
        claims = self._verify_id_token(tokens.get("id_token", ""), endpoints=endpoints, nonce=flow["nonce"])
        pin_claim, name_claim = settings.EID_OIDC_CLAIM_PERSONAL_NUMBER, settings.EID_OIDC_CLAIM_NAME
        if (pin_claim not in claims or name_claim not in claims) and endpoints.get("userinfo_endpoint"):
            claims = {
                **self._userinfo(endpoints, tokens.get("access_token", ""), sub=claims["sub"]),
                **claims,
            }
        return Identity(
            personal_identity_number=self._personal_number(claims.get(pin_claim, "")),
            name=str(
                claims.get(name_claim)
                or " ".join(str(claims.get(k, "")) for k in ("given_name", "family_name")).strip()
            ),
            provider=self.id,
            authenticated_at=timezone.now(),
        )

    def _exchange(self, request: HttpRequest, *, endpoints: dict[str, Any], code: str, verifier: str) -> dict:
        try:
            response = requests.post(
                endpoints["token_endpoint"],
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": _redirect_uri(request),
                    "code_verifier": verifier,
                },
                auth=(settings.EID_OIDC_CLIENT_ID, settings.EID_OIDC_CLIENT_SECRET),
                timeout=settings.EID_OIDC_TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            raise _failed("token_request_failed", error=type(error).__name__) from error
        if response.status_code != 200:
            raise _failed("token_rejected", status=response.status_code)
        try:
            return response.json()
        except ValueError as error:
            raise _failed("token_not_json") from error

    def _verify_id_token(self, id_token: str, *, endpoints: dict[str, Any], nonce: str) -> dict[str, Any]:
        if not id_token:
            raise _failed("no_id_token")
        try:
            key = _jwk_client(endpoints["jwks_uri"]).get_signing_key_from_jwt(id_token)
            claims = jwt.decode(
                id_token,
                key.key,
                algorithms=settings.EID_OIDC_SIGNING_ALGORITHMS,
                audience=settings.EID_OIDC_CLIENT_ID,
                issuer=settings.EID_OIDC_ISSUER,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "nonce"]},
                leeway=60,
            )
        except jwt.PyJWTError as error:
            raise _failed("id_token_invalid", error=type(error).__name__) from error
        if not secrets.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
            raise _failed("nonce_mismatch")
        return claims

    def _userinfo(self, endpoints: dict[str, Any], access_token: str, *, sub: str) -> dict[str, Any]:
        try:
            response = requests.get(
                endpoints["userinfo_endpoint"],
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=settings.EID_OIDC_TIMEOUT_SECONDS,
            )
            response.raise_for_status()
            info = response.json()
        except (requests.RequestException, ValueError) as error:
            raise _failed("userinfo_failed", error=type(error).__name__) from error
        if info.get("sub") != sub:  # OIDC Core 5.3.2: a userinfo answer for someone else is void
            raise _failed("userinfo_sub_mismatch")
        return info

    @staticmethod
    def _personal_number(value: Any) -> str:
        from django.core.exceptions import ValidationError

        from reports.forms.validators import normalize_personal_identity_number

        try:
            return normalize_personal_identity_number(str(value))
        except ValidationError as error:
            raise _failed("personal_number_invalid") from error
