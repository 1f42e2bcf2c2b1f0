"""Step forms of the tips service (``reports.catalogue.tips``); the shared steps live in
``reports.forms.common``.

Like every step form they only validate (see ``reports.forms.common``).
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.forms.common import (
    PHONE_OR_EMAIL_MESSAGE,
    DateField,
    DateInput,
    MunicipalityMixin,
    StepForm,
    not_in_future,
    yes_no_field,
)
from reports.forms.fields import EmailAddressField, MunicipalityField, PhoneNumberField

TIP_SUBJECTS = (
    ("", _("Choose what the tip is about")),
    ("drugs", _("Drugs")),
    ("theft", _("Theft, burglary or stolen goods")),
    ("fraud", _("Fraud")),
    ("violence", _("Violence, threats or weapons")),
    ("traffic", _("Traffic")),
    ("environment", _("Environmental or animal-welfare crime")),
    ("other", _("Something else")),
)


class TipForm(MunicipalityMixin, StepForm):
    """What, where, when and who. Nothing about the person leaving the tip."""

    subject = forms.ChoiceField(label=_("What is the tip about?"), choices=TIP_SUBJECTS)
    what = forms.CharField(
        label=_("What do you want to tell the police?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe what you have seen or know. Do not write anything about yourself if you want to "
                    "stay anonymous."),
    )
    municipality = MunicipalityField(label=_("Municipality (optional)"), required=False)
    place = forms.CharField(
        label=_("Where? (optional)"), max_length=300, required=False,
        help_text=_("An address, or a description of the place."),
    )
    date = DateField(
        label=_("Date (optional)"), required=False, widget=DateInput(), validators=[not_in_future],
        help_text=_("When it happened, if it happened on one day. For example 28/11/2026."),
    )
    when = forms.CharField(
        label=_("When, or how often? (optional)"), max_length=300, required=False,
        help_text=_("For example “every Friday evening” or “since last summer”."),
    )
    who = forms.CharField(
        label=_("Who is involved? (optional)"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Names, nicknames, descriptions, vehicles and registration numbers, if you know them."),
    )


class ContactChoiceForm(StepForm):
    """Whether the person wants to leave contact details; the contact step is shown only then."""

    wants_contact = yes_no_field(
        _("Do you want to leave contact details?"),
        _("You can leave the tip anonymously. If you leave contact details, the police can contact you "
          "with questions."),
    )


class TipContactForm(StepForm):
    """Optional contact details of the person leaving a tip: a name and a way to reach them,
    never an identity number."""

    name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = PhoneNumberField(label=_("Phone number"), required=False)
    email = EmailAddressField(required=False, help_text=_("If you give it, we send you a receipt."))

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("phone") or cleaned.get("email")) and not ({"phone", "email"} & set(self.errors)):
            self.add_error("phone", PHONE_OR_EMAIL_MESSAGE)
        return cleaned

    def contribute(self, draft) -> None:
        data = self.cleaned_data
        draft.reporter_name = data["name"]
        draft.phone = data["phone"]
        draft.email = data["email"]
