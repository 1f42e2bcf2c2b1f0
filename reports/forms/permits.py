"""Step forms of the permit applications (``reports.catalogue.permits``): public events, use of
a public place and firearms licences; the shared steps live in ``reports.forms.common``.

Forms that need the e-ID identity declare ``uses_identity``; forms that need the service's
catalogue data (fee, lead time) declare ``uses_service``: the wizard passes them in
(``ReportWizard.get_form_kwargs``). Both are optional so that ``answers_display`` can build
a form without a request.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from crispy_forms.layout import HTML, Layout
from django import forms
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.forms.attachments import attachments_step_form
from reports.forms.common import (
    ConfirmForm,
    DateField,
    DateInput,
    MunicipalityMixin,
    ReporterDetailsMixin,
    StepForm,
    TimeInput,
    not_in_future,
)
from reports.forms.fields import (
    EmailAddressField,
    MunicipalityField,
    OrganisationNumberField,
    PersonalIdentityNumberField,
    PhoneNumberField,
    PreferredLanguageField,
)
from reports.forms.validators import birth_date, normalize_organisation_number

# -- dates and times --------------------------------------------------------------------------


def period_errors(
    *, start_date: date, start_time: time | None, end_date: date, end_time: time | None,
    today: date, lead_days: int = 0,
) -> dict[str, str]:
    """The problems with a planned period, by field name; empty when it is acceptable.

    The start may not be in the past and must be at least ``lead_days`` away (the time the
    police need to decide); the end must come after the start.
    """
    errors: dict[str, str] = {}
    if start_date < today:
        errors["start_date"] = gettext("The start cannot be in the past.")
    elif start_date < today + timedelta(days=lead_days):
        errors["start_date"] = gettext(
            "The police need at least %(days)s days to decide. Choose a start on %(date)s or later."
        ) % {"days": lead_days, "date": formats.date_format(today + timedelta(days=lead_days), "j F Y")}
    start = datetime.combine(start_date, start_time or time.min)
    end = datetime.combine(end_date, end_time or time.max)
    if end <= start:
        errors["end_date"] = gettext("The end must be after the start.")
    return errors


class PeriodForm(StepForm):
    """A planned period: start and end dates with times. Subclasses set the lead time."""

    uses_service = True
    lead_days_key = "lead_days"

    start_date = DateField(
        label=_("Start date"), widget=DateInput(), help_text=_("For example 28/11/2026.")
    )
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_date = DateField(label=_("End date"), widget=DateInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service

    def lead_days(self, cleaned: dict[str, Any]) -> int:
        return int(self.service.extra.get(self.lead_days_key, 0)) if self.service else 0

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(name) for name in ("start_date", "start_time", "end_date", "end_time")):
            # A service that accepts late applications (the gate warned) only refuses a past start.
            late_accepted = bool(self.service and self.service.extra.get("late_accepted"))
            errors = period_errors(
                start_date=cleaned["start_date"], start_time=cleaned["start_time"],
                end_date=cleaned["end_date"], end_time=cleaned["end_time"],
                today=timezone.localdate(), lead_days=0 if late_accepted else self.lead_days(cleaned),
            )
            for name, message in errors.items():
                self.add_error(name, message)
        return cleaned


# -- people -----------------------------------------------------------------------------------


ORGANISER_KINDS = (
    ("person", _("I apply as a private person")),
    ("organisation", _("I apply for an organisation, company or association")),
)


class OrganiserForm(ReporterDetailsMixin, StepForm):
    """The applicant: a person, or an organisation with its organisation number and a contact."""

    organiser_kind = forms.ChoiceField(label=_("Who applies?"), choices=ORGANISER_KINDS, widget=forms.RadioSelect)
    organisation_name = forms.CharField(
        label=_("Name of the organisation (if an organisation applies)"), max_length=200, required=False
    )
    # Not an OrganisationNumberField: the number is checked in clean(), and only when an
    # organisation applies, since a person's stray value is dropped rather than refused.
    organisation_number = forms.CharField(
        label=_("Organisation number (if an organisation applies)"), max_length=13, required=False,
        help_text=_("10 digits: NNNNNN-NNNN."), widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    name = forms.CharField(
        label=_("Full name of the contact person"), max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    personal_identity_number = PersonalIdentityNumberField(
        label=_("The contact person's personal identity number or coordination number"),
    )
    phone = PhoneNumberField(
        label=_("Phone number"), help_text=_("A number where we can reach you during the event or the work."),
    )
    email = EmailAddressField(help_text=_("We send your receipt and the decision here."))
    preferred_language = PreferredLanguageField()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organiser_kind") == "organisation":
            if not cleaned.get("organisation_name", "").strip():
                self.add_error("organisation_name", _("Write the name of the organisation."))
            number = cleaned.get("organisation_number", "").strip()
            if not number:
                self.add_error("organisation_number", _("Write the organisation number."))
            else:
                try:
                    cleaned["organisation_number"] = normalize_organisation_number(number)
                except forms.ValidationError as error:
                    self.add_error("organisation_number", error)
        elif cleaned.get("organiser_kind") == "person":
            # Only what the decision needs: an organisation's details are not kept for a person.
            cleaned["organisation_name"] = ""
            cleaned["organisation_number"] = ""
        return cleaned


# -- permits ------------------------------------------------------------------------------------


class PlaceMixin(MunicipalityMixin, forms.Form):
    municipality = MunicipalityField(label=_("Municipality"))
    address = forms.CharField(
        label=_("Address or description of the place"), max_length=300,
        help_text=_("For example a street address, a square or a park, and where on it."),
    )


EVENT_KINDS = (
    ("", _("Choose the kind of event")),
    ("demonstration", _("Demonstration, meeting or other public gathering")),
    ("concert", _("Concert, theatre or other performance")),
    ("market", _("Market or fair")),
    ("sports", _("Sports or competition")),
    ("other", _("Other public event")),
)


class EventForm(PlaceMixin, PeriodForm):
    """A public gathering or public event: what, where, when and how many."""

    kind = forms.ChoiceField(label=_("Kind of event"), choices=EVENT_KINDS)
    description = forms.CharField(
        label=_("Describe the event"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What will happen, stages, tents, sound, sales of food or alcohol."),
    )
    expected_people = forms.IntegerField(
        label=_("Expected number of people"), min_value=1, max_value=1_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    traffic = forms.ChoiceField(
        label=_("Must streets be closed or traffic redirected?"),
        choices=(("no", _("No")), ("yes", _("Yes"))), widget=forms.RadioSelect,
    )

    field_order = [
        "kind", "description", "municipality", "address", "start_date", "start_time", "end_date", "end_time",
        "expected_people", "traffic",
    ]

    def lead_days(self, cleaned: dict[str, Any]) -> int:
        """A large event, or one that affects traffic, needs the longer lead time."""
        if self.service is None:
            return 0
        large = (cleaned.get("expected_people") or 0) > int(self.service.extra["large_people"]) or (
            cleaned.get("traffic") == "yes"
        )
        return int(self.service.extra["large_lead_days" if large else "lead_days"])


PLACE_USES = (
    ("", _("Choose what you will use the place for")),
    ("stand", _("A stand, table or sales stall")),
    ("scaffolding", _("Scaffolding, a container or a skip")),
    ("filming", _("Filming or photography")),
    ("sign", _("Advertising sign or display")),
    ("other", _("Other")),
)


class PublicPlaceForm(PlaceMixin, PeriodForm):
    """Use of a public place: what is placed where, how big, and for how long."""

    use = forms.ChoiceField(label=_("What will you use the place for?"), choices=PLACE_USES)
    description = forms.CharField(
        label=_("Describe what you will do"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
    )
    area_m2 = forms.IntegerField(
        label=_("Area you need, in square metres"), min_value=1, max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    field_order = ["use", "description", "municipality", "address", "area_m2",
                   "start_date", "start_time", "end_date", "end_time"]


WEAPON_TYPES = (
    ("", _("Choose the type of weapon")),
    ("shotgun", _("Shotgun")),
    ("rifle", _("Rifle")),
    ("combination", _("Combination gun")),
    ("small_bore", _("Small-bore rifle (.22)")),
    ("handgun", _("Pistol or revolver")),
)
WEAPON_PURPOSES = (("hunting", _("Hunting")), ("target", _("Target shooting")))
FIREARMS_MINIMUM_AGE = 18


def age_on(personal_identity_number: str, today: date) -> int:
    """Age in whole years from a 12-digit personal identity or coordination number."""
    born = birth_date(personal_identity_number)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class WeaponForm(StepForm):
    """The weapon and what it is for. The applicant's age comes from their e-identification."""

    uses_identity = True

    weapon_type = forms.ChoiceField(label=_("Type of weapon"), choices=WEAPON_TYPES)
    make_model = forms.CharField(label=_("Make and model"), max_length=200)
    calibre = forms.CharField(label=_("Calibre"), max_length=40, help_text=_("For example .308 Win or 12/70."))
    serial_number = forms.CharField(
        label=_("Serial number (optional)"), max_length=60, required=False,
        help_text=_("If you have already chosen a particular weapon."),
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=WEAPON_PURPOSES, widget=forms.RadioSelect)

    def __init__(self, *args, identity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.identity = identity

    def clean(self):
        cleaned = super().clean()
        if self.identity is not None:
            age = age_on(self.identity.personal_identity_number, timezone.localdate())
            if age < FIREARMS_MINIMUM_AGE:
                raise forms.ValidationError(
                    _("You must be %(age)s or older to apply for a firearms licence here."),
                    code="too_young", params={"age": FIREARMS_MINIMUM_AGE},
                )
        if cleaned.get("weapon_type") == "handgun" and cleaned.get("purpose") == "hunting":
            self.add_error("purpose", _("A licence for a pistol or revolver is given for target shooting."))
        return cleaned


class HuntingForm(StepForm):
    exam_year = forms.IntegerField(
        label=_("Year you passed the Swedish hunting exam"), min_value=1950, max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    hunting_area = forms.CharField(
        label=_("Where do you hunt?"), max_length=300,
        help_text=_("The hunting ground or hunting team, and the municipality."),
    )
    game = forms.CharField(label=_("What game will you hunt with the weapon?"), max_length=300)

    def clean_exam_year(self) -> int:
        year = self.cleaned_data["exam_year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("The year cannot be in the future."))
        return year


class TargetShootingForm(StepForm):
    club = forms.CharField(label=_("Shooting club"), max_length=200)
    club_organisation_number = OrganisationNumberField(
        label=_("The club's organisation number"), help_text=_("10 digits: NNNNNN-NNNN.")
    )
    member_since = DateField(label=_("Member since"), widget=DateInput(), validators=[not_in_future])
    discipline = forms.CharField(
        label=_("Shooting discipline"), max_length=200, help_text=_("For example field shooting.")
    )


class FeeConfirmForm(ConfirmForm):
    """Check your answers, with the fee from the service's catalogue entry shown above the box."""

    uses_service = True

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        fee = service.extra.get("fee_sek") if service else None
        if fee:
            text = gettext("Fee: %(fee)s SEK. We send you the payment details by e-mail.") % {
                "fee": formats.number_format(fee, force_grouping=True)
            }
            self.helper.layout = Layout(
                HTML(format_html('<p class="fs-5 border rounded p-3" id="fee">{}</p>', text)), *self.fields
            )


SitePlanForm = attachments_step_form(
    _("Site plan"),
    _("A drawing or a map that shows the place, its size and what will stand where, with entrances and exits."),
    required=True,
)
CertificatesForm = attachments_step_form(
    _("Certificates"),
    _("Your hunting exam certificate, or your shooting club's certificate of your shooting."),
    required=True,
)

