"""Tips (lämna tips): tell the police about a crime, anonymously if you want.

No identity questions: the person leaves contact details only if they choose to, on a step
shown only after they said so (decided on the server, from the stored answer).
"""
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Service, Step, register
from reports.catalogue.common import URGENT_QUESTIONS, URGENT_RULES, answered
from reports.constants import Destination, GateOutcome, ServiceGroup
from reports.forms.attachments import TipFilesForm
from reports.forms.common import ConfirmForm
from reports.forms.tips import ContactChoiceForm, TipContactForm, TipForm
from reports.gate import NO, YES, Question, Rule

PLANNED_SOON, PLANNED_LATER = "soon", "later"

# A tip about a crime that is about to happen is never queued: a queue is read in days.
PLANNED = Question(
    id="planned",
    label=_("Is the tip about a crime that someone plans to commit, for example a shooting, a fight or a "
            "break-in that has not happened yet?"),
    choices=(
        (PLANNED_SOON, _("Yes, it may happen within the next few days")),
        (PLANNED_LATER, _("Yes, but later, or I do not know when")),
        (NO, _("No")),
    ),
)
PLANNED_RULES = (
    Rule(
        id="planned_soon",
        question="planned",
        answers=frozenset({PLANNED_SOON}),
        outcome=GateOutcome.CALL_112,
        reason=_("A crime that is planned for the next few days may still be prevented. The police must know "
                 "at once, not when a tip is read from a queue."),
    ),
    Rule(
        id="planned_later",
        question="planned",
        answers=frozenset({PLANNED_LATER}),
        outcome=GateOutcome.CALL_11414,
        reason=_("A planned crime must be assessed by a police officer now, so that it can be prevented. Tell them "
                 "what you know on the phone; you can still be anonymous."),
        advice=_("Have ready what you know: who, what, where and when."),
    ),
)

TIPS = register(
    Service(
        slug="tips",
        group=ServiceGroup.TIP,
        order=10,
        title=_("Leave a tip"),
        summary=_("You know something about a crime or suspect one, for example drug dealing in your area. "
                  "You can be anonymous."),
        call_instead=_("Call 112 if it is happening now, someone is in danger or a crime is about to happen."),
        questions=(*URGENT_QUESTIONS, PLANNED),
        rules=(*URGENT_RULES, *PLANNED_RULES),
        steps=(
            Step("tipset", _("Your tip"), TipForm),
            Step("bilagor", _("Attachments"), TipFilesForm),
            Step("kontakt-val", _("Contact details"), ContactChoiceForm),
            Step("kontakt", _("Your contact details"), TipContactForm, condition=answered("kontakt-val",
                                                                                          "wants_contact", YES)),
            Step("granska", _("Check your answers"), ConfirmForm),
        ),
        destination=Destination.TIPS,
        reference_prefix="TIP",
        anonymous=True,
        receipt_text=_(
            "Thank you for your tip. The police read every tip, but cannot tell you what happens with it. "
            "If you left contact details, the police may contact you."
        ),
    )
)
