"""What the browser session remembers of the gate, so that the form steps cannot be reached
by URL without an ``e_service`` outcome for that service in that session; and of what it sent
or proved it may follow, so that only this session sees those receipts and status pages.

Of e-ID services, a shared computer keeps neither for the next person: the gate's answers go
when an identity ends, the receipts and status pages at a logout or another person's
identification (``eid_gates_forget``, ``eid_receipts_forget``; docs/eid.md)."""
from __future__ import annotations

import secrets
import string
from typing import Any

from reports import selectors, victim_support
from reports.catalogue import Service, registry
from reports.constants import GateOutcome
from reports.eid import Identity
from reports.gate import Outcome, more_urgent_phone

SESSION_KEY = "gate"
RECEIPTS_KEY = "receipts"
COMPLETED_KEY = "completed"
STATUS_ACCESS_KEY = "status_access"


def gate_remember(request, *, service: Service, outcome: Outcome, record_id: int, answers: dict[str, str]) -> None:
    gate_state_restore(request, service, {
        "outcome": outcome.kind, "rule": outcome.rule, "rules": list(outcome.rules), "record": record_id,
        "answers": answers,
    })


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
    """Rebuild the outcome from the remembered rules, so the reasons show in the current language."""
    by_id = {rule.id: rule for rule in service.rules}
    also = tuple(by_id[r] for r in state.get("rules", [])[1:] if r in by_id)
    rule = by_id.get(state["rule"])
    if rule is not None:
        return Outcome(
            kind=GateOutcome(state["outcome"]), rule=rule.id, reason=rule.reason, advice=rule.advice, link=rule.link,
            heading=rule.heading, also=also,
        )
    return Outcome(kind=GateOutcome(state["outcome"]), also=also)


def _requires_eid(slug: str) -> bool:
    service = registry.get(slug)
    return service is not None and service.requires_eid


def eid_gates_forget(request, *, keep: Identity | None, ended: bool) -> None:
    """When an identity ends (logout, idle timeout), drop the gate's answers of every e-ID service:
    they decide whether the case belongs on 112 or 114 14, so whoever continues in this browser
    answers again, the same person after a timeout too. An identification keeps them: the gate is
    answered before identifying, by the person who then identifies. (A ``typed_text_holder``.)"""
    if not ended:
        return
    states = request.session.get(SESSION_KEY, {})
    kept = {slug: state for slug, state in states.items() if not _requires_eid(slug)}
    if kept != states:
        request.session[SESSION_KEY] = kept


# -- the tries of one session, linked anonymously -------------------------------------------------
ATTEMPTS_KEY = "gate_attempts"


def attempt_key_new() -> str:
    """A random key for a session's chain of gate tries: letters only (about 150 bits), so that
    no run of digits in the session can look like a card number to the privacy checks."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(32))


def gate_attempt_chain(request, service: Service) -> dict[str, str]:
    """The anonymous chain of gate tries for this service in this browser session: a random key,
    the first outcome and rule, and the first try that sent the person to the phone
    (``phone_outcome``, ``phone_rule``; 112 before 114 14). Nothing in it names the person."""
    chains = request.session.get(ATTEMPTS_KEY, {})
    return chains.get(service.slug) or {}


def gate_attempt_note(request, service: Service, *, key: str, outcome: str, rule: str) -> None:
    chains = request.session.get(ATTEMPTS_KEY, {})
    chain = chains.get(service.slug) or {"key": key, "first_outcome": outcome, "first_rule": rule}
    if more_urgent_phone(outcome, chain.get("phone_outcome", "")):
        chain = {**chain, "phone_outcome": str(outcome), "phone_rule": rule}
    if chains.get(service.slug) != chain:
        chains[service.slug] = chain
        request.session[ATTEMPTS_KEY] = chains


def gate_attempt_chain_restore(request, service: Service, chain: dict[str, str]) -> None:
    """Put back a chain that ``gate_attempt_chain`` gave earlier (a saved draft carries it), so
    that a try that sent the person to the phone still counts in the session that resumes.
    A chain this session already has keeps its key and first try; the more urgent phone
    outcome of the two wins."""
    if not chain:
        return
    current = gate_attempt_chain(request, service)
    if not current:
        merged = dict(chain)
    else:
        merged = dict(current)
        theirs = chain.get("phone_outcome", "")
        if more_urgent_phone(theirs, current.get("phone_outcome", "")):
            merged.update(phone_outcome=theirs, phone_rule=chain.get("phone_rule", ""))
    chains = request.session.get(ATTEMPTS_KEY, {})
    chains[service.slug] = merged
    request.session[ATTEMPTS_KEY] = chains


def gate_phone_outcome(request, service: Service) -> tuple[str, str]:
    """The outcome and rule of this session's gate try that sent the person to the phone (112
    before 114 14), or ("", "") if none did.

    The chain's gate records are read too: a session is saved whole (the last write wins), so a
    page sent from another tab at the moment of a "call 112" try can save the session as it was
    before that try. The chain's key was there before (a form step needs an earlier try), and the
    record of the try is in the database whatever the session says."""
    chain = gate_attempt_chain(request, service)
    outcome, rule = chain.get("phone_outcome", ""), chain.get("phone_rule", "")
    for tried, tried_rule in selectors.gate_phone_tries(attempt_key=chain.get("key", ""), service_slug=service.slug):
        if more_urgent_phone(tried, outcome):
            outcome, rule = tried, tried_rule
    return outcome, rule


def gate_attempt_forget(request, service: Service) -> None:
    chains = request.session.get(ATTEMPTS_KEY, {})
    if chains.pop(service.slug, None) is not None:
        request.session[ATTEMPTS_KEY] = chains


def _reference_allow(request, key: str, reference: str) -> None:
    """Add a reference to one of the session's lists; the ten latest are kept."""
    allowed = request.session.get(key, [])
    if reference not in allowed:
        request.session[key] = [*allowed[-9:], reference]


