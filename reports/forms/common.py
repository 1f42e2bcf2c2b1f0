"""Step forms shared by several e-services: when and where, items, about you, check answers,
and the small pieces the per-service form modules share (``reports/forms/<service>.py``, named
like the service's catalogue module).

Step forms only validate. Free text is masked for card numbers when the wizard builds its
answers (``reports.wizard.answers``); a field is exempt only where its form says so in
``unmasked_fields`` (an item's serial number). Fields that become required only after a
choice are checked in ``clean()`` on the server, and their values are dropped when the choice
makes them irrelevant, so nothing stale is stored.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    ManagementForm,
)
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.forms.fast_copy import FieldsDict
from reports.forms.fields import (
    DateField,
    DateInput,
    EmailAddressField,
    MunicipalityField,
    PersonalIdentityNumberField,
    PhoneNumberField,
    PreferredLanguageField,
    TimeField,
    fast_selects,
    known_help_texts,
)
from reports.forms.messages import CitizenFormSetMixin, CitizenMessagesMixin
from reports.forms.validators import normalize_imei
from reports.gate import YES_NO
from reports.municipalities import region_for_municipality
from reports.privacy import imei_shaped, mask_card_numbers


def step_helper() -> FormHelper:
    """Crispy layout of a wizard step: the wizard template renders the form tag, CSRF and buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.field_template = "reports/includes/crispy_field.html"  # crispy's field.html, plain fields in Python
    return helper


class StepFormMetaclass(DeclarativeFieldsMetaclass):
    """Django's, with the fields kept in a ``FieldsDict``: each form copies them faster
    (``reports.forms.fast_copy``), the same copy; help texts known to be non-empty
    (``reports.forms.fields.HelpText``)."""

    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_fields = new_class.declared_fields = FieldsDict(new_class.base_fields)
        known_help_texts(new_class.base_fields)
        return new_class


class StepForm(CitizenMessagesMixin, forms.Form, metaclass=StepFormMetaclass):
    """A wizard step. Crispy renders the fields; the wizard template renders the buttons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = step_helper()
        fast_selects(self)


class StepManagementForm(ManagementForm, metaclass=StepFormMetaclass):
    """Django's formset management form (the same fields, HTML and checks), copying its
    fields as the step forms do."""


class StepFormSet(CitizenFormSetMixin, forms.BaseFormSet):
    """A wizard step that is a repeating list; entries can be added and removed without JavaScript."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = step_helper()

    @cached_property
    def management_form(self):
        """Django's ``BaseFormSet.management_form``, made with ``StepManagementForm``."""
        if self.is_bound:
            form = StepManagementForm(self.data, auto_id=self.auto_id, prefix=self.prefix, renderer=self.renderer)
            form.full_clean()
        else:
            form = StepManagementForm(
                auto_id=self.auto_id,
                prefix=self.prefix,
                initial={
                    TOTAL_FORM_COUNT: self.total_form_count(),
                    INITIAL_FORM_COUNT: self.initial_form_count(),
                    MIN_NUM_FORM_COUNT: self.min_num,
                    MAX_NUM_FORM_COUNT: self.max_num,
                },
                renderer=self.renderer,
            )
        return form


FUTURE_DATE_MESSAGE = _("The date cannot be in the future.")


def not_in_future(value: date | None) -> None:
    """Field validator: a date that has happened, so not after today (the local date)."""
    if not value:
        return
    now = timezone.now()
    # No time zone is a whole day behind UTC, so the local date is at least UTC's date less one
    # day: a date before UTC's date has happened wherever the person is. Only today's and later
    # dates need the active time zone (issue 13: it was looked up per date field, per validation).
    if now.tzinfo is not None and value < now.date():
        return
    if value > timezone.localdate(now):
        raise ValidationError(FUTURE_DATE_MESSAGE, code="future")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MunicipalityMixin:
    """A step with a ``municipality`` field: the choices are Sweden's municipalities, and the
    chosen one routes the submission to its police region (none chosen: no region)."""

    def contribute(self, draft) -> None:
        code = self.cleaned_data.get("municipality") or ""
        draft.municipality_code = code
        draft.region = region_for_municipality(code)


