"""A stand-in case system for the delivery tests and the benchmark.

A threaded ``http.server`` that does what the portal asks of a real case system: it refuses
requests whose ``X-Portal-Signature`` does not verify, registers each ``Idempotency-Key``
once (a repeat gets the same case number back), and can be told to misbehave: fail the next
N requests with 500, refuse everything with a 4xx and a message, hold a request until
released (so a test can kill the worker mid-delivery), or be down altogether.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    idempotency_key: str
    verified: bool
    payload: dict | None
    status: int


@dataclass
class ReceiverState:
    secrets: dict[str, str]
    cases: dict[str, str] = field(default_factory=dict)  # idempotency key -> case number
    payloads: dict[str, dict] = field(default_factory=dict)
    requests: list[Received] = field(default_factory=list)
    fail_next: int = 0
    reject_status: int | None = None
    reject_message: str = ""
    hold: bool = False
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


def signature_verify(*, secret: str, timestamp: str, body: bytes, signature: str, max_age: int = 300) -> bool:
    """The case system's side of the contract in docs/delivery.md (written independently)."""
    try:
        age = abs(time.time() - int(timestamp))
    except ValueError:
        return False
    if age > max_age:
        return False
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    expected = "sha256=" + mac.hexdigest()
    return hmac.compare_digest(expected, signature)


class _Handler(BaseHTTPRequestHandler):
    server_version = "CaseSystemStub/1"

    def log_message(self, format, *args):  # quiet
        pass

    def do_POST(self):
        state: ReceiverState = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        destination = self.path.strip("/").split("/")[0]
        key = self.headers.get("Idempotency-Key", "")
        secret = state.secrets.get(destination)
        verified = secret is not None and signature_verify(
            secret=secret,
            timestamp=self.headers.get("X-Portal-Timestamp", ""),
            body=body,
            signature=self.headers.get("X-Portal-Signature", ""),
        )
        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        with state.lock:
            if not verified:
                status, answer = 401, {"message": "signature does not verify"}
            elif state.reject_status:
                status, answer = state.reject_status, {"message": state.reject_message}
            elif state.fail_next > 0:
                state.fail_next -= 1
                status, answer = 500, {"message": "temporarily unavailable"}
            else:
                if key not in state.cases:
                    state.cases[key] = f"{destination.upper()}-{len(state.cases) + 1:06d}"
                    state.payloads[key] = payload
                status, answer = 201, {"case_number": state.cases[key]}
            state.requests.append(Received(self.path, key, verified, payload, status))
            hold = state.hold and status == 201
        if hold:
            state.held.set()
            state.release.wait(timeout=30)
        data = json.dumps(answer).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client went away (a killed worker)


class Receiver:
    """``start()`` / ``stop()`` (down) / ``start()`` again on the same port (up)."""

    def __init__(self, secrets: dict[str, str], port: int = 0) -> None:
        self.state = ReceiverState(secrets=secrets)
        self.port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Receiver:
        ThreadingHTTPServer.allow_reuse_address = True
        server = ThreadingHTTPServer(("127.0.0.1", self.port), _Handler)
        server.daemon_threads = True
        server.state = self.state
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def url(self, destination: str) -> str:
        return f"http://127.0.0.1:{self.port}/{destination}/"

    def reset(self) -> None:
        with self.state.lock:
            self.state.cases.clear()
            self.state.payloads.clear()
            self.state.requests.clear()
            self.state.fail_next = 0
            self.state.reject_status = None
            self.state.reject_message = ""
            self.state.hold = False
            self.state.release.set()
            self.state.held = threading.Event()
            self.state.release = threading.Event()

    def cases_for(self, key: str) -> int:
        return 1 if key in self.state.cases else 0