def receipt_allow(request, reference: str) -> None:
    _reference_allow(request, RECEIPTS_KEY, reference)


def receipts_allowed(request) -> list[str]:
    return request.session.get(RECEIPTS_KEY, [])


def status_access_allow(request, reference: str) -> None:
    """This session proved it may see the case's status (reference and e-mail, or the signed link)."""
    _reference_allow(request, STATUS_ACCESS_KEY, reference)


def status_access_allowed(request, reference: str) -> bool:
    return reference in request.session.get(STATUS_ACCESS_KEY, [])


def submission_completed(request, service: Service, reference: str) -> None:
    """The wizard run has sent its submission: the gate is asked again next time, and this
    browser session may see the receipt (also when it opens the wizard's last URL again)."""
    gate_forget(request, service)
    gate_attempt_forget(request, service)
    receipt_allow(request, reference)
    completed = request.session.get(COMPLETED_KEY, {})
    completed[service.slug] = reference
    request.session[COMPLETED_KEY] = completed


def completed_reference(request, service: Service) -> str | None:
    """The reference of the last submission this session sent for the service."""
    return request.session.get(COMPLETED_KEY, {}).get(service.slug)


def eid_receipts_forget(request, *, keep: Identity | None, ended: bool) -> None:
    """Drop the receipts and status pages of e-ID services this session may show that ``keep``
    did not send (all of them at a logout): they show the sender's reference and e-mail address.
    After an idle timeout the receipts stay for their sender, whom the receipt asks to identify
    again; the status pages do not (the status page asks nobody to identify: the reference and
    e-mail address open it again). (A ``typed_text_holder``.)"""
    references = {*request.session.get(RECEIPTS_KEY, []), *request.session.get(STATUS_ACCESS_KEY, [])}
    if not references:
        return
    senders = {
        reference: number for reference, (slug, number) in selectors.submission_senders(references=references).items()
        if _requires_eid(slug)
    }
    dropped = {reference for reference, number in senders.items()
               if keep is None or keep.personal_identity_number != number}
    status_dropped = set(senders) if ended else dropped
    if not status_dropped:
        return
    for key, gone in ((RECEIPTS_KEY, dropped), (STATUS_ACCESS_KEY, status_dropped)):
        allowed = request.session.get(key, [])
        if gone.intersection(allowed):
            request.session[key] = [reference for reference in allowed if reference not in gone]
    completed = request.session.get(COMPLETED_KEY, {})
    if dropped.intersection(completed.values()):
        request.session[COMPLETED_KEY] = {slug: ref for slug, ref in completed.items() if ref not in dropped}
    victim_support.forget(request, references=dropped)
