"""The gate: does a case suit the e-service, or must the person call 112 or 114 14?

Pure evaluation with no I/O: answers in, an ``Outcome`` out. Rules are data, written in
each service's catalogue module, so that a policy owner can read them; every rule that
sends a person elsewhere carries the reason the page shows.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from reports.constants import GateOutcome

YES = "yes"
NO = "no"
YES_NO = ((YES, _("Yes")), (NO, _("No")))

# When several rules match, the most urgent outcome wins; within one outcome, the first rule.
OUTCOME_PRIORITY = (
    GateOutcome.CALL_112,
    GateOutcome.CALL_11414,
    GateOutcome.ELSEWHERE,
    GateOutcome.PREREQUISITE,
)


@dataclass(frozen=True)
class Question:
    """One question asked before the form. ``choices`` default to yes/no."""

    id: str
    label: str
    help_text: str = ""
    choices: tuple[tuple[str, str], ...] = YES_NO


@dataclass(frozen=True)
class Rule:
    """If ``question`` was answered with one of ``answers`` (or ``test`` says so): ``outcome``.

    ``reason`` is shown to the person; ``advice`` says what to have ready or where to go;
    ``link`` is an optional (url, label) pair for another authority's service.
    """

    id: str
    outcome: GateOutcome
    reason: str
    question: str = ""
    answers: frozenset[str] = frozenset({YES})
    advice: str = ""
    link: tuple[str, str] | None = None
    test: Callable[[Mapping[str, str]], bool] | None = field(default=None, compare=False)

    def applies(self, answers: Mapping[str, str]) -> bool:
        if self.test is not None:
            return bool(self.test(answers))
        return answers.get(self.question) in self.answers


@dataclass(frozen=True)
class Outcome:
    kind: GateOutcome
    rule: str = ""
    reason: str = ""
    advice: str = ""
    link: tuple[str, str] | None = None

    @property
    def suits_e_service(self) -> bool:
        return self.kind == GateOutcome.E_SERVICE


def evaluate(rules: tuple[Rule, ...], answers: Mapping[str, str]) -> Outcome:
    """Return the outcome for ``answers``: the most urgent matching rule, else the e-service."""
    matching = [rule for rule in rules if rule.applies(answers)]
    if not matching:
        return Outcome(kind=GateOutcome.E_SERVICE)
    rule = min(matching, key=lambda r: (OUTCOME_PRIORITY.index(r.outcome), rules.index(r)))
    return Outcome(kind=rule.outcome, rule=rule.id, reason=rule.reason, advice=rule.advice, link=rule.link)
