"""Gate questions, rules and steps that every crime report shares (../shared/SERVICES.md), and the
``answered`` step condition that any service uses."""
from collections.abc import Callable
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Service, Step
from reports.constants import Destination, GateOutcome, ServiceGroup
from reports.forms.common import ConfirmForm, ReporterForm
from reports.gate import NO, Question, Rule

IN_PROGRESS = Question(
    id="in_progress",
    label=_("Is the crime happening now, or did it just happen so that the person who did it may still be nearby?"),
)
DANGER = Question(id="danger", label=_("Is anyone injured, or is anyone or any property in danger right now?"))
VIOLENCE = Question(id="violence", label=_("Did it involve violence, threats or a sexual offence?"))
PROTECTED_IDENTITY = Question(
    id="protected_identity",
    label=_("Do you have protected personal data (skyddade personuppgifter)?"),
)
HAS_IDENTITY_NUMBER = Question(
    id="has_identity_number",
    label=_("Do you have a Swedish personal identity number or coordination number?"),
)
KNOWS_SUSPECT = Question(
    id="knows_suspect", label=_("Do you know who did it, for example their name or address?")
)


VEHICLE = Question(
    id="vehicle",
    label=_("Was a car, motorcycle, moped, boat, trailer, snowmobile, ATV or number plate stolen?"),
    help_text=_("Also if it was taken together with other things, for example from a garage."),
)
ID_DOCUMENT = Question(id="id_document", label=_("Was a passport or national ID card stolen?"))


def weapon_question(label: str) -> Question:
    """The question of the shared ``weapon`` rule, worded for the service (stolen, lost, ...)."""
    return Question(id="weapon", label=label)


URGENT_QUESTIONS = (IN_PROGRESS, DANGER)
IDENTITY_QUESTIONS = (PROTECTED_IDENTITY, HAS_IDENTITY_NUMBER)

HAVE_READY = _("Have your personal identity number at hand, and any serial numbers or receipts.")

URGENT_RULES = (
    Rule(
        id="in_progress",
        question="in_progress",
        outcome=GateOutcome.CALL_112,
        reason=_("The crime is happening now or has just happened. The police may be able to act at once."),
    ),
    Rule(
        id="danger",
        question="danger",
        outcome=GateOutcome.CALL_112,
        reason=_("Someone is injured or someone or something is in danger."),
    ),
)

PERSON_RULES = (
    Rule(
        id="violence",
        question="violence",
        outcome=GateOutcome.CALL_11414,
        reason=_("Crimes involving violence, threats or sexual offences are reported to a police officer."),
        advice=HAVE_READY,
    ),
    Rule(
        id="protected_identity",
        question="protected_identity",
        outcome=GateOutcome.CALL_11414,
        reason=_("People with protected personal data report by phone, so that their details stay protected."),
        advice=HAVE_READY,
    ),
    Rule(
        id="no_identity_number",
        question="has_identity_number",
        answers=frozenset({NO}),
        outcome=GateOutcome.CALL_11414,
        reason=_("The e-service needs a Swedish personal identity number or coordination number."),
        advice=_("Have your passport or other identity document at hand."),
    ),
    Rule(
        id="weapon",
        question="weapon",
        outcome=GateOutcome.CALL_11414,
        reason=_("Firearms, ammunition and explosives must be reported to a police officer at once."),
        advice=_("Have the weapon's licence and serial number at hand."),
    ),
    Rule(
        id="knows_suspect",
        question="knows_suspect",
        outcome=GateOutcome.CALL_11414,
        reason=_("When you know who did it, a police officer needs to take your report."),
        advice=HAVE_READY,
    ),
)


# Every service where property is taken (theft, burglary) asks these: a stolen vehicle must be
# posted as wanted, a stolen identity document blocked, at once.
STOLEN_PROPERTY_QUESTIONS = (VEHICLE, ID_DOCUMENT)
STOLEN_PROPERTY_RULES = (
    Rule(
        id="vehicle_stolen",
        question="vehicle",
        outcome=GateOutcome.CALL_11414,
        reason=_("A stolen vehicle or number plate must be posted as wanted at once."),
        advice=_("Have the registration number at hand."),
    ),
    Rule(
        id="id_document_stolen",
        question="id_document",
        outcome=GateOutcome.CALL_11414,
        reason=_("A stolen passport or national ID card must be blocked at once."),
        advice=HAVE_READY,
    ),
)


def person_rules(*ids: str) -> tuple[Rule, ...]:
    """The shared ``PERSON_RULES`` with these ids, in their usual order.

    For a service where only some of them make sense (a loss has no offender); a service
    must ask the question of every rule it uses.
    """
    unknown = set(ids) - {rule.id for rule in PERSON_RULES}
    if unknown:
        raise ValueError(f"No shared person rule with the id(s) {sorted(unknown)}.")
    return tuple(rule for rule in PERSON_RULES if rule.id in ids)


# The receipt of a crime report: what happens to it (one sentence for every crime report),
# then what the case number in the e-mail is for (the service's own sentence).
CRIME_REPORT_RECEIVED = _(
    "Your report has been received. A police officer reads it, usually within two working days, and "
    "registers it as a crime report."
)
CASE_NUMBER_FOR_INSURANCE = _(
    "You will get an e-mail with the case number, which your insurance company will ask for."
)


def sentences_joined(*sentences) -> Promise:
    """A ``Service.receipt_text`` made of translated sentences, each its own catalogue entry."""
    return format_lazy(" ".join("{}" for _sentence in sentences), *sentences)




# The last steps of every crime report: the reporter's details, then the check page.
CLOSING_STEPS = (
    Step("om-dig", _("About you"), ReporterForm),
    Step("granska", _("Check your answers"), ConfirmForm),
)


def crime_receipt(case_number_use: Promise = CASE_NUMBER_FOR_INSURANCE) -> Promise:
    """The receipt text of a crime report: the shared sentence, then what the case number is for."""
    return sentences_joined(CRIME_REPORT_RECEIVED, case_number_use)


def crime_report(*, steps: tuple[Step, ...], case_number_use: Promise = CASE_NUMBER_FOR_INSURANCE, **fields) -> Service:
    """The catalogue entry of a crime report: a report sent to the crime-report queue, its own
    steps followed by the ``CLOSING_STEPS``, and the receipt every crime report gives
    (``crime_receipt``); ``fields`` are the rest of the ``Service``."""
    return Service(
        group=ServiceGroup.REPORT,
        steps=(*steps, *CLOSING_STEPS),
        destination=Destination.CRIME_REPORTS,
        receipt_text=crime_receipt(case_number_use),
        **fields,
    )


def answered(step: str, field: str, value: str) -> Callable[[Any], bool]:
    """A ``Step.condition``: show the step only if ``field`` of ``step`` was answered ``value``.

    Evaluated on the server from the stored, re-validated answers of ``step``, so a step
    hidden by an earlier answer is neither shown nor stored.
    """

    def condition(wizard) -> bool:
        return (wizard.get_cleaned_data_for_step(step) or {}).get(field) == value

    return condition
