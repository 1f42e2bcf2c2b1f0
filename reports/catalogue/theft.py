"""Theft (stöld): the first e-service of the catalogue."""
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Step, register
from reports.catalogue.common import (
    IDENTITY_QUESTIONS,
    KNOWS_SUSPECT,
    PERSON_RULES,
    STOLEN_PROPERTY_QUESTIONS,
    STOLEN_PROPERTY_RULES,
    URGENT_QUESTIONS,
    URGENT_RULES,
    VIOLENCE,
    crime_report,
    weapon_question,
)
from reports.forms.attachments import ReceiptsForm
from reports.forms.common import ItemFormSet, WhenWhereForm

THEFT = register(
    crime_report(
        slug="stold",
        order=10,
        title=_("Report a theft"),
        summary=_("Something was stolen from you, for example a bicycle, a phone, a wallet or a bag."),
        call_instead=_(
            "Call 112 if it is happening now. Call 114 14 if a vehicle, a number plate, a passport or an ID "
            "card was stolen."
        ),
        questions=(
            *URGENT_QUESTIONS,
            VIOLENCE,
            *STOLEN_PROPERTY_QUESTIONS,
            weapon_question(_("Were firearms, ammunition or explosives stolen?")),
            KNOWS_SUSPECT,
            *IDENTITY_QUESTIONS,
        ),
        rules=(
            *URGENT_RULES,
            *PERSON_RULES,
            *STOLEN_PROPERTY_RULES,
        ),
        steps=(
            Step("nar-var", _("When and where"), WhenWhereForm),
            Step("foremal", _("What was stolen"), ItemFormSet),
            Step("bilagor", _("Receipts and photos"), ReceiptsForm),
        ),
        reference_prefix="STL",
        case_number_use=_(
            "You will get an e-mail with the case number. You need the case number when you contact your "
            "insurance company."
        ),
    )
)
