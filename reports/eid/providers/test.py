"""The built-in test provider: pick or type any identity. Development and tests only.

It proves nothing, so it refuses to start unless DJANGO_DEBUG is on (``EidConfig.ready``)
and every page says that it is active (``templates/eid/header.html``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.eid.providers import NEXT_KEY, EidError, Provider, register
from reports.eid.session import Identity

PENDING_KEY = "eid_test_pending"

# Made-up people with valid check digits; none of them is a real person.
TEST_IDENTITIES = (
    ("198001010001", "Anna Andersson"),
    ("197512311239", "Bertil Berg"),
    ("199008152341", "Cecilia Çelik"),
)


@register
class TestProvider(Provider):
    id = "test"

    def start(self, request: HttpRequest, *, next_url: str) -> HttpResponse:
        request.session[NEXT_KEY] = next_url
        return redirect("eid:test_provider")

    def complete(self, request: HttpRequest) -> Identity:
        pending = request.session.pop(PENDING_KEY, None)
        if not pending:
            raise EidError(_("The identification was not completed. Please try again."), code="no_pending")
        return Identity(
            personal_identity_number=pending["pin"],
            name=pending["name"],
            provider=self.id,
            authenticated_at=timezone.now(),
        )

    @staticmethod
    def choose(request: HttpRequest, *, personal_identity_number: str, name: str) -> None:
        """What the test provider's own page calls when a person has picked an identity."""
        request.session[PENDING_KEY] = {"pin": personal_identity_number, "name": name}
