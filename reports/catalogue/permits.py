"""Permits (tillstånd): a public gathering or public event, use of a public place, a firearms licence.

Fees and lead times are data in ``extra`` (example figures, configurable: docs/apply.md); the
forms read them from the service, the gate questions quote them, so they are said once.
Gate rules are table-driven: an event that starts too soon is told so before the form.
"""
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Service, Step, register
from reports.catalogue.common import answered
from reports.catalogue.register_extract import HAS_EID
from reports.constants import Destination, GateOutcome, ServiceGroup
from reports.forms.common import IdentityContactForm
from reports.forms.permits import (
    CertificatesForm,
    EventForm,
    FeeConfirmForm,
    HuntingForm,
    OrganiserForm,
    PublicPlaceForm,
    SitePlanForm,
    TargetShootingForm,
    WeaponForm,
)
from reports.gate import NO, YES, Question, Rule

PAPER_FORM_HEADING = _("Apply to the police on the paper form")
FIREARMS_FORMS_LINK = ("https://polisen.se/tjanster-tillstand/vapen/", _("Forms for firearms licences on polisen.se"))

# Example figures: real fees and processing times are set by ordinance and vary (docs/apply.md).
# ``late_accepted``: a start sooner than the lead time is a warning, not an error (an application
# for a public gathering that comes in late is received; it may be dismissed).
PUBLIC_EVENT_TERMS = {
    "fee_sek": 700, "lead_days": 14, "large_lead_days": 56, "large_people": 1000, "late_accepted": True,
}
LARGE_EVENT_LEAD_WEEKS = PUBLIC_EVENT_TERMS["large_lead_days"] // 7
PUBLIC_PLACE_TERMS = {"fee_sek": 700, "lead_days": 14}
FIREARMS_TERMS = {"fee_sek": 400}

SOON, MEDIUM, LATER = "soon", "medium", "later"


def with_fee(text, terms: dict):
    """``text`` followed by the sentence that states the service's fee."""
    return format_lazy("{} {}", text, format_lazy(_("The fee is {fee} SEK."), fee=terms["fee_sek"]))


def _large_event_too_soon(answers) -> bool:
    """Expects a large event (`large` yes) and starts in less than 8 weeks (`starts_in` soon or medium)."""
    return answers.get("large") == YES and answers.get("starts_in") in {SOON, MEDIUM}


