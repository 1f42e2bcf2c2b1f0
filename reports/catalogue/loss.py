"""Loss (förlust): something was lost, not stolen.

Which shared crime rules apply to a loss, and why:
- Nothing is "happening now" and there is no offender, so the 112 questions (in progress,
  danger) are not asked: someone in danger calls 112 whatever e-service they opened.
- Violence, threats and a known suspect imply that someone took the thing: that is a theft
  or a robbery, not a loss, and the theft e-service asks those questions.
- Protected personal data, no Swedish identity number and a lost weapon apply as to any
  report: the report is registered on the person, and a weapon must be traced at once.
"""
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Service, Step, register
from reports.catalogue.common import (
    CASE_NUMBER_FOR_INSURANCE,
    CLOSING_STEPS,
    HAVE_READY,
    IDENTITY_QUESTIONS,
    person_rules,
    sentences_joined,
    weapon_question,
)
from reports.constants import Destination, GateOutcome, ServiceGroup
from reports.forms.common import ItemFormSet, WhenWhereForm
from reports.gate import Question, Rule

TRANSPORT_AGENCY_URL = "https://www.transportstyrelsen.se/"

LOSS = register(
    Service(
        slug="forlust",
        group=ServiceGroup.REPORT,
        order=40,
        title=_("Report a loss"),
        # Not keys: the police do not take reports of lost keys (ask the landlord or the lock owner).
        summary=_("You have lost something, for example a phone, a wallet or a bag, and it was not stolen. "
                  "Lost keys are not reported to the police."),
        call_instead=_(
            "Call 114 14 if you lost a passport, a national ID card or a weapon. A lost driving licence is "
            "reported to the Swedish Transport Agency."
        ),
        questions=(
            Question(id="id_document", label=_("Did you lose a passport or national ID card?")),
            Question(id="driving_licence", label=_("Did you lose a driving licence?")),
            weapon_question(_("Did you lose a firearm, ammunition or explosives?")),
            *IDENTITY_QUESTIONS,
        ),
        rules=(
            *person_rules("protected_identity", "no_identity_number", "weapon"),
            Rule(
                id="id_document_lost",
                question="id_document",
                outcome=GateOutcome.CALL_11414,
                reason=_("A lost passport or national ID card must be reported to a police officer, who blocks it."),
                advice=HAVE_READY,
            ),
            Rule(
                id="driving_licence_lost",
                question="driving_licence",
                outcome=GateOutcome.ELSEWHERE,
                reason=_("A lost driving licence is reported to the Swedish Transport Agency (Transportstyrelsen), "
                         "not to the police."),
                advice=_("If you lost other things as well, come back and report them here afterwards."),
                link=(TRANSPORT_AGENCY_URL, _("Report a lost driving licence at transportstyrelsen.se")),
            ),
        ),
        steps=(
            Step("nar-var", _("When and where"), WhenWhereForm),
            Step("foremal", _("What was lost"), ItemFormSet),
            *CLOSING_STEPS,
        ),
        destination=Destination.CRIME_REPORTS,
        reference_prefix="FRL",
        receipt_text=sentences_joined(
            _("Your report of the loss has been received. If something you lost is handed in to the police, we "
              "contact you."),
            CASE_NUMBER_FOR_INSURANCE,
        ),
    )
)
