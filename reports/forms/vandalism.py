"""Step forms of the vandalism report (``reports.catalogue.vandalism``); the shared steps live
in ``reports.forms.common``.

Like every step form they only validate (see ``reports.forms.common``).
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.forms.common import PHONE_OR_EMAIL_MESSAGE, StepForm, cost_field, yes_no_field
from reports.forms.fields import OrganisationNumberField, PhoneNumberField, RegistrationNumberField
from reports.gate import NO, YES

REQUIRED_WHEN_NOT_OWNER = _("Fill this in when you are not the owner.")


DAMAGED_KINDS = (
    ("", _("Choose what was damaged")),
    ("vehicle", _("A vehicle")),
    ("building", _("A building, fence or other property")),
    ("graffiti", _("Graffiti or other scribbling")),
    ("other", _("Something else")),
)


class VandalismDamageForm(StepForm):
    """What was damaged and how much it will cost; a vehicle needs its registration number."""

    damaged_kind = forms.ChoiceField(label=_("What was damaged?"), choices=DAMAGED_KINDS)
    registration_number = RegistrationNumberField(
        label=_("The vehicle's registration number (if a vehicle was damaged)"), required=False,
        help_text=_("For example ABC 123."),
    )
    description = forms.CharField(
        label=_("Describe the damage"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is damaged, and how. For graffiti: the size and where on the wall."),
    )
    estimated_cost_sek = cost_field(_("Estimated cost in SEK (optional)"))

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("damaged_kind")
        if kind == "vehicle" and not cleaned.get("registration_number") and "registration_number" not in self.errors:
            self.add_error("registration_number", _("Enter the registration number of the damaged vehicle."))
        elif kind and kind != "vehicle":
            cleaned["registration_number"] = ""
        return cleaned


class OwnerForm(StepForm):
    """Who owns what was damaged. A representative (a caretaker, a board member) reports for
    the owner, and the police need to reach the owner too."""

    is_owner = yes_no_field(_("Do you own what was damaged?"))
    reporter_role = forms.CharField(
        label=_("Your role, if you are not the owner"), max_length=200, required=False,
        help_text=_("For example caretaker, board member of the housing association, or employee."),
    )
    owner_name = forms.CharField(
        label=_("The owner's name (a person, company or association)"), max_length=200, required=False
    )
    # Someone else's details: plain widgets, so that the browser does not fill in the reporter's own.
    owner_organisation_number = OrganisationNumberField(
        label=_("The owner's organisation number (optional)"), max_length=20, required=False,
        help_text=_("If the owner is a company or an association: NNNNNN-NNNN."), widget=forms.TextInput(),
    )
    owner_phone = PhoneNumberField(
        label=_("The owner's phone number"), required=False, widget=forms.TextInput(attrs={"type": "tel"}),
    )
    owner_email = forms.EmailField(label=_("The owner's e-mail address"), required=False)

    OWNER_FIELDS = ("reporter_role", "owner_name", "owner_organisation_number", "owner_phone", "owner_email")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_owner") == YES:
            for name in self.OWNER_FIELDS:  # not asked of an owner: keep no stale details
                cleaned[name] = ""
                self.errors.pop(name, None)
        elif cleaned.get("is_owner") == NO:
            for name in ("reporter_role", "owner_name"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, REQUIRED_WHEN_NOT_OWNER)
            if not (cleaned.get("owner_phone") or cleaned.get("owner_email")) and not (
                {"owner_phone", "owner_email"} & set(self.errors)
            ):
                self.add_error("owner_phone", PHONE_OR_EMAIL_MESSAGE)
        return cleaned
