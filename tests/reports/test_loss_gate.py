"""Every loss gate rule, with its outcome and reason; only the shared rules that fit a loss."""
import pytest
from django.utils import translation

from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import evaluate
from tests.reports.gate_rows import rule_ids, shared_gate_rows
from tests.reports.helpers import pass_gate

LOSS = registry["forlust"]
SAFE = {
    "id_document": "no",
    "driving_licence": "no",
    "weapon": "no",
    "protected_identity": "no",
    "has_identity_number": "yes",
}


ROWS = [
    *shared_gate_rows(SAFE),
    ({"id_document": "yes"}, GateOutcome.CALL_11414, "id_document_lost", "passport or national ID card"),
    ({"driving_licence": "yes"}, GateOutcome.ELSEWHERE, "driving_licence_lost", "Swedish Transport Agency"),
    # A lost passport needs the police even if a driving licence was lost with it.
    ({"driving_licence": "yes", "id_document": "yes"}, GateOutcome.CALL_11414, "id_document_lost", "passport"),
]


@pytest.mark.parametrize(("answers", "outcome", "rule", "reason"), ROWS)
def test_loss_gate_rule(answers, outcome, rule, reason):
    with translation.override("en"):
        result = evaluate(LOSS.rules, {**SAFE, **answers})
        assert (result.kind, result.rule) == (outcome, rule)
        assert reason in str(result.reason)


def test_every_loss_rule_is_covered_by_a_row():
    covered = {"protected_identity", "no_identity_number", "weapon", "id_document_lost", "driving_licence_lost"}
    assert {rule.id for rule in LOSS.rules} == covered
    assert rule_ids(ROWS) == covered


def test_a_loss_asks_nothing_about_an_offender_or_an_ongoing_crime():
    assert not {"in_progress", "danger", "violence", "knows_suspect"} & {q.id for q in LOSS.questions}


@pytest.mark.django_db
def test_lost_driving_licence_page_links_to_the_transport_agency(client):
    response = pass_gate(client, "forlust", {**SAFE, "driving_licence": "yes"}, "/en")
    page = client.get(response["Location"]).content.decode()
    assert "This is not handled by the police" in page
    assert 'href="https://www.transportstyrelsen.se/"' in page
