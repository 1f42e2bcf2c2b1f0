"""Card fraud end to end: only the last four digits are kept; transactions are a checked list."""
import datetime

import pytest
from django.utils import timezone

from reports.models import Submission
from tests.reports.helpers import pass_gate, step_post
from tests.reports.service_walk import (
    ABOUT_YOU,
    formset,
    gate_answers,
    step_errors,
    submit,
    walk_to_check,
    when_where,
)

pytestmark = pytest.mark.django_db

WHEN_WHERE = {
    k: v for k, v in when_where(
        municipality="0180", what_happened="I saw two payments I did not make in my bank's app."
    ).items() if not k.endswith(("place_kind", "address"))
}
CARD = {
    "kortet-issuer": "Exempelbanken",
    "kortet-card_last_four": "1234",
    "kortet-card_kind": "debit",
    "kortet-card_in_possession": "yes",
    "kortet-blocked_on": "2026-11-21",
}
TRANSACTION = {"date": "2026-11-20", "amount": "1 250,50", "currency": "SEK", "merchant": "Webshop AB"}
TRANSACTIONS = formset("transaktioner", [
    TRANSACTION,
    {"date": "2026-11-21", "amount": "89.90", "currency": "EUR", "merchant": "shop.example.com"},
])


def walk(client, **steps):
    data = {"nar-var": WHEN_WHERE, "kortet": CARD, "transaktioner": TRANSACTIONS, "om-dig": ABOUT_YOU, **steps}
    return walk_to_check(client, "kortbedrageri", list(data.items()))


def test_card_fraud_completes_and_keeps_only_the_last_four_digits(client, django_capture_on_commit_callbacks):
    check = walk(client)
    page = check.content.decode()
    assert "Webshop AB" in page and "1,250.50" in page and "Exempelbanken" in page
    assert "Transaction 2</h3>" in page
    with django_capture_on_commit_callbacks(execute=True):
        receipt = submit(client, "kortbedrageri", check)
    submission = Submission.objects.get()
    assert submission.reference.startswith("KBR-") and submission.reference in receipt.content.decode()
    assert submission.region == "Stockholm"
    assert submission.answers["kortet"] == {
        "issuer": "Exempelbanken",
        "card_last_four": "1234",
        "card_kind": "debit",
        "card_in_possession": "yes",
        "blocked_on": "2026-11-21",
    }
    assert submission.answers["transaktioner"] == [
        {"date": "2026-11-20", "amount": "1250.50", "currency": "SEK", "merchant": "Webshop AB"},
        {"date": "2026-11-21", "amount": "89.90", "currency": "EUR", "merchant": "shop.example.com"},
    ]
    assert set(submission.answers["nar-var"]) == {
        "date_from", "time_from", "date_to", "time_to", "municipality", "what_happened"
    }
    assert submission.items.count() == 0  # transactions are answers, not stolen items


def test_a_whole_card_number_typed_in_free_text_is_masked(client):
    card = "4111 1111 1111 1111"
    check = walk(
        client,
        **{"nar-var": {**WHEN_WHERE, "nar-var-what_happened": f"My card {card} was used."},
           "transaktioner": formset("transaktioner", [{**TRANSACTION, "merchant": f"Shop {card}"}])},
    )
    assert card not in check.content.decode()  # not even on the check page
    submit(client, "kortbedrageri", check)
    answers = Submission.objects.get().answers
    assert answers["nar-var"]["what_happened"] == "My card **** **** **** 1111 was used."
    assert answers["transaktioner"][0]["merchant"] == "Shop **** **** **** 1111"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("4111 1111 1111 1111", "Enter the last four digits of the card, for example 1234."),
        ("123", "Enter the last four digits of the card, for example 1234."),
        ("12a4", "Enter the last four digits of the card, for example 1234."),
        ("", "Fill in “The last four digits of the card”."),
    ],
)
def test_only_four_digits_are_accepted_as_the_card(client, value, message):
    pass_gate(client, "kortbedrageri", gate_answers("kortbedrageri"), "/en")
    step_post(client, "kortbedrageri", "nar-var", WHEN_WHERE, "/en")
    page = step_errors(client, "kortbedrageri", "kortet", {**CARD, "kortet-card_last_four": value})
    # The field's own message names it; the others are introduced by its label.
    assert (message if not value else f"The last four digits of the card: {message}") in page


TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", TOMORROW, "The date cannot be in the future."),
        ("date", "2026-13-01", "There is no such date: check the day and the month."),
        ("amount", "0", "The amount must be more than 0."),
        ("amount", "-10", "The amount must be more than 0."),
        ("amount", "12.345", "“Amount” is too large or has more than two decimals."),
        ("amount", "ten", "as a number, for example 1250,50."),
        ("amount", "NaN", "as a number, for example 1250,50."),
        ("amount", "", "Fill in “"),
        ("currency", "XYZ", "Choose one of the answers shown for “"),
        ("merchant", "", "Enter the merchant's name as it is shown on your bank statement."),
    ],
)
def test_transaction_validation(client, field, value, message):
    pass_gate(client, "kortbedrageri", gate_answers("kortbedrageri"), "/en")
    step_post(client, "kortbedrageri", "nar-var", WHEN_WHERE, "/en")
    step_post(client, "kortbedrageri", "kortet", CARD, "/en")
    rows = [TRANSACTION, {**TRANSACTION, field: value}]
    page = step_errors(client, "kortbedrageri", "transaktioner", formset("transaktioner", rows))
    assert message in page
    assert "Transaction 2: " in page  # the summary says which transaction
    assert 'value="Webshop AB"' in page  # nothing typed is lost


def test_at_least_one_transaction(client):
    pass_gate(client, "kortbedrageri", gate_answers("kortbedrageri"), "/en")
    step_post(client, "kortbedrageri", "nar-var", WHEN_WHERE, "/en")
    step_post(client, "kortbedrageri", "kortet", CARD, "/en")
    page = step_errors(client, "kortbedrageri", "transaktioner", formset("transaktioner", []))
    assert "Add at least one transaction." in page


def test_at_most_fifty_transactions(client):
    pass_gate(client, "kortbedrageri", gate_answers("kortbedrageri"), "/en")
    step_post(client, "kortbedrageri", "nar-var", WHEN_WHERE, "/en")
    step_post(client, "kortbedrageri", "kortet", CARD, "/en")
    page = step_errors(client, "kortbedrageri", "transaktioner", formset("transaktioner", [TRANSACTION] * 51))
    assert "You can list at most 50 transactions." in page


def test_blocked_date_cannot_be_in_the_future(client):
    pass_gate(client, "kortbedrageri", gate_answers("kortbedrageri"), "/en")
    step_post(client, "kortbedrageri", "nar-var", WHEN_WHERE, "/en")
    page = step_errors(client, "kortbedrageri", "kortet", {**CARD, "kortet-blocked_on": TOMORROW})
    assert "When did you block the card? The date cannot be in the future." in page
