"""docs/services.md lists, per service, every gate question and the outcome of each answer; this
checks that the table in the file and the catalogue agree, and that the outcomes it states are
what the gate decides."""
import re

import pytest

from reports.catalogue import registry
from reports.catalogue._table import DOCS_FILE, docs_table, gate_table_markdown, gate_table_rows
from reports.constants import GateOutcome
from reports.gate import evaluate
from tests.reports.test_gate_safety import safe_answers


def test_the_table_in_the_docs_is_the_catalogues():
    text = DOCS_FILE.read_text(encoding="utf-8")
    assert docs_table(text) == gate_table_markdown(), (
        "docs/services.md and the catalogue disagree: run `manage.py gate_table --write`"
    )


def test_every_question_and_every_answer_has_a_row():
    rows = {(slug, answer) for slug, _question, answer, _outcome in gate_table_rows()}
    for service in registry:
        for question in service.questions:
            for value, _label in question.choices:
                assert any(slug == service.slug and answer.endswith(f"(`{value}`)") for slug, answer in rows)


def _rows_by_question():
    for slug, _question_text, answer, outcome in gate_table_rows():
        if _question_text == "combined answers":
            continue
        service = registry[slug]
        value = re.search(r"\(`([^`]+)`\)$", answer).group(1)
        question = re.search(r"\(`([^`]+)`\)$", _question_text).group(1)
        yield pytest.param(service, question, value, outcome, id=f"{slug}-{question}-{value}")


@pytest.mark.parametrize(("service", "question", "value", "outcome"), list(_rows_by_question()))
def test_each_stated_outcome_is_what_the_gate_decides(service, question, value, outcome):
    """The safe answers with this one answer changed give the outcome and rule the row states."""
    result = evaluate(service.rules, {**safe_answers(service), question: value})
    if outcome == GateOutcome.E_SERVICE:
        combined = {rule.id for rule in service.rules if rule.test is not None}  # their own rows
        assert result.kind == GateOutcome.E_SERVICE and set(result.rules) <= combined
        return
    first = outcome.split(";")[0]
    kind, rule = re.match(r"(\w+)(?: \(warning\))? `(\w+)`", first).groups()
    assert (result.kind, result.rule) == (kind if "(warning)" not in first else GateOutcome.E_SERVICE, rule)
