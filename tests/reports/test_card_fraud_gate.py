"""Every card-fraud gate rule, with its outcome and reason; the prerequisite leads back."""
import pytest
from django.utils import translation

from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import evaluate
from tests.reports.gate_rows import SHARED_SAFE_ANSWERS, rule_ids, shared_gate_rows
from tests.reports.helpers import pass_gate

CARD_FRAUD = registry["kortbedrageri"]
SAFE = {
    **SHARED_SAFE_ANSWERS,
    "card_blocked": "yes",
    "details_by_phone": "no",
}


ROWS = [
    *shared_gate_rows(SAFE),
    ({"details_by_phone": "yes"}, GateOutcome.CALL_11414, "details_by_phone", "Fraud by phone"),
    ({"card_blocked": "no"}, GateOutcome.PREREQUISITE, "card_not_blocked", "Block the card with your bank"),
    # A phone fraud needs a person even before the card is blocked: 114 14 outranks the prerequisite.
    ({"card_blocked": "no", "details_by_phone": "yes"}, GateOutcome.CALL_11414, "details_by_phone", "by phone"),
]


@pytest.mark.parametrize(("answers", "outcome", "rule", "reason"), ROWS)
def test_card_fraud_gate_rule(answers, outcome, rule, reason):
    with translation.override("en"):
        result = evaluate(CARD_FRAUD.rules, {**SAFE, **answers})
        assert (result.kind, result.rule) == (outcome, rule)
        assert reason in str(result.reason)


def test_every_card_fraud_rule_is_covered_by_a_row():
    covered = {"in_progress", "danger", "violence", "protected_identity", "no_identity_number", "weapon",
               "knows_suspect", "details_by_phone", "card_not_blocked"}
    assert {rule.id for rule in CARD_FRAUD.rules} == covered
    assert rule_ids(ROWS) == covered


@pytest.mark.django_db
def test_unblocked_card_page_says_what_to_do_and_leads_back_to_the_form(client):
    response = pass_gate(client, "kortbedrageri", {**SAFE, "card_blocked": "no"}, "/en")
    assert response["Location"] == "/en/kortbedrageri/besked/"
    page = client.get(response["Location"]).content.decode()
    assert "Block the card with your bank" in page
    assert 'href="/en/kortbedrageri/"' in page  # back to the questions once the card is blocked
    assert client.get("/en/kortbedrageri/steg/")["Location"] == "/en/kortbedrageri/"
    response = pass_gate(client, "kortbedrageri", SAFE, "/en")  # blocked now: the form opens
    assert response["Location"] == "/en/kortbedrageri/steg/"
