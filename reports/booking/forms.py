from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reports.forms.fields import EmailAddressField, PhoneNumberField
from reports.forms.messages import CitizenMessagesMixin


def people_choices():
    return [(n, str(n)) for n in range(1, settings.BOOKING_MAX_PEOPLE + 1)]


class OfficeSearchForm(CitizenMessagesMixin, forms.Form):
    q = forms.CharField(label=_("Municipality or office"), required=False, max_length=100)


class PeopleForm(CitizenMessagesMixin, forms.Form):
    people = forms.TypedChoiceField(
        label=_("How many people need a passport?"),
        help_text=_("You and the children you bring. Each person needs a place of their own."),
        coerce=int,
        choices=people_choices,
        initial=1,
    )


class ContactForm(CitizenMessagesMixin, forms.Form):
    email = EmailAddressField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We send the confirmation and a reminder the day before."),
    )
    phone = PhoneNumberField(label=_("Mobile phone (optional)"), required=False, max_length=32)


class ManageLookupForm(CitizenMessagesMixin, forms.Form):
    reference = forms.CharField(
        label=_("Booking reference"), max_length=32, help_text=_("For example PASS-7KQ2-M9XD-4HPA")
    )
    code = forms.CharField(label=_("Code"), max_length=16, help_text=_("The 8 characters in your confirmation"))

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper().replace(" ", "")
