"""Extract from the criminal-records register (utdrag ur belastningsregistret).

E-identification is required (fact): a person can only request their own extract, so the
identity comes from the e-ID session and is never typed. The extract is sent by post to
the registered address: no address is asked. Each purpose asks only what it needs.
"""
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Service, Step, register
from reports.catalogue.common import answered
from reports.constants import Destination, GateOutcome, ServiceGroup
from reports.forms.common import ConfirmForm, IdentityContactForm
from reports.forms.register_extract import (
    ExtractCareForm,
    ExtractForeignForm,
    ExtractOtherLawForm,
    ExtractPurposeForm,
    ExtractSchoolForm,
)
from reports.gate import NO, Question, Rule

EXTRACT_INFO_URL = "https://polisen.se/tjanster-tillstand/belastningsregistret/"

HAS_EID = Question(
    id="has_eid",
    label=_("Can you identify yourself with a Swedish e-identification, such as BankID or Freja+?"),
)

NO_EID_RULE = Rule(
    id="no_eid",
    question="has_eid",
    answers=frozenset({NO}),
    outcome=GateOutcome.ELSEWHERE,
    reason=_("The e-service needs a Swedish e-identification, so that only you can ask for your own extract."),
    advice=_("Fill in the paper form on polisen.se and send it by post, with a copy of your ID document."),
    link=(EXTRACT_INFO_URL, _("Forms for extracts on polisen.se")),
    heading=_("Ask the police for the extract on the paper form"),
)

REGISTER_EXTRACT = register(
    Service(
        slug="belastningsregister",
        group=ServiceGroup.APPLY,
        order=20,
        title=_("Request an extract from the criminal-records register"),
        summary=_(
            "Ask for your own extract, for example for a job with children, for a visa or for yourself. "
            "You need e-identification. The extract is free and is sent by post to your registered address."
        ),
        call_instead=_("Only you can request your own extract. Nobody else can do it for you here."),
        questions=(
            HAS_EID,
            Question(
                id="purpose_listed",
                label=_("Do you need the extract for one of these purposes?"),
                help_text=_(
                    "Your own copy; work with children in school or preschool; work in a care home for "
                    "children (HVB) or under LSS; a foreign authority or a visa; another purpose that a law "
                    "requires."
                ),
            ),
        ),
        rules=(
            NO_EID_RULE,
            Rule(
                id="purpose_not_listed",
                question="purpose_listed",
                answers=frozenset({NO}),
                outcome=GateOutcome.ELSEWHERE,
                reason=_(
                    "This e-service gives extracts for the listed purposes only. Other extracts, for example "
                    "for work in security or with weapons, are asked for with their own form."
                ),
                advice=_("Ask the one who needs the extract which kind they need, then choose its form on polisen.se."),
                link=(EXTRACT_INFO_URL, _("All kinds of extracts on polisen.se")),
            ),
        ),
        steps=(
            Step("andamal", _("Purpose"), ExtractPurposeForm),
            Step("skola", _("Work in school or preschool"), ExtractSchoolForm,
                 condition=answered("andamal", "purpose", "school")),
            Step("hvb-lss", _("Work in HVB or under LSS"), ExtractCareForm,
                 condition=answered("andamal", "purpose", "care")),
            Step("utland", _("Foreign authority or visa"), ExtractForeignForm,
                 condition=answered("andamal", "purpose", "foreign")),
            Step("annat", _("Required by law"), ExtractOtherLawForm,
                 condition=answered("andamal", "purpose", "other_law")),
            Step("om-dig", _("About you"), IdentityContactForm),
            Step("granska", _("Check your answers"), ConfirmForm),
        ),
        destination=Destination.REGISTER_EXTRACTS,
        reference_prefix="BLR",
        requires_eid=True,
        receipt_text=_(
            "Your request has been received. The extract is sent by post to your address in the population "
            "register, usually within a week. If the extract is for an employer, give it to them in the "
            "unopened envelope."
        ),
    )
)
