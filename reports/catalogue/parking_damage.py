"""Parking damage (parkeringsskada): someone damaged your parked vehicle and left."""
from dataclasses import replace

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
from reports.forms.parking_damage import ParkedVehicleForm, ParkingDamageForm

PARKING_DAMAGE = register(
    crime_report(
        slug="parkeringsskada",
        order=60,
        title=_("Report damage to a parked vehicle"),
        summary=_("Someone drove into or damaged your parked vehicle and left without leaving their details."),
        call_instead=_("Call 112 if anyone is injured. Call 114 14 if you know who did it."),
        questions=(
            *URGENT_QUESTIONS,
            VIOLENCE,
            weapon_question(_("Were firearms, ammunition or explosives stolen from the vehicle?")),
            replace(
                KNOWS_SUSPECT,
                help_text=_("The other vehicle's registration number alone does not count: give it in the form."),
            ),
            *IDENTITY_QUESTIONS,
        ),
        rules=(*URGENT_RULES, *PERSON_RULES),
        steps=(
            Step("fordonet", _("Your vehicle and where it was parked"), ParkedVehicleForm),
            Step("skadan", _("The damage"), ParkingDamageForm),
            Step("bilagor", _("Photos"), DamagePhotosForm),
        ),
        reference_prefix="PRK",
    )
)
