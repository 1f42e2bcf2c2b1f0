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
# The outcomes that send the person to the phone instead of the e-service.
PHONE_OUTCOMES = frozenset({GateOutcome.CALL_112, GateOutcome.CALL_11414})


def more_urgent_phone(outcome: str, than: str) -> bool:
    """Whether ``outcome`` sends the person to the phone and ``than`` does not, or less urgently
    (112 before 114 14): the one of two gate tries to remember."""
    return outcome in PHONE_OUTCOMES and (
        than not in PHONE_OUTCOMES or OUTCOME_PRIORITY.index(outcome) < OUTCOME_PRIORITY.index(than)
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
    ``link`` is an optional (url, label) pair for another authority's service; ``heading``
    (optional) is the outcome page's heading, so that it says truthfully where the person
    goes (a police paper form is still the police). A rule whose outcome is ``e_service`` is
    a warning: the person continues to the form and sees the reason there.
    """

    id: str
    outcome: GateOutcome
    reason: str
    question: str = ""
    answers: frozenset[str] = frozenset({YES})
    advice: str = ""
    link: tuple[str, str] | None = None
    heading: str = ""
    test: Callable[[Mapping[str, str]], bool] | None = field(default=None, compare=False)

    def applies(self, answers: Mapping[str, str]) -> bool:
        if self.test is not None:
            return bool(self.test(answers))
        return answers.get(self.question) in self.answers

    @property
    def is_warning(self) -> bool:
        return self.outcome == GateOutcome.E_SERVICE


@dataclass(frozen=True)
class Outcome:
    """The winning rule's outcome; ``also`` holds every other rule that matched (their advice
    is shown too: a card not blocked *and* details given by phone needs both)."""

    kind: GateOutcome
    rule: str = ""
    reason: str = ""
    advice: str = ""
    link: tuple[str, str] | None = None
    heading: str = ""
    also: tuple[Rule, ...] = ()

    @property
    def suits_e_service(self) -> bool:
        return self.kind == GateOutcome.E_SERVICE

    @property
    def rules(self) -> tuple[str, ...]:
        """The ids of every rule that matched, the winning one first."""
        return tuple(r for r in (self.rule, *(rule.id for rule in self.also)) if r)


def outcome_of(rules: tuple[Rule, ...], matching: list[Rule]) -> Outcome:
    """The outcome when ``matching`` rules apply: the most urgent wins, the rest come along.

    Only warnings (``e_service`` rules) or nothing: the e-service, the first warning as the rule.
    """
    if not matching:
        return Outcome(kind=GateOutcome.E_SERVICE)
    blocking = [rule for rule in matching if not rule.is_warning]
    if blocking:
        rule = min(blocking, key=lambda r: (OUTCOME_PRIORITY.index(r.outcome), rules.index(r)))
    else:
        rule = matching[0]
    return Outcome(
        kind=rule.outcome, rule=rule.id, reason=rule.reason, advice=rule.advice, link=rule.link,
        heading=rule.heading, also=tuple(r for r in matching if r is not rule),
    )


def evaluate(rules: tuple[Rule, ...], answers: Mapping[str, str]) -> Outcome:
    """Return the outcome for ``answers``: the most urgent matching rule, else the e-service."""
    return outcome_of(rules, [rule for rule in rules if rule.applies(answers)])


def evaluate_urgent(rules: tuple[Rule, ...], answers: Mapping[str, str]) -> Outcome | None:
    """The 112 outcome if a 112 rule already applies to the questions answered so far, else None.

    The gate asks this before it complains about unanswered questions: a person in danger who
    answered only "happening now: yes" must see "Call 112" at once.
    """
    urgent = [
        rule for rule in rules
        if rule.outcome == GateOutcome.CALL_112 and rule.test is None and rule.applies(answers)
    ]
    return outcome_of(rules, urgent) if urgent else None
