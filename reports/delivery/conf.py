"""Reading a destination's configuration (settings.DELIVERY_DESTINATIONS, from the environment)."""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class DestinationConfig:
    name: str
    connector: str
    url: str = ""
    secret: str = ""
    timeout: float = 10.0


def destination_config(destination: str) -> DestinationConfig:
    raw = settings.DELIVERY_DESTINATIONS.get(destination)
    if raw is None:
        raise ImproperlyConfigured(f"No delivery destination {destination!r} is configured.")
    return DestinationConfig(
        name=destination,
        connector=raw["CONNECTOR"],
        url=raw.get("URL", ""),
        secret=raw.get("SECRET", ""),
        timeout=float(raw.get("TIMEOUT", 10.0)),
    )
