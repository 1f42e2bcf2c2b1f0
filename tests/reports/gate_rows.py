"""Table rows for the gate rules that the crime reports share (``reports.catalogue.common``).

A service's gate test takes the rows for the shared questions it asks and adds its own rows:
each row is ``(answers, outcome, rule id, part of the reason the page shows)``, with the
answers applied on top of the service's "all safe" answers.
"""
from reports.constants import GateOutcome

# The answers to the shared questions that let a crime report go on to the e-service.
SHARED_SAFE_ANSWERS = {
    "in_progress": "no",
    "danger": "no",
    "violence": "no",
    "weapon": "no",
    "knows_suspect": "no",
    "protected_identity": "no",
    "has_identity_number": "yes",
}

# By question: the answer that sends the person away, and where to.
SHARED_RULE_ROWS = {
    "in_progress": ({"in_progress": "yes"}, GateOutcome.CALL_112, "in_progress", "The crime is happening now"),
    "danger": (
        {"danger": "yes"}, GateOutcome.CALL_112, "danger", "Someone is injured or someone or something is in danger",
    ),
    "violence": ({"violence": "yes"}, GateOutcome.CALL_11414, "violence", "violence, threats or sexual offences"),
    "protected_identity": (
        {"protected_identity": "yes"}, GateOutcome.CALL_11414, "protected_identity", "protected personal data",
    ),
    "has_identity_number": (
        {"has_identity_number": "no"}, GateOutcome.CALL_11414, "no_identity_number", "personal identity number",
    ),
    "weapon": ({"weapon": "yes"}, GateOutcome.CALL_11414, "weapon", "Firearms, ammunition and explosives"),
    "knows_suspect": ({"knows_suspect": "yes"}, GateOutcome.CALL_11414, "knows_suspect", "When you know who did it"),
}


def shared_gate_rows(safe: dict[str, str]) -> list[tuple]:
    """The all-safe row, then one row for each shared question among the ``safe`` answers."""
    return [({}, GateOutcome.E_SERVICE, "", "")] + [
        row for question, row in SHARED_RULE_ROWS.items() if question in safe
    ]


def rule_ids(rows: list[tuple]) -> set[str]:
    """The rules the rows expect to decide, for checking that every rule has a row."""
    return {rule for _answers, _outcome, rule, _reason in rows if rule}
