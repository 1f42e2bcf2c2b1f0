"""The front page, each service's gate and the gate's outcome page."""
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from reports import gatekeeping, phone_wait, services, victim_support
from reports.catalogue import Service, registry
from reports.constants import GateOutcome
from reports.forms.gate import GateForm
from reports.gate import evaluate
from reports.views.errors import error_summary


def service_or_404(slug: str) -> Service:
    service = registry.get(slug)
    if service is None:
        raise Http404
    return service


def catalogue(request):
    return render(request, "reports/catalogue.html", {"groups": registry.by_group(), "nudge": phone_wait.nudge_for()})


def gate(request, service):
    service = service_or_404(service)
    if service.entry_url_name:
        return redirect(service.entry_url_name)
    if request.method == "POST":
        form = GateForm(request.POST, service=service)
        if form.is_valid():
            outcome = evaluate(service.rules, form.cleaned_data)
            record = services.gate_record_create(
                service=service, outcome=outcome, language=get_language(),
                shown_phone_wait_minutes=phone_wait.shown_wait_from_post(request.POST.get("shown_wait")),
            )
            gatekeeping.gate_remember(
                request, service=service, outcome=outcome, record_id=record.pk, answers=form.cleaned_data
            )
            if outcome.suits_e_service:
                return redirect("reports:wizard", service=service.slug)
            return redirect("reports:outcome", service=service.slug)
    else:
        state = gatekeeping.gate_state(request, service)
        form = GateForm(service=service, initial=state["answers"] if state else None)
    context = {
        "service": service, "form": form, "total_steps": len(service.steps) + 1, "error_summary": error_summary(form),
        "nudge": phone_wait.nudge_for(service=service),
    }
    return render(request, "reports/gate.html", context)


def outcome(request, service):
    service = service_or_404(service)
    state = gatekeeping.gate_state(request, service)
    if not state:
        return redirect("reports:gate", service=service.slug)
    result = gatekeeping.outcome_for_state(service, state)
    if result.suits_e_service:
        return redirect("reports:wizard", service=service.slug)
    # Told to call about violence or threats: the helplines too (never beside 112: that call comes first).
    helplines = []
    if result.kind != GateOutcome.CALL_112 and victim_support.violence_or_threats(state.get("answers") or {}):
        helplines = [victim_support.BROTTSOFFERJOUREN, victim_support.KVINNOFRIDSLINJEN]
    return render(
        request,
        "reports/outcome.html",
        {"service": service, "outcome": result, "gate_url": reverse("reports:gate", args=[service.slug]),
         "helplines": helplines},
    )
