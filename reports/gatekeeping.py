"""What the browser session remembers of the gate, so that the form steps cannot be reached
by URL without an ``e_service`` outcome for that service in that session; and of what it sent,
so that only this session sees those receipts."""
from __future__ import annotations

from typing import Any

from reports.catalogue import Service
from reports.constants import GateOutcome
from reports.gate import Outcome

SESSION_KEY = "gate"
RECEIPTS_KEY = "receipts"
COMPLETED_KEY = "completed"


def gate_remember(request, *, service: Service, outcome: Outcome, record_id: int, answers: dict[str, str]) -> None:
    gate_state_restore(
        request, service, {"outcome": outcome.kind, "rule": outcome.rule, "record": record_id, "answers": answers}
    )


def gate_state_restore(request, service: Service, state: dict[str, Any]) -> None:
    """Put back a state that ``gate_state`` gave earlier (a saved draft carries it)."""
    states = request.session.get(SESSION_KEY, {})
    states[service.slug] = state
    request.session[SESSION_KEY] = states


def gate_state(request, service: Service) -> dict[str, Any] | None:
    return request.session.get(SESSION_KEY, {}).get(service.slug)


def gate_passed(request, service: Service) -> bool:
    state = gate_state(request, service)
    return bool(state) and state["outcome"] == GateOutcome.E_SERVICE


def gate_forget(request, service: Service) -> None:
    state = request.session.get(SESSION_KEY, {})
    if state.pop(service.slug, None) is not None:
        request.session[SESSION_KEY] = state


def outcome_for_state(service: Service, state: dict[str, Any]) -> Outcome:
    """Rebuild the outcome from the remembered rule, so its reason shows in the current language."""
    for rule in service.rules:
        if rule.id == state["rule"]:
            return Outcome(kind=rule.outcome, rule=rule.id, reason=rule.reason, advice=rule.advice, link=rule.link)
    return Outcome(kind=GateOutcome(state["outcome"]))


def receipt_allow(request, reference: str) -> None:
    receipts = request.session.get(RECEIPTS_KEY, [])
    if reference not in receipts:
        receipts = [*receipts[-9:], reference]
        request.session[RECEIPTS_KEY] = receipts


def receipts_allowed(request) -> list[str]:
    return request.session.get(RECEIPTS_KEY, [])


def submission_completed(request, service: Service, reference: str) -> None:
    """The wizard run has sent its submission: the gate is asked again next time, and this
    browser session may see the receipt (also when it opens the wizard's last URL again)."""
    gate_forget(request, service)
    receipt_allow(request, reference)
    completed = request.session.get(COMPLETED_KEY, {})
    completed[service.slug] = reference
    request.session[COMPLETED_KEY] = completed


def completed_reference(request, service: Service) -> str | None:
    """The reference of the last submission this session sent for the service."""
    return request.session.get(COMPLETED_KEY, {}).get(service.slug)
