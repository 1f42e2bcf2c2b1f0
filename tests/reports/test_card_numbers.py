"""No card number survives a submission: hypothesis types Luhn-valid card numbers into the
free-text fields of card fraud and of loss (which stores items), submits through the test
client, and then searches storage (the Submission row, its answers and items), every log
record of the whole run at DEBUG level, and the confirmation e-mail. Personal identity
numbers typed next to them must stay exactly as they were.
"""
import json
import logging
import re

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.models import Item, Submission
from tests.reports.service_walk import ABOUT_YOU, formset, submit, walk_to_check, when_where

pytestmark = pytest.mark.django_db

# A digit run as people type card numbers: digits with at most one space or dash between them.
# Not the fraction of a decimal number (Celery logs run times such as 0.016729818000158048).
DIGIT_RUN = re.compile(r"(?<![0-9.])[0-9](?:[ -]?[0-9])*")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Longest first, so that a shorter form is not found inside a longer one.
IDENTITY_NUMBERS = ["19811218-9876", "198112189876", "20000101-0008", "811218-9876"]


def luhn_valid(digits: str) -> bool:
    """Independent of the code under test."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def card_runs(text: str) -> list[str]:
    """Every Luhn-valid card number left in ``text``, as the masking contract defines one.

    A run of 13 to 19 digits that passes the Luhn check as a whole; in a longer run, every
    sequence of whole groups of 13 to 19 digits that passes it. The identity numbers typed in
    the text end a run (they are checked to be kept, separately).
    """
    for pin in IDENTITY_NUMBERS:
        text = text.replace(pin, " # ")
    found = []
    for match in DIGIT_RUN.finditer(text):
        groups = re.split(r"[ -]", match.group())
        digits = "".join(groups)
        if len(digits) <= 19:
            if len(digits) >= 13 and luhn_valid(digits):
                found.append(digits)
            continue
        for first in range(len(groups)):
            for last in range(first, len(groups)):
                window = "".join(groups[first : last + 1])
                if 13 <= len(window) <= 19 and luhn_valid(window):
                    found.append(window)
    return found


@st.composite
def card_numbers(draw) -> tuple[str, str]:
    """A Luhn-valid card number of 13 to 19 digits as typed (groups split by a space, a dash or
    nothing), and its digits."""
    length = draw(st.integers(min_value=13, max_value=19))
    payload = draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))
    digits = payload + next(d for d in "0123456789" if luhn_valid(payload + d))
    separator = draw(st.sampled_from(["", " ", "-"]))
    group = draw(st.sampled_from([4, 5, 6]))
    return separator.join(digits[i : i + group] for i in range(0, length, group)), digits


words = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzåäöÅÄÖ .,:;!?()/")), min_size=1, max_size=16)


@st.composite
def free_text(draw) -> tuple[str, str, list[str]]:
    """Text with one to three card numbers and an identity number: (text, identity number, cards' digits)."""
    cards = draw(st.lists(card_numbers(), min_size=1, max_size=3))
    pin = draw(st.sampled_from(IDENTITY_NUMBERS))
    parts = [draw(words).strip() or "x"]
    for typed, _digits in cards:
        parts += [typed, draw(words).strip() or "x"]
    parts.insert(draw(st.integers(min_value=0, max_value=len(parts))), pin)
    return " ".join(parts), pin, [digits for _typed, digits in cards]


def assert_no_card_numbers(text: str, where: str, cards: list[str]) -> None:
    assert card_runs(text) == [], f"a card number is left in {where}: {text!r}"
    joined = re.sub(r"[ -]", "", text)
    for digits in cards:
        assert digits not in joined, f"the card number {digits} is in {where}"


def submit_and_collect(service, steps, caplog, capture):
    """Run one whole report in a fresh browser session; return everything it left behind."""
    Submission.objects.all().delete()
    mail.outbox.clear()
    caplog.clear()
    client = Client()
    with caplog.at_level(logging.DEBUG), capture(execute=True):
        check = walk_to_check(client, service, steps)
        submit(client, service, check)
    submission = Submission.objects.get()
    stored = json.dumps(
        [submission.answers, submission.reporter_name, submission.phone, submission.email,
         list(Item.objects.filter(submission=submission).values("kind", "description", "brand_model",
                                                                  "serial_number"))],
        ensure_ascii=False,
    )
    logged = caplog.text + "\n".join(
        f"{record.getMessage()} {record.args!r}" for record in caplog.records
    )
    # Celery's task ids are UUIDs, whose digit groups joined by dashes can pass the Luhn check.
    logged = UUID.sub("<task id>", logged)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    mailed = "\n".join([message.subject, message.body, *(c for c, _type in getattr(message, "alternatives", []))])
    return stored, logged, mailed


hypothesis_settings = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@hypothesis_settings
@given(texts=st.lists(free_text(), min_size=4, max_size=4))
def test_card_fraud_free_text_never_keeps_a_card_number(caplog, django_capture_on_commit_callbacks, texts):
    (happened, issuer, merchant, name), pins, cards = zip(*texts, strict=True)
    steps = [
        ("nar-var", {
            k: v for k, v in when_where(municipality="0180", what_happened=happened).items()
            if not k.endswith(("place_kind", "address"))
        }),
        ("kortet", {
            "kortet-issuer": issuer, "kortet-card_last_four": "1111", "kortet-card_kind": "credit",
            "kortet-card_in_possession": "yes", "kortet-blocked_on": "2026-11-21",
        }),
        ("transaktioner", formset("transaktioner", [
            {"date": "2026-11-20", "amount": "100", "currency": "SEK", "merchant": merchant},
        ])),
        ("om-dig", {**ABOUT_YOU, "om-dig-name": name}),
    ]
    stored, logged, mailed = submit_and_collect("kortbedrageri", steps, caplog, django_capture_on_commit_callbacks)
    cards = [digits for typed in cards for digits in typed]
    assert_no_card_numbers(stored, "storage", cards)
    assert_no_card_numbers(logged, "the log", cards)
    assert_no_card_numbers(mailed, "the e-mail", cards)
    for pin in pins:
        assert pin in stored  # identity numbers are kept exactly as typed
    answers = Submission.objects.get().answers
    assert answers["kortet"]["card_last_four"] == "1111"


@hypothesis_settings
@given(texts=st.lists(free_text(), min_size=4, max_size=4))
def test_loss_free_text_and_items_never_keep_a_card_number(caplog, django_capture_on_commit_callbacks, texts):
    (happened, description, brand, name), pins, cards = zip(*texts, strict=True)
    steps = [
        ("nar-var", when_where(what_happened=happened)),
        ("foremal", formset("foremal", [
            {"kind": "wallet_bag", "description": description, "brand_model": brand, "serial_number": "",
             "value_sek": ""},
        ])),
        ("om-dig", {**ABOUT_YOU, "om-dig-name": name}),
    ]
    stored, logged, mailed = submit_and_collect("forlust", steps, caplog, django_capture_on_commit_callbacks)
    cards = [digits for typed in cards for digits in typed]
    assert_no_card_numbers(stored, "storage", cards)
    assert_no_card_numbers(logged, "the log", cards)
    assert_no_card_numbers(mailed, "the e-mail", cards)
    for pin in pins:
        assert pin in stored


def test_the_search_finds_what_it_looks_for():
    """The checks above would be empty if the search missed card numbers: prove it does not."""
    assert card_runs("paid with 4111 1111 1111 1111 yesterday") == ["4111111111111111"]
    assert card_runs("paid with **** **** **** 1111 yesterday") == []
    assert card_runs("pin 19811218-9876 and phone 070-123 45 67") == []
    assert card_runs("1234 5678 4111 1111 1111 1111") == ["4111111111111111"]
    assert card_runs("ran in 0.016729818000158048s") == []


@pytest.mark.parametrize("leave_by", ["continue", "back"])
def test_the_session_never_keeps_a_card_number_between_steps(client, leave_by):
    """Between steps the wizard keeps what was typed in the session: masked there too, and shown
    masked when the person comes back; an IMEI (validated as one) is kept as it is."""
    from django.contrib.sessions.models import Session

    from tests.reports.helpers import pass_gate, step_post
    from tests.reports.service_walk import gate_answers

    pass_gate(client, "forlust", gate_answers("forlust"), "/en")
    step_post(client, "forlust", "nar-var", when_where(what_happened="Card 4111 1111 1111 1111, pin 811218-9876"),
              "/en")
    items = formset("foremal", [{"kind": "phone", "description": "Phone, card 5555-5555-5555-4444 in its case",
                                 "brand_model": "", "serial_number": "490154203237518", "value_sek": ""}])
    if leave_by == "back":
        items["wizard_goto_step"] = "nar-var"
    step_post(client, "forlust", "foremal", items, "/en")
    stored = "".join(str(Session.objects.get(pk=client.session.session_key).get_decoded()))
    assert card_runs(stored.replace("490154203237518", "")) == []
    assert "490154203237518" in stored and "811218-9876" in stored
    page = client.get("/en/forlust/steg/nar-var/").content.decode()
    assert "Card **** **** **** 1111, pin 811218-9876" in page


def test_hidden_fields_such_as_the_submission_token_are_never_masked():
    """A random hex token can hold a Luhn-valid run of digits: masking it would void the submission."""
    from django.utils.datastructures import MultiValueDict

    from reports.forms.common import ConfirmForm
    from reports.wizard.views import step_data_masked

    token = "4111111111111111" + "ab" * 8
    data = MultiValueDict({"granska-token": [token], "granska-confirm": ["on"], "x-note": ["4111111111111111"]})
    kept = step_data_masked(ConfirmForm, data)
    assert kept.getlist("granska-token") == [token]
    assert kept.getlist("x-note") == ["************1111"]


# 15-digit payment cards (American Express 34/37, JCB 2131/1800) pass the same check digit as an
# IMEI, but no IMEI starts so: typed as an item's serial number they are masked, not kept.
FIFTEEN_DIGIT_CARDS = [
    "3782 822463 10005", "371449635398431", "3400-000000-00009", "213100000000001", "1800 0000 0000 002",
]


@pytest.mark.parametrize("card", FIFTEEN_DIGIT_CARDS)
def test_a_fifteen_digit_card_typed_as_a_serial_number_is_masked(card):
    from reports.forms.common import ItemForm

    assert luhn_valid(card.replace(" ", "").replace("-", ""))
    form = ItemForm(data={"kind": "wallet_bag", "description": "Wallet", "serial_number": card})
    assert form.is_valid(), form.errors
    serial = form.cleaned_data["serial_number"]
    assert card_runs(serial) == [] and serial.endswith(card[-4:])


@pytest.mark.parametrize(("typed", "kept"), [
    ("490154203237518", "490154203237518"), ("35-209900-176148-1", "352099001761481"),
    ("86 000000 000000 9", "860000000000009"),
])
def test_an_imei_typed_as_a_serial_number_is_kept(typed, kept):
    from reports.forms.common import ItemForm

    form = ItemForm(data={"kind": "phone", "description": "Phone", "serial_number": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["serial_number"] == kept


def test_the_session_never_keeps_a_fifteen_digit_card_typed_as_a_serial_number(client):
    from django.contrib.sessions.models import Session

    from tests.reports.helpers import pass_gate, step_post
    from tests.reports.service_walk import gate_answers

    pass_gate(client, "forlust", gate_answers("forlust"), "/en")
    step_post(client, "forlust", "nar-var", when_where(), "/en")
    items = formset("foremal", [
        {"kind": "wallet_bag", "description": "Wallet", "brand_model": "", "serial_number": "3782 822463 10005",
         "value_sek": ""},
        {"kind": "phone", "description": "Phone", "brand_model": "", "serial_number": "490154203237518",
         "value_sek": ""},
    ])
    items["wizard_goto_step"] = "nar-var"  # stored as typed (masked) without validating
    step_post(client, "forlust", "foremal", items, "/en")
    stored = "".join(str(Session.objects.get(pk=client.session.session_key).get_decoded()))
    assert "490154203237518" in stored  # the IMEI is kept
    assert card_runs(stored.replace("490154203237518", "")) == []
    assert "0005" in stored
