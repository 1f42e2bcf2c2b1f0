"""Log in, come back from the provider, log out. Thin: the providers do the work."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports.eid.forms import TestIdentityForm
from reports.eid.providers import NEXT_KEY, EidError, provider_get
from reports.eid.providers.test import TestProvider
from reports.eid.session import identity, identity_end, identity_start
from reports.forms.errors import error_summary

logger = logging.getLogger(__name__)


def _safe_next(request: HttpRequest, value: str | None) -> str:
    """Only a path on this site: never another host, and never a bare word (which redirect()
    would try to read as a view name)."""
    if value and value.startswith("/") and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return "/"


def login(request):
    """Explain what is about to happen; the button starts the active provider."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "GET" and identity(request) is not None:
        return redirect(next_url)  # already identified: nothing to do here
    if request.method == "POST":
        try:
            return provider_get().start(request, next_url=next_url)
        except EidError as error:
            messages.error(request, error.message)
    return render(
        request,
        "eid/login.html",
        {
            "next": next_url,
            "timed_out": request.GET.get("timeout") == "1",
        },
    )


def callback(request):
    """Where the provider sends the person back: prove the identity, then continue to ``next``."""
    next_url = _safe_next(request, request.session.get(NEXT_KEY))
    try:
        who = provider_get().complete(request)
    except EidError as error:
        messages.error(request, error.message)
        return render(request, "eid/login.html", {"next": next_url, "failed": True}, status=400)
    request.session.pop(NEXT_KEY, None)
    identity_start(request, who=who)
    return redirect(next_url)


@require_POST
def logout(request):
    if identity_end(request):
        messages.success(request, _("You have logged out of e-identification."))
    return redirect("reports:catalogue")


def test_provider(request):
    """The test provider's own page (development and tests only)."""
    if settings.EID_PROVIDER != "test":
        raise Http404
    if request.method == "POST":
        form = TestIdentityForm(request.POST)
        if form.is_valid():
            TestProvider.choose(
                request,
                personal_identity_number=form.cleaned_data["personal_identity_number"],
                name=form.cleaned_data["name"],
            )
            return redirect("eid:callback")
    else:
        form = TestIdentityForm()
    return render(request, "eid/test_provider.html", {"form": form, "error_summary": error_summary(form)})