PLACE_KINDS = (
    ("", _("Choose the kind of place")),
    ("street", _("Street, square or park")),
    ("public_transport", _("Public transport or station")),
    ("shop", _("Shop or restaurant")),
    ("workplace", _("Workplace or school")),
    ("home", _("Home, stairwell or garden")),
    ("storage", _("Storage room, attic, basement, shed or garage")),
    ("vehicle", _("Vehicle or parking place")),
    ("other", _("Other place")),
)


class WhenWhereForm(MunicipalityMixin, StepForm):
    """When (a span: the person may not know exactly) and where the event took place."""

    date_from = DateField(
        label=_("From date"), widget=DateInput(), validators=[not_in_future],
        help_text=_("The earliest it can have happened. For example 28/11/2026."),
    )
    time_from = TimeField(label=_("From time (optional)"), required=False, widget=TimeInput())
    date_to = DateField(
        label=_("To date"), widget=DateInput(), validators=[not_in_future],
        help_text=_("The latest it can have happened."),
    )
    time_to = TimeField(label=_("To time (optional)"), required=False, widget=TimeInput())
    municipality = MunicipalityField(label=_("Municipality"))
    place_kind = forms.ChoiceField(label=_("Kind of place"), choices=PLACE_KINDS)
    address = forms.CharField(
        label=_("Address or description of the place"), max_length=300,
        help_text=_("For example a street address, the name of a shop or a station."),
    )
    what_happened = forms.CharField(
        label=_("What happened?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Describe in your own words. Do not write full card numbers."),
    )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to:
            start = datetime.combine(date_from, cleaned.get("time_from") or time.min)
            end = datetime.combine(date_to, cleaned.get("time_to") or time.max)
            if end < start:
                self.add_error("date_to", _("The end must be after the start."))
            elif date_to - date_from > timedelta(days=366):
                self.add_error("date_from", _("The span can be at most one year. Give your best estimate."))
        return cleaned


ITEM_KINDS = (
    ("", _("Choose a kind")),
    ("bicycle", _("Bicycle")),
    ("phone", _("Mobile phone")),
    ("wallet_bag", _("Wallet or bag")),
    ("from_vehicle", _("Something from a vehicle")),
    ("other", _("Other")),
)


