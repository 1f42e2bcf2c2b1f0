"""Burglary (inbrott), some types: storage rooms, sheds and garages, vehicles and boats.

A break-in into a home, a holiday home or business premises is reported by phone: the
scene may need a forensic examination, which a police officer must decide on at once.
"""
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Step, register
from reports.catalogue.common import (
    HAVE_READY,
    IDENTITY_QUESTIONS,
    KNOWS_SUSPECT,
    PERSON_RULES,
    STOLEN_PROPERTY_QUESTIONS,
    STOLEN_PROPERTY_RULES,
    URGENT_QUESTIONS,
    URGENT_RULES,
    VIOLENCE,
    answered,
    crime_report,
    weapon_question,
)
from reports.constants import GateOutcome
from reports.forms.attachments import BurglaryPhotosForm
from reports.forms.burglary import BreakInForm
from reports.forms.common import ItemFormSet, WhenWhereForm
from reports.gate import YES, Question, Rule

PLACE_QUESTION = Question(
    id="place",
    label=_("Where was the break-in?"),
    help_text=_("A storage room, attic or garage that you can reach from inside your home counts as the home."),
    choices=(
        ("storage", _("Storage room, attic or basement")),
        ("shed_garage", _("Shed or garage")),
        ("vehicle", _("Car or other vehicle")),
        ("boat", _("Boat")),
        ("home", _("Home (house or flat)")),
        ("holiday_home", _("Holiday home")),
        ("business", _("Business premises, such as a shop, office or workshop")),
        ("other", _("Somewhere else")),
    ),
)

BURGLARY = register(
    crime_report(
        slug="inbrott",
        victim_support=True,
        order=20,
        title=_("Report a burglary"),
        summary=_("Someone broke into your storage room, attic, basement, shed, garage, vehicle or boat."),
        call_instead=_(
            "Call 112 if it is happening now. Call 114 14 after a break-in into a home, holiday home or "
            "business premises, or if a vehicle, a number plate, a passport or an ID card was taken."
        ),
        questions=(
            *URGENT_QUESTIONS,
            PLACE_QUESTION,
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
            Rule(
                id="scene_examination",
                question="place",
                answers=frozenset({"home", "holiday_home", "business"}),
                outcome=GateOutcome.CALL_11414,
                reason=_(
                    "After a break-in into a home, holiday home or business premises, the scene may need a "
                    "forensic examination."
                ),
                advice=_("Touch as little as possible where they got in until you have talked to the police."),
            ),
            Rule(
                id="other_place",
                question="place",
                answers=frozenset({"other"}),
                outcome=GateOutcome.CALL_11414,
                reason=_(
                    "The e-service is for break-ins into storage rooms, attics, basements, sheds, garages, "
                    "vehicles and boats. Other break-ins are reported to a police officer."
                ),
                advice=HAVE_READY,
            ),
        ),
        steps=(
            Step("nar-var", _("When and where"), WhenWhereForm),
            Step("inbrottet", _("The break-in"), BreakInForm),
            Step("foremal", _("What was taken"), ItemFormSet, condition=answered("inbrottet", "anything_taken", YES)),
            Step("bilagor", _("Photos"), BurglaryPhotosForm),
        ),
        reference_prefix="INB",
    )
)
