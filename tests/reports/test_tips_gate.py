"""The tips gate: urgent or ongoing goes to 112; nothing else, and no identity questions."""
import pytest
from django.utils import translation

from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import evaluate
from tests.reports.gate_rows import rule_ids, shared_gate_rows

TIPS = registry["tips"]
SAFE = {"in_progress": "no", "danger": "no", "planned": "no"}


ROWS = [
    *shared_gate_rows(SAFE),
    # Issue 11: a tip about a crime that is about to happen is never queued.
    ({"planned": "soon"}, GateOutcome.CALL_112, "planned_soon", "may still be prevented"),
    ({"planned": "later"}, GateOutcome.CALL_11414, "planned_later", "assessed by a police officer now"),
]


@pytest.mark.parametrize(("answers", "outcome", "rule", "reason"), ROWS)
def test_tips_gate_rule(answers, outcome, rule, reason):
    with translation.override("en"):
        result = evaluate(TIPS.rules, {**SAFE, **answers})
        assert (result.kind, result.rule) == (outcome, rule)
        assert reason in str(result.reason)


def test_every_tips_rule_is_covered_by_a_row():
    assert {rule.id for rule in TIPS.rules} == rule_ids(ROWS) == {"in_progress", "danger", "planned_soon",
                                                                   "planned_later"}


def test_tips_ask_no_identity_questions_and_may_be_anonymous():
    assert {q.id for q in TIPS.questions} == {"in_progress", "danger", "planned"}
    assert TIPS.anonymous
    forms = {step.form_class.__name__ for step in TIPS.steps}
    assert "ReporterForm" not in forms
