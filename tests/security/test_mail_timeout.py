"""A mail server that accepts the connection and never answers: "save for later" answers the
citizen within EMAIL_TIMEOUT (plus a margin), with the form and a clear error, never a 500."""
import socket
import threading
import time

import pytest
from django.test import Client

from reports.models import ReportDraft
from tests.reports.helpers import THEFT_WHEN_WHERE, pass_gate, step_post
from tests.reports.test_attachments import THEFT_GATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_smtp():
    """A local TCP server that accepts connections and never sends a byte (no SMTP greeting)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for connection in held:
        connection.close()
    server.close()
    assert held, "the portal never connected to the mail server"


def test_save_for_later_with_a_mail_server_that_never_answers(settings, silent_smtp):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", silent_smtp, False
    settings.EMAIL_TIMEOUT = 1
    client = Client()
    pass_gate(client, "stold", THEFT_GATE, "/en")
    step_post(client, "stold", "nar-var", {**THEFT_WHEN_WHERE, "save_for_later": "1"}, "/en")
    started = time.monotonic()
    response = client.post("/en/stold/spara/", {"email": "beata@example.se"})
    assert time.monotonic() - started < 4
    assert response.status_code == 200
    html = response.content.decode()
    assert "We could not send the e-mail just now. Try again in a few minutes." in html
    assert 'value="beata@example.se"' in html
    assert not ReportDraft.objects.exists()
