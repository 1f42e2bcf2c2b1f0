"""Tips (lämna tips): tell the police about a crime, anonymously if you want.

No identity questions: the person leaves contact details only if they choose to, on a step
shown only after they said so (decided on the server, from the stored answer).
"""
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Service, Step, register
from reports.catalogue.common import URGENT_QUESTIONS, URGENT_RULES, answered
from reports.constants import Destination, ServiceGroup
from reports.forms.attachments import TipFilesForm
from reports.forms.common import ConfirmForm
from reports.forms.crime import ContactChoiceForm, TipContactForm, TipForm
from reports.gate import YES

TIPS = register(
    Service(
        slug="tips",
        group=ServiceGroup.TIP,
        order=10,
        title=_("Leave a tip"),
        summary=_("You know something about a crime or suspect one, for example drug dealing in your area. "
                  "You can be anonymous."),
        call_instead=_("Call 112 if it is happening now or someone is in danger."),
        questions=URGENT_QUESTIONS,
        rules=URGENT_RULES,
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
