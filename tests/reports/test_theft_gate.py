"""Every theft gate rule: one row per rule, with the outcome and the reason the page shows."""
import pytest
from django.utils import translation

from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import Outcome, evaluate
from tests.reports.gate_rows import SHARED_SAFE_ANSWERS, rule_ids, shared_gate_rows

THEFT = registry["stold"]
SAFE = {
    **SHARED_SAFE_ANSWERS,
    "vehicle": "no",
    "id_document": "no",
}


ROWS = [
    *shared_gate_rows(SAFE),
    ({"vehicle": "yes"}, GateOutcome.CALL_11414, "vehicle_stolen", "posted as wanted at once"),
    ({"id_document": "yes"}, GateOutcome.CALL_11414, "id_document_stolen", "must be blocked at once"),
    # The most urgent outcome wins when several rules match.
    ({"vehicle": "yes", "in_progress": "yes"}, GateOutcome.CALL_112, "in_progress", "happening now"),
    ({"weapon": "yes", "violence": "yes"}, GateOutcome.CALL_11414, "violence", "violence"),
]


@pytest.mark.parametrize(("answers", "outcome", "rule", "reason"), ROWS)
def test_theft_gate_rule(answers, outcome, rule, reason):
    with translation.override("en"):
        result = evaluate(THEFT.rules, {**SAFE, **answers})
        assert isinstance(result, Outcome)
        assert (result.kind, result.rule) == (outcome, rule)
        assert reason in str(result.reason)


def test_every_theft_rule_is_covered_by_a_row():
    covered = {"in_progress", "danger", "violence", "protected_identity", "no_identity_number", "weapon",
               "knows_suspect", "vehicle_stolen", "id_document_stolen"}
    assert {rule.id for rule in THEFT.rules} == covered
    assert rule_ids(ROWS) == covered


def test_every_rule_that_sends_someone_away_has_a_reason():
    for service in registry:
        for rule in service.rules:
            assert str(rule.reason).strip(), f"{service.slug}:{rule.id} has no reason"


def test_every_rule_refers_to_a_question_of_its_service():
    for service in registry:
        ids = {q.id for q in service.questions}
        for rule in service.rules:
            assert rule.test is not None or rule.question in ids, f"{service.slug}:{rule.id}"
