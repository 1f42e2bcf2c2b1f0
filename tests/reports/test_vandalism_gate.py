"""Every vandalism gate rule (the rules every crime report shares), with outcome and reason."""
import pytest
from django.utils import translation

from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import evaluate

VANDALISM = registry["skadegorelse"]
SAFE = {
    "in_progress": "no",
    "danger": "no",
    "violence": "no",
    "weapon": "no",
    "knows_suspect": "no",
    "protected_identity": "no",
    "has_identity_number": "yes",
}


@pytest.mark.parametrize(
    ("answers", "outcome", "rule", "reason"),
    [
        ({}, GateOutcome.E_SERVICE, "", ""),
        ({"in_progress": "yes"}, GateOutcome.CALL_112, "in_progress", "The crime is happening now"),
        ({"danger": "yes"}, GateOutcome.CALL_112, "danger", "Someone is injured or someone or something is in danger"),
        ({"violence": "yes"}, GateOutcome.CALL_11414, "violence", "violence, threats or sexual offences"),
        ({"protected_identity": "yes"}, GateOutcome.CALL_11414, "protected_identity", "protected personal data"),
        ({"has_identity_number": "no"}, GateOutcome.CALL_11414, "no_identity_number", "personal identity number"),
        ({"weapon": "yes"}, GateOutcome.CALL_11414, "weapon", "Firearms, ammunition and explosives"),
        ({"knows_suspect": "yes"}, GateOutcome.CALL_11414, "knows_suspect", "When you know who did it"),
        ({"knows_suspect": "yes", "danger": "yes"}, GateOutcome.CALL_112, "danger", "in danger"),
    ],
)
def test_vandalism_gate_rule(answers, outcome, rule, reason):
    with translation.override("en"):
        result = evaluate(VANDALISM.rules, {**SAFE, **answers})
        assert (result.kind, result.rule) == (outcome, rule)
        assert reason in str(result.reason)


def test_every_vandalism_rule_is_covered_by_a_row():
    covered = {"in_progress", "danger", "violence", "protected_identity", "no_identity_number", "weapon",
               "knows_suspect"}
    assert {rule.id for rule in VANDALISM.rules} == covered
