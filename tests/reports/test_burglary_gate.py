"""Every burglary gate rule: one row per rule, with the outcome and the reason the page shows."""
import pytest
from django.utils import translation

from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import evaluate
from tests.reports.gate_rows import SHARED_SAFE_ANSWERS, rule_ids, shared_gate_rows

BURGLARY = registry["inbrott"]
SAFE = {
    **SHARED_SAFE_ANSWERS,
    "place": "storage",
    "vehicle": "no",
    "id_document": "no",
}


ROWS = [
    *shared_gate_rows(SAFE),
    ({"place": "home"}, GateOutcome.CALL_11414, "scene_examination", "may need a forensic examination"),
    ({"place": "holiday_home"}, GateOutcome.CALL_11414, "scene_examination", "may need a forensic examination"),
    ({"place": "business"}, GateOutcome.CALL_11414, "scene_examination", "may need a forensic examination"),
    ({"place": "other"}, GateOutcome.CALL_11414, "other_place", "Other break-ins are reported to a police officer"),
    # Issue 11: a garage break-in where a car and a passport were taken is not an online case.
    ({"vehicle": "yes"}, GateOutcome.CALL_11414, "vehicle_stolen", "posted as wanted at once"),
    ({"id_document": "yes"}, GateOutcome.CALL_11414, "id_document_stolen", "must be blocked at once"),
    ({"place": "shed_garage", "vehicle": "yes", "id_document": "yes"}, GateOutcome.CALL_11414, "vehicle_stolen",
     "posted as wanted"),
    # The most urgent outcome wins when several rules match.
    ({"place": "home", "in_progress": "yes"}, GateOutcome.CALL_112, "in_progress", "happening now"),
]


@pytest.mark.parametrize(("answers", "outcome", "rule", "reason"), ROWS)
def test_burglary_gate_rule(answers, outcome, rule, reason):
    with translation.override("en"):
        result = evaluate(BURGLARY.rules, {**SAFE, **answers})
        assert (result.kind, result.rule) == (outcome, rule)
        assert reason in str(result.reason)


@pytest.mark.parametrize("place", ["storage", "shed_garage", "vehicle", "boat"])
def test_burglary_places_that_suit_the_e_service(place):
    assert evaluate(BURGLARY.rules, {**SAFE, "place": place}).kind == GateOutcome.E_SERVICE


def test_every_place_choice_is_decided():
    """No place is left out by accident: each choice is either online or sent to 114 14 by a rule."""
    choices = {value for value, _label in BURGLARY.questions[2].choices}
    online = {p for p in choices if evaluate(BURGLARY.rules, {**SAFE, "place": p}).suits_e_service}
    assert online == {"storage", "shed_garage", "vehicle", "boat"}


def test_every_burglary_rule_is_covered_by_a_row():
    covered = {"in_progress", "danger", "violence", "protected_identity", "no_identity_number", "weapon",
               "knows_suspect", "scene_examination", "other_place", "vehicle_stolen", "id_document_stolen"}
    assert {rule.id for rule in BURGLARY.rules} == covered
    assert rule_ids(ROWS) == covered
