"""Vandalism (skadegörelse): damage to a vehicle, a building or other property, or graffiti.

The owner or their representative (a caretaker, a board member) reports; the police need to
reach the owner too, so the owner's details are asked when the reporter is not the owner.
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
from reports.forms.attachments import DamagePhotosForm
from reports.forms.common import WhenWhereForm
from reports.forms.vandalism import OwnerForm, VandalismDamageForm

VANDALISM = register(
    crime_report(
        slug="skadegorelse",
        order=50,
        title=_("Report vandalism"),
        summary=_("Someone damaged a vehicle, a building or other property, or sprayed graffiti."),
        call_instead=_(
            "Call 112 if it is happening now or if the damage puts anyone in danger, for example a fire. "
            "Call 114 14 if you know who did it."
        ),
        questions=(
            *URGENT_QUESTIONS,
            VIOLENCE,
            weapon_question(_("Were firearms, ammunition or explosives stolen or used?")),
            KNOWS_SUSPECT,
            *IDENTITY_QUESTIONS,
        ),
        rules=(*URGENT_RULES, *PERSON_RULES),
        steps=(
            Step("nar-var", _("When and where"), WhenWhereForm),
            Step("skadan", _("The damage"), VandalismDamageForm),
            Step("bilagor", _("Photos"), DamagePhotosForm),
            Step("agare", _("The owner"), OwnerForm),
        ),
        reference_prefix="SKD",
        case_number_use=_(
            "You will get an e-mail with the case number, which your insurance company or landlord will ask for."
        ),
    )
)
