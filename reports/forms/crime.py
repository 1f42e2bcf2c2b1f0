"""Step forms of the crime reports and tips beyond theft: burglary, card fraud, vandalism,
parking damage and tips (the shared steps live in ``reports.forms.common``).

Forms only validate. Free text is masked for card numbers by the drafting layer, so no
field here is exempt from it (none declares ``unmasked_fields``); fields that become
required only after a choice are checked in ``clean()`` on the server, and their values
are dropped when the choice makes them irrelevant, so nothing stale is stored.
"""
from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.forms.common import (
    DateField,
    DateInput,
    MunicipalityMixin,
    StepForm,
    StepFormSet,
    WhenWhereForm,
    not_in_future,
)
from reports.forms.fields import (
    EmailAddressField,
    OrganisationNumberField,
    PhoneNumberField,
    RegistrationNumberField,
)
from reports.gate import NO, YES, YES_NO
from reports.privacy import card_last_four

FUTURE_TIME_MESSAGE = _("The time cannot be in the future.")
REQUIRED_WHEN_NOT_OWNER = _("Fill this in when you are not the owner.")
PHONE_OR_EMAIL_MESSAGE = _("Give a phone number or an e-mail address, or both.")


def _yes_no(label, help_text="") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, help_text=help_text, choices=YES_NO, widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes or no.")},
    )


