"""The identified session: one identity per browser session, ended by idle time or by the user.

The identity lives only in the (server-side) session, never in a Django user: a citizen
is not an account of this portal (docs/decisions/0002-eid.md).

What a person types on an e-ID service outlives an idle timeout, so that the same person gets
it back after identifying again; it is tagged with ``Identity.owner`` (a keyed hash, never the
number). Areas that keep such text (or what it led to: the gate's answers, a receipt) register a
``typed_text_holder``: every identification drops what belongs to anyone else before the person
sees a page, logging out drops all of it, and every end of an identity (logout, idle timeout)
drops what is asked again of whoever continues (the gate).
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

SESSION_KEY = "eid_identity"
OWNER_SALT = "reports.eid.owner"


@dataclass(frozen=True)
class Identity:
    """A person proven by e-identification.

    ``personal_identity_number`` is always 12 digits (``YYYYMMDDNNNN``), also for a
    coordination number; ``provider`` is the id of the provider that proved it.
    """

    personal_identity_number: str
    name: str
    provider: str
    authenticated_at: datetime

    @property
    def masked_number(self) -> str:
        """The number as shown on screen: date of birth and a hidden serial."""
        return f"{self.personal_identity_number[:8]}-****"

    @property
    def owner(self) -> str:
        """Tags what this person typed: the same for the same person in any session, and
        unreadable without ``SECRET_KEY``, so it can be kept where the number may not."""
        return salted_hmac(OWNER_SALT, self.personal_identity_number, algorithm="sha256").hexdigest()

    @staticmethod
    def owner_tag(value: str) -> str:
        """``value`` if it has the form of an ``owner`` tag (a hex SHA-256 digest), else "": a
        tag read from a posted page must not be a number passing for the legacy tag of a draft
        saved before tags were hashed (``owns``)."""
        return value if re.fullmatch(r"[0-9a-f]{64}", value or "") else ""

    def owns(self, tag: str | None) -> bool:
        """Whether ``tag`` (an ``owner`` kept with typed text) is this person's. A tag that is the
        number itself comes from a draft saved before tags were hashed."""
        return bool(tag) and tag in (self.owner, self.personal_identity_number)


# forget(request, *, keep: Identity | None, ended: bool): drop the typed text of e-ID services this
# area keeps in the session, except what ``keep`` owns (everything when ``keep`` is None). ``ended``
# is true when an identity has just ended (logout, idle timeout; ``keep`` is then the person whose
# idle identity ended, or None), false at an identification (``keep`` is the new person).
TypedTextForget = Callable[..., None]
_typed_text_holders: list[TypedTextForget] = []


def typed_text_holder(forget: TypedTextForget) -> TypedTextForget:
    """Register an area that keeps typed text of e-ID services in the session, or what it led to
    (the gate's answers, a receipt): once each, called from ``AppConfig.ready()``."""
    if forget not in _typed_text_holders:
        _typed_text_holders.append(forget)
    return forget


def _typed_text_forget(request: HttpRequest, *, keep: Identity | None, ended: bool) -> None:
    for forget in _typed_text_holders:
        forget(request, keep=keep, ended=ended)


def identity_start(request: HttpRequest, *, who: Identity) -> None:
    """Store ``who`` in the session after a successful identification.

    The session key is rotated so that a session id known before the login is worthless.
    """
    earlier = request.session.get(SESSION_KEY) or {}
    request.session.cycle_key()
    # Another person's text goes before any page shows it; a live identity of someone else ends
    # here as at a logout (their gate answers go too), the same person's carries on.
    replaced = bool(earlier) and earlier.get("pin") != who.personal_identity_number
    _typed_text_forget(request, keep=who, ended=replaced)
    request.session[SESSION_KEY] = {
        "pin": who.personal_identity_number,
        "name": who.name,
        "provider": who.provider,
        "at": who.authenticated_at.isoformat(),
        "seen": time.time(),
    }
    logger.info("eid_identified provider=%s", who.provider)


def identity_end(request: HttpRequest) -> bool:
    """The person logs out: end the identity and drop everything they typed on e-ID services,
    also when the identity had already timed out. Returns whether an identity was live."""
    _typed_text_forget(request, keep=None, ended=True)
    ended = _identity_drop(request)
    if ended:
        logger.info("eid_ended")
    return ended


def _identity_drop(request: HttpRequest) -> bool:
    """End the identity and rotate the session key; typed text stays for its owner."""
    if request.session.pop(SESSION_KEY, None) is None:
        return False
    request.session.cycle_key()
    return True


def identity(request: HttpRequest) -> Identity | None:
    """The identified person of this request, or None.

    An identity unused for ``EID_IDLE_TIMEOUT_SECONDS`` is dropped here; every call that finds
    a live identity counts as activity and restarts the idle timer.
    """
    session = getattr(request, "session", None)
    if session is None:
        return None
    stored = session.get(SESSION_KEY)
    if not stored:
        return None
    who = Identity(
        personal_identity_number=stored["pin"],
        name=stored["name"],
        provider=stored["provider"],
        authenticated_at=datetime.fromisoformat(stored["at"]).astimezone(UTC),
    )
    now = time.time()
    if now - stored.get("seen", 0) > settings.EID_IDLE_TIMEOUT_SECONDS:
        _identity_drop(request)
        # What the person typed waits for them (Identity.owner); the gates are asked again.
        _typed_text_forget(request, keep=who, ended=True)
        request.eid_timed_out = True
        logger.info("eid_idle_timeout")
        return None
    if now - stored["seen"] > 5:  # avoid a session write on every single call
        stored["seen"] = now
        session[SESSION_KEY] = stored
    return who


def login_url(next_url: str, *, timed_out: bool = False) -> str:
    query = {"next": next_url, **({"timeout": "1"} if timed_out else {})}
    return f"{reverse('eid:login')}?{urlencode(query)}"


def login_redirect(request: HttpRequest):
    """To the login page and back to this request's page; says so when the identity timed out
    (call after ``identity(request)`` returned None)."""
    return redirect(login_url(request.get_full_path(), timed_out=getattr(request, "eid_timed_out", False)))


def eid_required(view):
    """Decorator for function views: without a live identity, go to the login page and come back."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if identity(request) is None:
            return login_redirect(request)
        return view(request, *args, **kwargs)

    return wrapped


class EidRequiredMixin:
    """The same as ``eid_required`` for class-based views."""

    def dispatch(self, request, *args, **kwargs):
        if identity(request) is None:
            return login_redirect(request)
        return super().dispatch(request, *args, **kwargs)
