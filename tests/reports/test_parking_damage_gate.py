"""Every parking-damage gate rule (the rules every crime report shares), with outcome and reason."""
import pytest
from django.utils import translation

from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import evaluate
from tests.reports.gate_rows import SHARED_SAFE_ANSWERS, rule_ids, shared_gate_rows

PARKING = registry["parkeringsskada"]
SAFE = SHARED_SAFE_ANSWERS


ROWS = [
    *shared_gate_rows(SAFE),
    ({"knows_suspect": "yes", "danger": "yes"}, GateOutcome.CALL_112, "danger", "in danger"),
]


@pytest.mark.parametrize(("answers", "outcome", "rule", "reason"), ROWS)
def test_parking_damage_gate_rule(answers, outcome, rule, reason):
    with translation.override("en"):
        result = evaluate(PARKING.rules, {**SAFE, **answers})
        assert (result.kind, result.rule) == (outcome, rule)
        assert reason in str(result.reason)


def test_every_parking_damage_rule_is_covered_by_a_row():
    covered = {"in_progress", "danger", "violence", "protected_identity", "no_identity_number", "weapon",
               "knows_suspect"}
    assert {rule.id for rule in PARKING.rules} == covered
    assert rule_ids(ROWS) == covered


def test_knowing_only_the_registration_number_is_not_knowing_the_suspect():
    question = next(q for q in PARKING.questions if q.id == "knows_suspect")
    with translation.override("en"):
        assert "registration number alone does not count" in str(question.help_text)
