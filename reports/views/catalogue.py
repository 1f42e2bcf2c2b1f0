"""The front page, each service's gate and the gate's outcome page."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from reports import phone_wait, services, session, victim_support
from reports.catalogue import Service, registry
from reports.constants import GateOutcome
from reports.eid import identity
from reports.forms.errors import error_summary
from reports.forms.gate import GateForm
from reports.gate import Outcome, evaluate, evaluate_urgent


def service_or_404(slug: str) -> Service:
    service = registry.get(slug)
    if service is None:
        raise Http404
    return service


def catalogue(request):
    return render(request, "reports/catalogue.html", {"groups": registry.by_group(), "nudge": phone_wait.nudge_for()})


def _gate_decided(request, service: Service, outcome: Outcome, answers: dict[str, str]):
    """Record the outcome (linked to this session's earlier tries) and go where it leads."""
    chain = session.gate_attempt_chain(request, service)
    key = chain.get("key") or session.attempt_key_new()
    record = services.gate_record_create(
        service=service, outcome=outcome, language=get_language(), attempt_key=key,
        first_outcome=chain.get("first_outcome", ""), first_rule=chain.get("first_rule", ""),
        shown_phone_wait_minutes=phone_wait.shown_wait_from_post(request.POST.get("shown_wait")),
    )
    session.gate_attempt_note(request, service, key=key, outcome=outcome.kind, rule=outcome.rule)
    session.gate_remember(request, service=service, outcome=outcome, record_id=record.pk, answers=answers)
    if outcome.suits_e_service:
        return redirect("reports:wizard", service=service.slug)
    return redirect("reports:outcome", service=service.slug)


def idle_identity_end(request, service: Service) -> None:
    """For an e-ID service, end an identity idle too long before the gate's answers are read or
    given: they go with it (``reports.session.eid_gates_forget``), and must neither fill in the
    page for whoever sits down next nor be dropped just after that person has answered."""
    if service.requires_eid:
        identity(request)


def gate(request, service):
    service = service_or_404(service)
    if service.entry_url_name:
        return redirect(service.entry_url_name)
    idle_identity_end(request, service)
    if request.method == "POST":
        form = GateForm(request.POST, service=service)
        if form.is_valid():
            return _gate_decided(request, service, evaluate(service.rules, form.cleaned_data), form.cleaned_data)
        # A 112 answer is enough on its own: no complaints about the questions not yet answered.
        answered = {name: value for name, value in form.cleaned_data.items() if value}
        urgent = evaluate_urgent(service.rules, answered)
        if urgent is not None:
            return _gate_decided(request, service, urgent, answered)
    else:
        state = session.gate_state(request, service)
        form = GateForm(service=service, initial=state["answers"] if state else None)
    context = {
        "service": service, "form": form, "total_steps": len(service.steps) + 1, "error_summary": error_summary(form),
        "nudge": phone_wait.nudge_for(service=service),
    }
    return render(request, "reports/gate.html", context)


def outcome(request, service):
    service = service_or_404(service)
    idle_identity_end(request, service)
    state = session.gate_state(request, service)
    if not state:
        return redirect("reports:gate", service=service.slug)
    result = session.outcome_for_state(service, state)
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
