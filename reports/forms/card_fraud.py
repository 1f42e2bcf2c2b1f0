"""Step forms of the card-fraud report (``reports.catalogue.card_fraud``); the shared steps live
in ``reports.forms.common``.

Like every step form they only validate (see ``reports.forms.common``).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reports.forms.common import (
    BaseListFormSet,
    DateField,
    DateInput,
    StepForm,
    WhenWhereForm,
    not_in_future,
    yes_no_field,
)
from reports.privacy import card_last_four


class AmountField(forms.DecimalField):
    """An amount of money as people type it: ``1 234,50`` and ``1234.50`` are the same."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(max_digits=12, decimal_places=2, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


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
    card_in_possession = yes_no_field(_("Did you have the card when it was misused?"))
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
