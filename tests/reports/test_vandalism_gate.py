"""Every vandalism gate rule (the rules every crime report shares), with outcome and reason."""
import pytest
from django.utils import translation

from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import evaluate
from tests.reports.gate_rows import SHARED_SAFE_ANSWERS, rule_ids, shared_gate_rows

VANDALISM = registry["skadegorelse"]
SAFE = SHARED_SAFE_ANSWERS


ROWS = [
    *shared_gate_rows(SAFE),
    ({"knows_suspect": "yes", "danger": "yes"}, GateOutcome.CALL_112, "danger", "in danger"),
]


@pytest.mark.parametrize(("answers", "outcome", "rule", "reason"), ROWS)
def test_vandalism_gate_rule(answers, outcome, rule, reason):
    with translation.override("en"):
        result = evaluate(VANDALISM.rules, {**SAFE, **answers})
        assert (result.kind, result.rule) == (outcome, rule)
        assert reason in str(result.reason)


def test_every_vandalism_rule_is_covered_by_a_row():
    covered = {"in_progress", "danger", "violence", "protected_identity", "no_identity_number", "weapon",
               "knows_suspect"}
    assert {rule.id for rule in VANDALISM.rules} == covered
    assert rule_ids(ROWS) == covered