PUBLIC_EVENT = register(
    Service(
        slug="tillstand-allman-sammankomst",
        group=ServiceGroup.APPLY,
        order=30,
        title=_("Apply for a permit for a public gathering or public event"),
        summary=with_fee(
            _("For example a demonstration, a concert, a market or a sports event in a public place."),
            PUBLIC_EVENT_TERMS,
        ),
        call_instead=format_lazy(
            _("Apply at least {days} days before the event, and at least {weeks} weeks before for a large event."),
            days=PUBLIC_EVENT_TERMS["lead_days"], weeks=LARGE_EVENT_LEAD_WEEKS,
        ),
        questions=(
            Question(
                id="starts_in",
                label=_("When does the event start?"),
                choices=(
                    (SOON, format_lazy(_("In less than {days} days"), days=PUBLIC_EVENT_TERMS["lead_days"])),
                    (MEDIUM, format_lazy(
                        _("In {days} days to {weeks} weeks"),
                        days=PUBLIC_EVENT_TERMS["lead_days"], weeks=LARGE_EVENT_LEAD_WEEKS,
                    )),
                    (LATER, format_lazy(
                        _("In more than {weeks} weeks"), weeks=LARGE_EVENT_LEAD_WEEKS
                    )),
                ),
            ),
            Question(
                id="large",
                label=format_lazy(
                    _("Do you expect more than {people} people, or must streets be closed or traffic redirected?"),
                    people=PUBLIC_EVENT_TERMS["large_people"],
                ),
            ),
            Question(
                id="private",
                label=_("Is the event only for invited guests, such as a private party or a members' meeting?"),
            ),
        ),
        rules=(
            Rule(
                id="private_event",
                question="private",
                outcome=GateOutcome.ELSEWHERE,
                reason=_("A private event for invited guests needs no permit from the police."),
                advice=_("If you will use a public place for it, for example a park, ask the municipality."),
            ),
            # Warnings, not refusals: the police receive an application that comes in late (it may
            # be dismissed if there is no time to decide, but it is not turned away at the door).
            Rule(
                id="event_too_soon",
                question="starts_in",
                answers=frozenset({SOON}),
                outcome=GateOutcome.E_SERVICE,
                reason=format_lazy(
                    _("Your application comes in less than {days} days before the event. The police still "
                      "receive it, but there may not be time to decide, and then it is dismissed."),
                    days=PUBLIC_EVENT_TERMS["lead_days"],
                ),
                advice=_("If you can, move the event to a later date."),
            ),
            Rule(
                id="large_event_too_soon",
                test=_large_event_too_soon,
                outcome=GateOutcome.E_SERVICE,
                reason=format_lazy(
                    _("A large event, or one that affects traffic, needs at least {weeks} weeks: the police "
                      "plan it with the municipality and the rescue service. A later application is received, "
                      "but may be dismissed."),
                    weeks=LARGE_EVENT_LEAD_WEEKS,
                ),
                advice=_("If you can, move the event to a later date, or plan it for fewer people without closing "
                         "streets."),
            ),
        ),
        steps=(
            Step("arrangor", _("Organiser"), OrganiserForm),
            Step("evenemang", _("The event"), EventForm),
            Step("karta", _("Site plan"), SitePlanForm),
            Step("granska", _("Check your answers"), FeeConfirmForm),
        ),
        destination=Destination.PERMITS,
        reference_prefix="TSA",
        extra=PUBLIC_EVENT_TERMS,
        receipt_text=with_fee(
            _("Your application has been received. A permit officer reads it and may contact you if "
              "something is missing. The decision is sent to you by e-mail."),
            PUBLIC_EVENT_TERMS,
        ),
    )
)

PUBLIC_PLACE = register(
    Service(
        slug="tillstand-offentlig-plats",
        group=ServiceGroup.APPLY,
        order=31,
        title=_("Apply for a permit to use a public place"),
        summary=with_fee(
            _("For example a stand, scaffolding, a container or filming on a street, a square or in a park."),
            PUBLIC_PLACE_TERMS,
        ),
        call_instead=format_lazy(
            _("Apply at least {days} days before you need the place."), days=PUBLIC_PLACE_TERMS["lead_days"]
        ),
        questions=(
            Question(
                id="starts_in",
                label=_("When do you need the place?"),
                choices=(
                    (SOON, format_lazy(_("In less than {days} days"), days=PUBLIC_PLACE_TERMS["lead_days"])),
                    (LATER, format_lazy(_("In {days} days or later"), days=PUBLIC_PLACE_TERMS["lead_days"])),
                ),
            ),
            Question(
                id="private_land",
                label=_("Is the place privately owned, such as a shopping centre, a car park or a courtyard?"),
            ),
        ),
        rules=(
            Rule(
                id="private_land",
                question="private_land",
                outcome=GateOutcome.ELSEWHERE,
                reason=_("A place that is privately owned is not a public place: you need the owner's permission, "
                         "not a permit from the police."),
                advice=_("Ask the owner of the place, for example the property owner or the shopping centre."),
            ),
            Rule(
                id="place_too_soon",
                question="starts_in",
                answers=frozenset({SOON}),
                outcome=GateOutcome.PREREQUISITE,
                reason=format_lazy(
                    _("The police need at least {days} days to decide, after asking the municipality."),
                    days=PUBLIC_PLACE_TERMS["lead_days"],
                ),
                advice=_("Choose a later date, then apply."),
            ),
        ),
        steps=(
            Step("arrangor", _("Applicant"), OrganiserForm),
            Step("plats", _("The place and the use"), PublicPlaceForm),
            Step("karta", _("Site plan"), SitePlanForm),
            Step("granska", _("Check your answers"), FeeConfirmForm),
        ),
        destination=Destination.PERMITS,
        reference_prefix="TOP",
        extra=PUBLIC_PLACE_TERMS,
        receipt_text=with_fee(
            _("Your application has been received. The police ask the municipality before deciding. "
              "The decision is sent to you by e-mail."),
            PUBLIC_PLACE_TERMS,
        ),
    )
)