class ItemForm(StepForm):
    # A 15-digit number that can be an IMEI is checked as one and kept; anything else typed here
    # (an American Express number among them) is masked like free text (clean_serial_number).
    unmasked_fields = ("serial_number",)

    kind = forms.ChoiceField(label=_("Kind of item"), choices=ITEM_KINDS)
    description = forms.CharField(
        label=_("Description"), max_length=500,
        help_text=_("Colour, size, distinguishing marks."),
    )
    brand_model = forms.CharField(label=_("Brand and model (optional)"), max_length=200, required=False)
    serial_number = forms.CharField(
        label=_("Serial number or IMEI (optional)"), max_length=60, required=False,
        help_text=_("A phone's IMEI has 15 digits: dial *#06# on the phone or look on its box."),
    )
    value_sek = forms.DecimalField(
        label=_("Value in SEK (optional)"), required=False, min_value=0, max_value=100_000_000,
        decimal_places=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def clean_serial_number(self) -> str:
        value = self.cleaned_data["serial_number"].strip()
        if imei_shaped(value):
            return normalize_imei(value)  # an IMEI: its check digit must match
        return mask_card_numbers(value)


class BaseItemFormSet(StepFormSet):
    """At least one item."""

    default_error_messages = {"too_few_forms": _("Describe at least one item: what it is and what it looks like.")}

    def contribute(self, draft) -> None:
        draft.items = [form.cleaned_data for form in self.forms if form.cleaned_data]


ItemFormSet = forms.formset_factory(
    ItemForm, formset=BaseItemFormSet, extra=0, min_num=1, validate_min=True, max_num=30, validate_max=True
)


class ReporterDetailsMixin:
    """Stores the answers of an "about you" step that asks for the person's own name, personal
    identity number, phone number, e-mail address and language."""

    def contribute(self, draft) -> None:
        data = self.cleaned_data
        draft.reporter_name = data["name"]
        draft.personal_identity_number = data["personal_identity_number"]
        draft.phone = data["phone"]
        draft.email = data["email"]
        draft.language = data["preferred_language"]


class ReporterForm(ReporterDetailsMixin, StepForm):
    """About you: what the police need to reach the person and to register the report."""

    name = forms.CharField(label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    personal_identity_number = PersonalIdentityNumberField(label=_("Personal identity number or coordination number"))
    phone = PhoneNumberField(label=_("Phone number"))
    email = EmailAddressField(help_text=_("We send your receipt here."))
    preferred_language = PreferredLanguageField()


class IdentityContactForm(StepForm):
    """About you, for services that need e-identification.

    The name and the personal identity number come from the e-ID session and are shown
    read-only: they are disabled fields, so a posted value is ignored and the stored number
    is always the identified person's own. No postal address is asked: letters go to the
    address in the population register.
    """

    uses_identity = True

    name = forms.CharField(label=_("Name"), required=False, disabled=True)
    personal_identity_number = forms.CharField(
        label=_("Personal identity number"), required=False, disabled=True,
        help_text=_("From your e-identification. You can only apply for yourself."),
    )
    phone = PhoneNumberField(label=_("Phone number (optional)"), required=False)
    email = EmailAddressField(help_text=_("We send your receipt here."))
    preferred_language = PreferredLanguageField()

    address_notice = _(
        "We send letters by post to your address in the population register (folkbokföringsadress). "
        "You cannot choose another address here."
    )

    def __init__(self, *args, identity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.identity = identity
        if identity is not None:
            self.fields["name"].initial = identity.name
            self.fields["personal_identity_number"].initial = identity.masked_number
        self.helper.layout = Layout(
            HTML(format_html('<p class="alert alert-info" id="address-notice">{}</p>', self.address_notice)),
            *self.fields,
        )

    def contribute(self, draft) -> None:
        data = self.cleaned_data
        if self.identity is not None:
            draft.reporter_name = self.identity.name
            draft.personal_identity_number = self.identity.personal_identity_number
        draft.phone = data["phone"]
        draft.email = data["email"]
        draft.language = data["preferred_language"]


class ConfirmForm(StepForm):
    """Check your answers: the person confirms that what they wrote is true."""

    stored = False  # not an answer: the check page summarises the other steps

    token = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I confirm that the information I have given is correct."),
        error_messages={"required": _("Confirm that the information is correct to send the report.")},
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        if not (len(token) == 32 and all(c in "0123456789abcdef" for c in token)):
            raise ValidationError(_("The form has expired. Start again from the beginning."))
        return token

    def contribute(self, draft) -> None:
        """The confirmation is not an answer: nothing to add."""


# -- shared by several step forms -------------------------------------------------------------

PHONE_OR_EMAIL_MESSAGE = _("Give a phone number or an e-mail address, or both.")


def yes_no_field(label, help_text="") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, help_text=help_text, choices=YES_NO, widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes or no.")},
    )


def cost_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_value=100_000_000, decimal_places=0,
        help_text=_("An estimate in SEK is enough. Leave it empty if you do not know."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class BaseListFormSet(StepFormSet):
    """A repeating list (transactions).

    Unlike the items list it adds nothing to ``draft.items``: its entries are kept in the
    answers only. ``entry_name`` and ``add_label`` name its entries on the page, in the
    error summary and on the check page (the wizard says "Item" where a list names none).
    """

    entry_name = ""
    add_label = ""
