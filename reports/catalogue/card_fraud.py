"""Card fraud (kontokortsbedrägeri): someone used your card or its details without permission.

The card must be blocked with the bank before the report (the prerequisite outcome), and
only its last four digits are asked for; a whole card number typed in any free text is
masked by the wizard's answers (reports.wizard.answers) before it is stored, logged, e-mailed or delivered.
"""
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Step, register
from reports.catalogue.common import (
    IDENTITY_QUESTIONS,
    KNOWS_SUSPECT,
    PERSON_RULES,
    URGENT_QUESTIONS,
    URGENT_RULES,
    VIOLENCE,
    crime_report,
    weapon_question,
)
from reports.constants import GateOutcome
from reports.forms.attachments import ScreenshotsForm
from reports.forms.card_fraud import CardForm, CardFraudWhenWhereForm, TransactionFormSet
from reports.gate import NO, Question, Rule

CARD_FRAUD = register(
    crime_report(
        slug="kortbedrageri",
        victim_support=True,
        order=30,
        title=_("Report card fraud"),
        summary=_("Someone used your bank card or its details to pay or withdraw money without your permission."),
        call_instead=_(
            "Block the card with your bank first. Call 114 14 if you gave your card details to someone who "
            "phoned you."
        ),
        questions=(
            *URGENT_QUESTIONS,
            Question(
                id="card_blocked",
                label=_("Have you blocked the card with your bank?"),
                help_text=_(
                    "Your bank or card issuer blocks the card, usually around the clock by phone or in its app."
                ),
            ),
            Question(
                id="details_by_phone",
                label=_("Did you give your card details or a security code to someone who phoned you?"),
            ),
            VIOLENCE,
            weapon_question(_("Were firearms, ammunition or explosives stolen at the same time?")),
            KNOWS_SUSPECT,
            *IDENTITY_QUESTIONS,
        ),
        rules=(
            *URGENT_RULES,
            *PERSON_RULES,
            Rule(
                id="details_by_phone",
                question="details_by_phone",
                outcome=GateOutcome.CALL_11414,
                reason=_(
                    "Fraud by phone, where someone got you to give your card details, is reported to a police "
                    "officer."
                ),
                advice=_(
                    "Have the phone number that called you, the time of the call and your bank statement at hand."
                ),
            ),
            Rule(
                id="card_not_blocked",
                question="card_blocked",
                answers=frozenset({NO}),
                outcome=GateOutcome.PREREQUISITE,
                reason=_("Block the card with your bank or card issuer first, so that it cannot be used again."),
                advice=_("When the card is blocked, come back and answer the questions again."),
            ),
        ),
        steps=(
            Step("nar-var", _("When it happened"), CardFraudWhenWhereForm),
            Step("kortet", _("The card"), CardForm),
            Step("transaktioner", _("The transactions"), TransactionFormSet),
            Step("bilagor", _("Screenshots and statements"), ScreenshotsForm),
        ),
        reference_prefix="KBR",
        case_number_use=_(
            "You will get an e-mail with the case number: give it to your bank when you ask for your money back."
        ),
    )
)
