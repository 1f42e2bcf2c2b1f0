"""Keeping full card numbers out of what the portal stores.

The card-fraud service asks only for a card's last four digits, but people type full card
numbers into free-text fields anyway. ``mask_card_numbers`` finds them by their Luhn check
digit and hides all but the last four digits before anything is saved.

How a card number is found:

* A *digit run* is a stretch of digits in which neighbouring digits are separated by at
  most one space, dash or plus sign, as people type card numbers (``4111 1111 1111 1111``,
  ``4111-1111-1111-1111``, ``4111111111111111``).
* A run is split at its spaces into *tokens*. A token that is a valid personal identity or
  coordination number in one of its normal forms (``YYMMDD-NNNN``, ``YYMMDD+NNNN``,
  ``YYMMDDNNNN``, ``YYYYMMDD-NNNN``, ``YYYYMMDDNNNN``), and any token holding a ``+``
  (never part of a card number), is left untouched and splits the run. So an identity
  number written next to a card number, or next to any other digits, survives intact.
* What is left between such tokens is a *stretch*. A stretch of 13 to 19 digits is a card
  number if it passes the Luhn check as a whole; otherwise it is left as it is, and so is
  a stretch of fewer than 13 digits.
* A stretch of more than 19 digits cannot be one card number, but may be a card number
  joined to other digits by a single space or dash. In it, every sequence of whole digit
  groups (groups are separated by a space or a dash; a group is never cut) holding 13 to
  19 digits that passes the Luhn check counts as a card number.
* Other gaps people put between a card number's groups (a no-break, narrow no-break, figure
  or thin space, a tab, two or three spaces, a dash or en dash with spaces around it, an en
  dash) count as one space when the text has a card number in it that way: the masked text
  then has plain spaces in those gaps. A text with no such card number is kept as typed.
* Every digit covered by a card number is replaced by ``*``, except the last four digits
  of each unbroken masked part; separators stay as they were. Over-masking a number that only
  happens to pass the check is the accepted price of never storing a real one. Masking
  repeats until nothing changes, so the output holds no card number left to find.

Known limit: a card number joined by one space to so few other digits that the run stays
within 19 digits (``12 4111 1111 1111 1111``) fails the check as a whole, and is left as it
is, as every Luhn-invalid run is.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reports.forms.validators import luhn_valid, normalize_personal_identity_number

CARD_LAST_FOUR_MESSAGE = _("Enter the last four digits of the card, for example 1234.")

MASK = "*"
VISIBLE_DIGITS = 4
_CARD_MIN_DIGITS = 13
_CARD_MAX_DIGITS = 19

_DIGIT_RUN = re.compile(r"[0-9](?:[ +-]?[0-9])*")
_IDENTITY_NUMBER_FORM = re.compile(r"[0-9]{6}[-+]?[0-9]{4}|[0-9]{8}-?[0-9]{4}")
_GROUP = re.compile(r"[0-9]+")
# Gaps between two digits that people put between a card number's groups besides one space or
# dash: a no-break, narrow no-break, figure or thin space or a tab; two or three spaces; a
# dash or en dash with a space on either side.
_ODD_GAP = re.compile(
    "(?<=[0-9])(?:[\t\u00a0\u2007\u2009\u202f]|[ \t\u00a0\u2007\u2009\u202f]{2,3}"
    "| [-\u2013] ?|[-\u2013] |\u2013)(?=[0-9])"
)


def _is_identity_number(token: str) -> bool:
    if not _IDENTITY_NUMBER_FORM.fullmatch(token):
        return False
    try:
        normalize_personal_identity_number(token)
    except ValidationError:
        return False
    return True


def _card_spans(run: str) -> list[tuple[int, int]]:
    """Spans (within ``run``) of the stretches of whole groups that are card numbers."""
    spans: list[tuple[int, int]] = []
    stretch: list[re.Match[str]] = []

    def close_stretch() -> None:
        total = sum(len(group.group()) for group in stretch)
        if total <= _CARD_MAX_DIGITS:
            # A stretch that could be one card number is judged as a whole.
            digits = "".join(group.group() for group in stretch)
            if total >= _CARD_MIN_DIGITS and luhn_valid(digits):
                spans.append((stretch[0].start(), stretch[-1].end()))
            stretch.clear()
            return
        for first in range(len(stretch)):
            digits = ""
            for last in range(first, len(stretch)):
                digits += stretch[last].group()
                if len(digits) > _CARD_MAX_DIGITS:
                    break
                if len(digits) >= _CARD_MIN_DIGITS and luhn_valid(digits):
                    spans.append((stretch[first].start(), stretch[last].end()))
        stretch.clear()

    for token in re.finditer(r"[^ ]+", run):
        if "+" in token.group() or _is_identity_number(token.group()):
            close_stretch()
            continue
        stretch.extend(_GROUP.finditer(run, token.start(), token.end()))
    close_stretch()
    return spans


def _mask_run(run: str) -> str:
    covered = [False] * len(run)
    for start, end in _card_spans(run):
        for index in range(start, end):
            covered[index] = True
    if not any(covered):
        return run

    chars = list(run)
    index = len(run) - 1
    # Walk from the right so that the last four digits of each covered stretch stay visible.
    while index >= 0:
        if not covered[index]:
            index -= 1
            continue
        kept = 0
        while index >= 0 and covered[index]:
            if chars[index].isdigit():
                if kept < VISIBLE_DIGITS:
                    kept += 1
                else:
                    chars[index] = MASK
            index -= 1
    return "".join(chars)


# Payment cards of 15 digits (American Express: 34, 37; JCB: 1800, 2131) have an IMEI's length
# and check digit, but no IMEI starts so: an IMEI's first two digits name one of the GSMA's
# reporting bodies, and none of them is 34, 37, 18 or 21.
_CARD_PREFIXES_OF_15 = ("34", "37", "1800", "2131")


def imei_shaped(value: str) -> bool:
    """15 digits (spaces and dashes aside) that cannot be a payment card's: what an item's serial
    number keeps unmasked, as an IMEI."""
    digits = value.replace(" ", "").replace("-", "")
    return len(digits) == 15 and digits.isascii() and digits.isdigit() and not digits.startswith(_CARD_PREFIXES_OF_15)


def mask_card_numbers_unless_imei(text: str) -> str:
    """``mask_card_numbers``, except for a value that is a whole IMEI (``imei_shaped``)."""
    return text if imei_shaped(text) else mask_card_numbers(text)


def mask_card_numbers(text: str) -> str:
    """Return ``text`` with every card number masked down to its last four digits.

    ``"Card 4111 1111 1111 1111 was used"`` becomes ``"Card **** **** **** 1111 was used"``.
    See the module docstring for what counts as a card number and how personal identity
    numbers are kept intact.
    """
    if sum(map(text.count, "0123456789")) < _CARD_MIN_DIGITS:
        return text  # too few digits in all for any card number: most answers (issue 13)
    return _mask_text(text)


def _mask_text(text: str) -> str:
    masked = _mask_every_run(text)
    if _ODD_GAP.search(text) is None:
        return masked
    # Card numbers copied from a bank's app or typed with care come with other gaps between the
    # groups: read those as one space; a text with no card number in it is kept as typed.
    evened = _ODD_GAP.sub(" ", masked)
    again = _mask_every_run(evened)
    return masked if again == evened else again


def _mask_every_run(text: str) -> str:
    while True:
        masked = _DIGIT_RUN.sub(lambda match: _mask_run(match.group()), text)
        if masked == text:
            return masked
        text = masked


def mask_card_numbers_in(value: Any) -> Any:
    """Return a copy of JSON-like ``value`` with card numbers masked in every string.

    Dicts, lists and tuples are walked recursively and rebuilt; dict keys and any value
    that is not a string (numbers, booleans, None) are kept as they are.
    """
    if isinstance(value, str):
        return mask_card_numbers(value)
    if isinstance(value, dict):
        return {key: mask_card_numbers_in(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_card_numbers_in(item) for item in value]
    if isinstance(value, tuple):
        return tuple(mask_card_numbers_in(item) for item in value)
    return value


def card_last_four(value: str) -> str:
    """Return the last four digits of a card as typed, after checking it is exactly 4 digits.

    Surrounding whitespace is ignored. Raises ``ValidationError`` (code ``invalid``)
    otherwise, so a full card number is never accepted in this field.
    """
    digits = value.strip()
    if len(digits) != VISIBLE_DIGITS or not digits.isascii() or not digits.isdigit():
        raise ValidationError(CARD_LAST_FOUR_MESSAGE, code="invalid")
    return digits