FIREARMS = register(
    Service(
        slug="vapenlicens",
        group=ServiceGroup.APPLY,
        order=32,
        title=_("Apply for a firearms licence"),
        summary=with_fee(
            _("For a weapon for hunting or target shooting. You need e-identification."),
            FIREARMS_TERMS,
        ),
        call_instead=_("You need the Swedish hunting exam, or a certificate from your shooting club."),
        questions=(
            HAS_EID,
            Question(
                id="age",
                label=_("How old are you?"),
                choices=(
                    ("18", _("18 or older")),
                    ("15", _("15 to 17")),
                    ("under_15", _("Younger than 15")),
                ),
            ),
            Question(
                id="purpose",
                label=_("What is the weapon for?"),
                choices=(
                    ("hunting", _("Hunting")),
                    ("target", _("Target shooting")),
                    ("other", _("Something else, for example a collection or work")),
                ),
            ),
            Question(
                id="qualified",
                label=_("Have you passed the Swedish hunting exam (for hunting), or do you have a certificate "
                        "from your shooting club (for target shooting)?"),
            ),
        ),
        rules=(
            Rule(
                id="no_eid",
                question="has_eid",
                answers=frozenset({NO}),
                outcome=GateOutcome.ELSEWHERE,
                reason=_("The e-service needs a Swedish e-identification."),
                advice=_("Apply on the paper form from polisen.se and send it by post with copies of your "
                         "certificates."),
                link=FIREARMS_FORMS_LINK,
                heading=PAPER_FORM_HEADING,
            ),
            Rule(
                id="age_15_to_17",
                question="age",
                answers=frozenset({"15"}),
                outcome=GateOutcome.ELSEWHERE,
                reason=_("A firearms licence is normally given from 18. From 15, a licence for certain hunting "
                         "or target-shooting weapons can be given with your guardian's consent."),
                advice=_("Apply on the paper form together with your guardian."),
                link=FIREARMS_FORMS_LINK,
                heading=PAPER_FORM_HEADING,
            ),
            Rule(
                id="age_under_15",
                question="age",
                answers=frozenset({"under_15"}),
                outcome=GateOutcome.ELSEWHERE,
                reason=_("A firearms licence cannot be given to anyone younger than 15."),
                heading=_("A licence cannot be given"),
                advice=_("A shooting club can tell you how young people shoot with the club's weapons."),
            ),
            Rule(
                id="other_purpose",
                question="purpose",
                answers=frozenset({"other"}),
                outcome=GateOutcome.ELSEWHERE,
                reason=_("This e-service is for hunting and target shooting. Licences for other purposes are "
                         "applied for on paper."),
                link=FIREARMS_FORMS_LINK,
                heading=PAPER_FORM_HEADING,
            ),
            Rule(
                id="not_qualified",
                question="qualified",
                answers=frozenset({NO}),
                outcome=GateOutcome.PREREQUISITE,
                reason=_("A licence is only given to someone who has passed the hunting exam, or who shoots "
                         "actively in a club and has its certificate."),
                advice=_("Pass the hunting exam, or ask your shooting club for a certificate, then apply."),
            ),
        ),
        steps=(
            Step("vapen", _("The weapon"), WeaponForm),
            Step("jakt", _("Hunting"), HuntingForm, condition=answered("vapen", "purpose", "hunting")),
            Step("malskytte", _("Target shooting"), TargetShootingForm,
                 condition=answered("vapen", "purpose", "target")),
            Step("intyg", _("Certificates"), CertificatesForm),
            Step("om-dig", _("About you"), IdentityContactForm),
            Step("granska", _("Check your answers"), FeeConfirmForm),
        ),
        destination=Destination.PERMITS,
        reference_prefix="VAP",
        requires_eid=True,
        extra=FIREARMS_TERMS,
        receipt_text=with_fee(
            _("Your application has been received. The police check your suitability and may contact you. "
              "The decision is sent by post to your registered address."),
            FIREARMS_TERMS,
        ),
    )
)
