"""Registry of e-identification providers.

A provider is a class with an ``id``, ``start(request, *, next_url)`` that
returns the response that begins identification, and ``complete(request)`` that returns the
proven ``Identity`` (or raises ``EidError``) when the person comes back to the callback.
Providers register themselves with ``@register``; ``EidConfig.ready()`` imports them and
``EID_PROVIDER`` chooses the active one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

from reports.eid.session import Identity

# Where ``start`` keeps the page to return to; the callback view reads it, whatever the provider.
NEXT_KEY = "eid_next"


class EidError(Exception):
    """Identification failed or was cancelled; ``message`` is safe to show to the person."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class Provider:
    id: str = ""

    def start(self, request: HttpRequest, *, next_url: str) -> HttpResponse:  # pragma: no cover
        raise NotImplementedError

    def complete(self, request: HttpRequest) -> Identity:  # pragma: no cover
        raise NotImplementedError

    def configuration_errors(self) -> list[str]:
        """What is missing or wrong in the settings; checked at start-up."""
        return []


_providers: dict[str, type[Provider]] = {}


def register(cls: type[Provider]) -> type[Provider]:
    if not cls.id:
        raise ValueError(f"{cls.__name__} has no id")
    if cls.id in _providers:
        raise ValueError(f"An e-identification provider with the id {cls.id!r} is already registered.")
    _providers[cls.id] = cls
    return cls


def provider_ids() -> list[str]:
    return sorted(_providers)


def provider_get(provider_id: str | None = None) -> Provider:
    """The provider ``provider_id``, by default the active one (``EID_PROVIDER``)."""
    provider_id = provider_id or settings.EID_PROVIDER
    try:
        return _providers[provider_id]()
    except KeyError:
        raise ImproperlyConfigured(
            f"EID_PROVIDER={provider_id!r} is not a known e-identification provider ({', '.join(provider_ids())})."
        ) from None
