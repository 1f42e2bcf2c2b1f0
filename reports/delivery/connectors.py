"""Connectors: how a delivery reaches a case system. Each registers itself under an id.

``file`` is the embedded default (one JSON file per delivery, written atomically);
``http`` posts the JSON to the case system with an idempotency key and an HMAC signature.
A connector never raises for an expected failure: it answers with a ``ConnectorResult``
whose outcome says whether the delivery is done, should be retried, or never will succeed.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from reports.delivery.conf import DestinationConfig, destination_config
from reports.delivery.constants import AttemptOutcome, SourceKind

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConnectorResult:
    outcome: AttemptOutcome
    status_code: int | None = None
    case_number: str = ""
    error: str = ""


class ConnectorRegistry:
    def __init__(self) -> None:
        self._connectors: dict[str, object] = {}

    def register(self, connector_id: str):
        """Class decorator: register a connector under ``connector_id``; duplicates are refused."""

        def decorator(cls):
            if connector_id in self._connectors:
                raise ValueError(f"A delivery connector with the id {connector_id!r} is already registered.")
            cls.id = connector_id
            self._connectors[connector_id] = cls()
            return cls

        return decorator

    def __getitem__(self, connector_id: str):
        return self._connectors[connector_id]

    def __contains__(self, connector_id: object) -> bool:
        return connector_id in self._connectors

    def ids(self) -> list[str]:
        return sorted(self._connectors)


registry = ConnectorRegistry()
register = registry.register


def connector_for(destination: str):
    config = destination_config(destination)
    return registry[config.connector], config


def payload_body(payload: dict) -> bytes:
    """The exact bytes sent and signed: compact, key-sorted UTF-8 JSON."""
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def signature_compute(*, secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256 over ``"<timestamp>.<body>"`` with the destination's secret.

    Signing the timestamp with the body lets the case system refuse replays of old requests.
    """
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def outbox_dir(destination: str) -> Path:
    var_dir = Path(settings.PORTAL_VAR_DIR)
    return var_dir / "outbox" / destination


def outbox_file_path(delivery) -> Path:
    """Where the file connector writes ``delivery`` (the purge deletes the same file)."""
    name = f"{delivery.reference or delivery.pk}.json"
    if delivery.source_kind not in (SourceKind.SUBMISSION, ""):
        name = f"{delivery.reference or delivery.pk}.{delivery.source_kind}.{delivery.pk}.json"
    return outbox_dir(delivery.destination) / name


def file_write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the whole file or none of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def envelope_build(delivery) -> dict:
    """What travels: the stored payload with attachment contents filled in, plus delivery ids."""
    from reports.delivery.payloads import attachments_with_content

    payload = dict(delivery.payload)
    if payload.get("attachments"):
        payload["attachments"] = attachments_with_content(payload["attachments"])
    payload["delivery"] = {
        "id": delivery.pk,
        "idempotency_key": str(delivery.idempotency_key),
        "source_kind": delivery.source_kind,
        "source_id": delivery.source_id,
    }
    return payload


@register("file")
class FileConnector:
    """One JSON file per delivery under ``<PORTAL_VAR_DIR>/outbox/<destination>/``.

    The file is named after the reference (the delivery id when there is none) and replaced
    atomically, so a second attempt rewrites the same file: the folder holds each once.
    """

    def send(self, *, delivery, config: DestinationConfig) -> ConnectorResult:
        path = outbox_file_path(delivery)
        try:
            file_write_atomic(path, payload_body(envelope_build(delivery)))
        except OSError as exc:
            return ConnectorResult(outcome=AttemptOutcome.RETRY, error=f"{type(exc).__name__}: {exc}")
        return ConnectorResult(outcome=AttemptOutcome.DELIVERED)


@register("http")
class HttpConnector:
    """POST the JSON to the case system; 2xx delivered, 4xx permanent, the rest retried."""

    def send(self, *, delivery, config: DestinationConfig) -> ConnectorResult:
        import requests

        if not config.url:
            return ConnectorResult(outcome=AttemptOutcome.PERMANENT, error="No URL is configured.")
        body = payload_body(envelope_build(delivery))
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": str(delivery.idempotency_key),
            "X-Portal-Timestamp": timestamp,
            "X-Portal-Signature": signature_compute(secret=config.secret, timestamp=timestamp, body=body),
            "X-Portal-Destination": delivery.destination,
        }
        try:
            response = requests.post(
                config.url, data=body, headers=headers, timeout=config.timeout, verify=True
            )
        except requests.RequestException as exc:
            return ConnectorResult(outcome=AttemptOutcome.RETRY, error=f"{type(exc).__name__}: {exc}")
        if 200 <= response.status_code < 300:
            return ConnectorResult(
                outcome=AttemptOutcome.DELIVERED,
                status_code=response.status_code,
                case_number=_case_number(response),
            )
        message = _answer_message(response)
        outcome = AttemptOutcome.PERMANENT if 400 <= response.status_code < 500 else AttemptOutcome.RETRY
        # 408 and 429 are the receiver asking us to come back later, not a refusal.
        if response.status_code in (408, 429):
            outcome = AttemptOutcome.RETRY
        return ConnectorResult(outcome=outcome, status_code=response.status_code, error=message)


def _case_number(response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    return str(data.get("case_number", "")) if isinstance(data, dict) else ""


def _answer_message(response) -> str:
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("message", "error", "detail"):
            if data.get(key):
                return f"HTTP {response.status_code}: {data[key]}"
    return f"HTTP {response.status_code}: {response.text[:1000]}"