def _cost_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_value=100_000_000, decimal_places=0,
        help_text=_("An estimate in SEK is enough. Leave it empty if you do not know."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class AmountField(forms.DecimalField):
    """An amount of money as people type it: ``1 234,50`` and ``1234.50`` are the same."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(max_digits=12, decimal_places=2, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


class BaseListFormSet(StepFormSet):
    """A repeating list (transactions).

    Unlike the items list it adds nothing to ``draft.items``: its entries are kept in the
    answers only. ``entry_name`` and ``add_label`` name its entries on the page, in the
    error summary and on the check page (the wizard says "Item" where a list names none).
    """

    entry_name = ""
    add_label = ""


# -- Burglary ------------------------------------------------------------------------------

ENTRY_POINTS = (
    ("", _("Choose how they got in")),
    ("door", _("Through a door")),
    ("window", _("Through a window")),
    ("wall_roof", _("Through a wall, the roof, the floor or a hatch")),
    ("no_damage", _("No visible way in, for example an unlocked door or a copied key")),
    ("unknown", _("I do not know")),
    ("other", _("Another way")),
)


class BreakInForm(StepForm):
    """How they got in, what was damaged, and whether anything was taken (the next step)."""

    entry_point = forms.ChoiceField(label=_("How did they get in?"), choices=ENTRY_POINTS)
    entry_description = forms.CharField(
        label=_("Describe how they got in (optional)"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the padlock was cut, or the window was pried open."),
    )
    damage = forms.CharField(
        label=_("What was damaged?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example a broken lock, door or window. Write “nothing” if nothing was damaged."),
    )
    damage_cost_sek = _cost_field(_("Estimated cost of the damage in SEK (optional)"))
    anything_taken = _yes_no(_("Was anything taken?"), _("If you answer yes, you list what was taken next."))


# -- Card fraud ------------------------------------------------------------------------------

class CardFraudWhenWhereForm(WhenWhereForm):
    """When the card was misused, and where the reporter lives (a card is misused anywhere,
    often online, so the home municipality routes the report to a police region)."""

    place_kind = None
    address = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_from"].label = _("Date of the first unauthorised use")
        self.fields["date_to"].label = _("Date of the last unauthorised use")
        self.fields["municipality"].label = _("Municipality where you live")
        self.fields["municipality"].help_text = _("Your report goes to the police region of this municipality.")
        self.fields["what_happened"].label = _("How did you discover it, and how may the card details have been taken?")


CARD_KINDS = (
    ("", _("Choose the kind of card")),
    ("debit", _("Debit card")),
    ("credit", _("Credit card")),
    ("other", _("Other, or I do not know")),
)


class CardForm(StepForm):
    """The card: only its last four digits, never the whole number."""

    issuer = forms.CharField(
        label=_("Card issuer or bank"), max_length=200, help_text=_("For example the name of your bank.")
    )
    card_last_four = forms.CharField(
        label=_("The last four digits of the card"),
        help_text=_("Only the last four digits. Never write the whole card number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": "4"}),
    )
    card_kind = forms.ChoiceField(label=_("Kind of card"), choices=CARD_KINDS)
    card_in_possession = _yes_no(_("Did you have the card when it was misused?"))
    blocked_on = DateField(
        label=_("When did you block the card?"), widget=DateInput(), validators=[not_in_future],
        help_text=_("For example 28/11/2026."),
    )

    def clean_card_last_four(self) -> str:
        return card_last_four(self.cleaned_data["card_last_four"])


CURRENCIES = (
    ("SEK", _("SEK, Swedish krona")),
    ("EUR", _("EUR, euro")),
    ("USD", _("USD, US dollar")),
    ("GBP", _("GBP, pound sterling")),
    ("NOK", _("NOK, Norwegian krone")),
    ("DKK", _("DKK, Danish krone")),
    ("other", _("Other currency")),
)


class TransactionForm(StepForm):
    """One unauthorised transaction. The merchant is required: without it the police cannot
    trace the transaction."""

    date = DateField(
        label=_("Date of the transaction"), widget=DateInput(), validators=[not_in_future],
        help_text=_("For example 28/11/2026."),
    )
    amount = AmountField(
        label=_("Amount"), min_value=Decimal("0.01"),
        help_text=_("As on your bank statement, for example 1250,00."),
        error_messages={"min_value": _("The amount must be more than 0.")},
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCIES, initial="SEK")
    merchant = forms.CharField(
        label=_("Merchant (shop, website or company)"), max_length=200,
        help_text=_("The name shown on your bank statement."),
        error_messages={"required": _("Enter the merchant's name as it is shown on your bank statement.")},
    )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        try:
            return amount.quantize(Decimal("0.01"))
        except (InvalidOperation, AttributeError):
            raise ValidationError(_("Enter an amount, for example 1250,00."), code="invalid") from None


class BaseTransactionFormSet(BaseListFormSet):
    entry_name = _("Transaction")
    add_label = _("Add another transaction")
    default_error_messages = {
        "too_few_forms": _("Add at least one transaction."),
        "too_many_forms": _("You can list at most %(num)d transactions. Describe the rest in the text."),
    }


TransactionFormSet = forms.formset_factory(
    TransactionForm, formset=BaseTransactionFormSet, extra=0, min_num=1, validate_min=True, max_num=50,
    validate_max=True,
)


# -- Vandalism -----------------------------------------------------------------------------

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
    estimated_cost_sek = _cost_field(_("Estimated cost in SEK (optional)"))

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

    is_owner = _yes_no(_("Do you own what was damaged?"))
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


# -- Parking damage ------------------------------------------------------------------------

class ParkedVehicleForm(WhenWhereForm):
    """The reporter's vehicle, where it was parked, and between which times."""

    place_kind = None
    what_happened = None
    registration_number = RegistrationNumberField(
        label=_("Your vehicle's registration number"), help_text=_("For example ABC 123.")
    )
    vehicle_description = forms.CharField(
        label=_("Make, model and colour (optional)"), max_length=200, required=False
    )

    field_order = [
        "registration_number", "vehicle_description", "date_from", "time_from", "date_to", "time_to",
        "municipality", "address",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "date_from": _("Parked from (date)"),
            "time_from": _("Parked from (time)"),
            "date_to": _("Parked until (date)"),
            "time_to": _("Parked until (time)"),
            "address": _("Where was it parked?"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["date_from"].help_text = _("When you left the vehicle. For example 28/11/2026.")
        self.fields["date_to"].help_text = _("When you found the damage.")
        self.fields["address"].help_text = _("The street address or the name of the car park, and the space.")
        self.fields["time_from"].required = True
        self.fields["time_to"].required = True

    def clean(self):
        cleaned = super().clean()
        now = timezone.localtime().replace(tzinfo=None)
        parts = [cleaned.get(n) for n in ("date_from", "time_from", "date_to", "time_to")]
        if None in parts or any(name in self.errors for name in ("date_from", "date_to")):
            return cleaned
        start = datetime.datetime.combine(parts[0], parts[1])
        end = datetime.datetime.combine(parts[2], parts[3])
        if start > now:
            self.add_error("time_from", FUTURE_TIME_MESSAGE)
        if end > now:
            self.add_error("time_to", FUTURE_TIME_MESSAGE)
        if end <= start and "date_to" not in self.errors:
            self.add_error("time_to", _("The end must be after the start."))
        return cleaned


class ParkingDamageForm(StepForm):
    """The damage, the other vehicle if it was seen, and any witnesses."""

    damage = forms.CharField(
        label=_("Describe the damage to your vehicle"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where on the vehicle, and what it looks like, for example a dent in the left rear door."),
    )
    other_registration_number = RegistrationNumberField(
        label=_("The other vehicle's registration number, if you know it (optional)"), required=False,
        help_text=_("For example from a note left on your vehicle or from a witness."),
    )
    other_vehicle_description = forms.CharField(
        label=_("Describe the other vehicle (optional)"), max_length=500, required=False,
        help_text=_("Make, model, colour, or paint left on your vehicle."),
    )
    estimated_cost_sek = _cost_field(_("Estimated cost of the repair in SEK (optional)"))
    witnesses = forms.CharField(
        label=_("Witnesses (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The name and phone number of everyone who saw what happened, one per line."),
    )


# -- Tips ------------------------------------------------------------------------------------

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
    municipality = forms.ChoiceField(label=_("Municipality (optional)"), choices=(), required=False)
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

    wants_contact = _yes_no(
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
