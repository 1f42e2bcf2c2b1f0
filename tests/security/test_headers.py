"""Security headers: a Content-Security-Policy without inline script, Permissions-Policy, HSTS,
and ``Cache-Control: no-store`` on pages that show personal data."""
import re
from pathlib import Path

import pytest

from reports.booking import services as booking_services
from tests.booking.conftest import make_slot, office, person  # noqa: F401 (fixtures)
from tests.reports.helpers import THEFT_WHEN_WHERE, pass_gate, step_post

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent
THEFT_GATE = {"in_progress": "no", "danger": "no", "violence": "no", "vehicle": "no", "id_document": "no",
              "weapon": "no", "knows_suspect": "no", "protected_identity": "no", "has_identity_number": "yes"}


def csp_directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/en/", "/arendestatus/", "/pass/hantera/", "/personal/login/"])
def test_every_page_has_a_policy_without_inline_script(client, path):
    response = client.get(path)
    directives = csp_directives(response)
    assert directives["script-src"] == "script-src 'self'"
    assert "unsafe-inline" not in directives["default-src"] and "unsafe-eval" not in response["Content-Security-Policy"]
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert directives["object-src"] == "object-src 'none'"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_hsts_is_sent_over_https_with_the_production_default(client, settings):
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600  # the production default (tests/test_settings.py)
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")


TEMPLATE_FILES = sorted((ROOT / "templates").rglob("*.html")) + sorted((ROOT / "reports").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_script_handler_or_style_element(path):
    html = path.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>: move it to static/js"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler: use a static script"
    assert "<style" not in html, "<style> element: move it to static/css"
    assert "javascript:" not in html.lower()


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_public_pages_may_be_cached(client):
    assert not no_store(client.get("/en/"))


def test_wizard_and_receipt_are_not_stored(client):
    pass_gate(client, "stold", THEFT_GATE, "/en")
    step = client.get("/en/stold/steg/nar-var/")
    assert step.status_code == 200 and no_store(step)
    response = step_post(client, "stold", "nar-var", THEFT_WHEN_WHERE, "/en")
    assert response.status_code == 302 and no_store(response)


def test_booking_pages_are_not_stored(client, make_slot):  # noqa: F811
    booking = booking_services.booking_reserve(
        who=person(), slot_id=make_slot().pk, people=1, contact=booking_services.Contact(), language="sv"
    )
    for path in ("", "kalender.ics", "avboka/", "flytta/"):
        response = client.get(f"/en/pass/bokning/{booking.manage_token}/{path}")
        assert response.status_code == 200, path
        assert no_store(response), path
        assert "private" in response["Cache-Control"]


def test_staff_pages_are_not_stored(client, settings, django_user_model):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    user = django_user_model.objects.create_superuser("root", "root@example.se", "ett-langt-testlosenord")
    client.force_login(user)
    assert no_store(client.get("/personal/"))


def test_any_page_showing_the_identified_persons_name_is_not_stored(client):
    import time

    from reports.eid.session import SESSION_KEY

    assert not no_store(client.get("/en/"))
    session = client.session
    session[SESSION_KEY] = {"pin": "198112189876", "name": "Anna Andersson", "provider": "test",
                            "at": "2026-11-29T08:00:00+00:00", "seen": time.time()}
    session.save()
    response = client.get("/en/")
    assert "Anna Andersson" in response.content.decode()
    assert no_store(response)
