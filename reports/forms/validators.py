"""Validation and normalisation of the Swedish identifiers a reporter types in.

Every ``normalize_*`` function accepts what people actually type (spaces, dashes,
lower case) and returns one canonical form, or raises ``ValidationError`` with a
message the form shows as it is. Every ``validate_*`` function is the matching
Django field validator: it normalises and discards the result. The error codes
(``invalid_format``, ``invalid_date``, ``invalid_check_digit``, ...) are stable so
that callers and tests can tell the failures apart without parsing messages.

The check digits and number plans are the libraries' (docs/decisions/0005-issue17-stdnum-
phonenumbers.md): Luhn, IMEI and organisation numbers by python-stdnum, phone numbers by
phonenumbers (Google's libphonenumber metadata). What stays here is what they do not do the
way the portal needs it: coordination numbers (day + 60, which stdnum's personnummer refuses),
the century of a 10-digit number relative to a given ``today``, and which message to show.
"""

from __future__ import annotations

import re
from datetime import date

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import imei as stdnum_imei
from stdnum import luhn as stdnum_luhn
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr as stdnum_orgnr

PERSONAL_IDENTITY_NUMBER_FORMAT_MESSAGE = _(
    "Enter the personal identity number as YYYYMMDD-NNNN or YYMMDD-NNNN."
)
PERSONAL_IDENTITY_NUMBER_DATE_MESSAGE = _(
    "Check the personal identity number: it does not contain a valid date of birth."
)
PERSONAL_IDENTITY_NUMBER_CHECK_DIGIT_MESSAGE = _(
    "Check the personal identity number: the check digit does not match."
)
IMEI_FORMAT_MESSAGE = _("An IMEI has 15 digits.")
IMEI_CHECK_DIGIT_MESSAGE = _("The IMEI's check digit does not match: check for a typo.")
REGISTRATION_NUMBER_FORMAT_MESSAGE = _(
    "Enter a Swedish registration number, such as ABC 123 or ABC 12A, or a personalised plate "
    "of 2 to 7 letters and digits."
)
REGISTRATION_NUMBER_LETTERS_MESSAGE = _(
    "Check the registration number: the letters I, Q and V are not used, and O is not used "
    "as the last character."
)
ORGANISATION_NUMBER_FORMAT_MESSAGE = _("Enter the organisation number as NNNNNN-NNNN.")
ORGANISATION_NUMBER_CHECK_DIGIT_MESSAGE = _("Check the organisation number: the check digit does not match.")
PHONE_NUMBER_MESSAGE = _(
    "Enter a phone number with its area code, such as 070-123 45 67, or an international "
    "number starting with +, such as +44 20 7946 0958."
)

# Personal identity numbers: 12 digits with an optional dash, or 10 digits with an optional
# dash or a plus sign (the plus marks a person aged 100 or more).
_PIN_12 = re.compile(r"(?P<date>[0-9]{8})-?(?P<serial>[0-9]{4})")
_PIN_10 = re.compile(r"(?P<date>[0-9]{6})(?P<separator>[-+]?)(?P<serial>[0-9]{4})")
_COORDINATION_DAY_OFFSET = 60

# Ordinary plates: three letters, two digits, a digit or a letter. Letters that could be
# mistaken for digits or for each other are not issued.
_ORDINARY_PLATE_SHAPE = re.compile(r"[A-ZÅÄÖ]{3}[0-9]{2}[A-ZÅÄÖ0-9]")
_ORDINARY_PLATE = re.compile(r"[A-HJ-PR-UW-Z]{3}[0-9]{2}[0-9A-HJ-NPR-UW-Z]")
_PERSONALISED_PLATE = re.compile(r"(?=.*[A-ZÅÄÖ])[A-ZÅÄÖ0-9]{2,7}")

_ORGANISATION_NUMBER = re.compile(r"(?:16)?(?P<first>[0-9]{6})-?(?P<last>[0-9]{4})")

_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_PHONE_DIGITS = re.compile(r"\+?[0-9]+")  # after the separators: no letters (no vanity numbers)
_PHONE_REGION = "SE"  # numbers without a country code are Swedish


def luhn_check_digit(digits: str) -> str:
    """Return the Luhn (mod 10) check digit to append to ``digits``.

    ``digits`` must consist of ASCII digits only; a ``ValueError`` is raised otherwise.
    """
    if not digits.isascii() or not digits.isdigit():
        raise ValueError("luhn_check_digit() needs a string of digits")
    return stdnum_luhn.calc_check_digit(digits)


def luhn_valid(digits: str) -> bool:
    """Tell whether ``digits`` ends in a correct Luhn (mod 10) check digit.

    Returns False for anything that is not a non-empty string of ASCII digits of at least
    two characters, so it can be called on raw input without guarding it first.
    """
    if len(digits) < 2 or not digits.isascii() or not digits.isdigit():
        return False
    return stdnum_luhn.is_valid(digits)


def _today() -> date:
    return timezone.localdate() if settings.USE_TZ else date.today()


def _birth_date(year: int, month: int, day: int) -> date | None:
    """The real date of birth, or None if it does not exist; coordination days are shifted."""
    if day > _COORDINATION_DAY_OFFSET:
        day -= _COORDINATION_DAY_OFFSET
    try:
        return date(year, month, day)
    except ValueError:
        return None


def birth_date(value12: str) -> date | None:
    """The date of birth in a normalised 12-digit personal identity or coordination number."""
    return _birth_date(int(value12[:4]), int(value12[4:6]), int(value12[6:8]))


def normalize_personal_identity_number(value: str, *, today: date | None = None) -> str:
    """Return a personal identity or coordination number as 12 digits, ``YYYYMMDDNNNN``.

    Accepted input: ``YYMMDD-NNNN``, ``YYMMDDNNNN``, ``YYMMDD+NNNN``, ``YYYYMMDDNNNN`` and
    ``YYYYMMDD-NNNN``, with surrounding whitespace. A coordination number
    (samordningsnummer) has 60 added to the day of birth and is accepted the same way.

    The 10-digit forms get the most recent century that does not put the date of birth
    after ``today`` (the local date by default); a ``+`` separator, used for people aged
    100 or more, moves it 100 years further back. A date of birth that does not exist or
    lies in the future is invalid. The check digit is the Luhn digit over the 10-digit form.

    Raises ``ValidationError`` with code ``invalid_format``, ``invalid_date`` or
    ``invalid_check_digit``.
    """
    today = today or _today()
    text = value.strip()
    if match := _PIN_12.fullmatch(text):
        digits = match["date"] + match["serial"]
        year = int(digits[:4])
    elif match := _PIN_10.fullmatch(text):
        short = match["date"] + match["serial"]
        month, day = int(short[2:4]), int(short[4:6])
        if day > _COORDINATION_DAY_OFFSET:
            day -= _COORDINATION_DAY_OFFSET
        year = today.year - today.year % 100 + int(short[:2])
        if (year, month, day) > (today.year, today.month, today.day):
            year -= 100
        if match["separator"] == "+":
            year -= 100
        digits = f"{year // 100:02d}{short}"
    else:
        raise ValidationError(PERSONAL_IDENTITY_NUMBER_FORMAT_MESSAGE, code="invalid_format")

    born = _birth_date(year, int(digits[4:6]), int(digits[6:8]))
    if born is None or born > today:
        raise ValidationError(PERSONAL_IDENTITY_NUMBER_DATE_MESSAGE, code="invalid_date")
    try:
        # The Luhn digit over the 10-digit form. For an ordinary number that is what stdnum's
        # personnummer.validate checks once it has read the date of birth again, which is checked
        # above (tests/forms/test_validators.py compares the two); stdnum's personnummer refuses
        # a coordination number's day + 60.
        stdnum_luhn.validate(digits[2:])
    except InvalidChecksum as error:
        raise ValidationError(
            PERSONAL_IDENTITY_NUMBER_CHECK_DIGIT_MESSAGE, code="invalid_check_digit"
        ) from error
    except StdnumError as error:
        raise ValidationError(PERSONAL_IDENTITY_NUMBER_FORMAT_MESSAGE, code="invalid_format") from error
    return digits


def validate_personal_identity_number(value: str) -> None:
    """Django validator for a personal identity or coordination number in any accepted form."""
    normalize_personal_identity_number(value)


def is_coordination_number(value12: str) -> bool:
    """Tell whether a normalised 12-digit number is a coordination number (day + 60).

    Expects the output of ``normalize_personal_identity_number``; anything that is not
    12 ASCII digits gives False.
    """
    if len(value12) != 12 or not value12.isascii() or not value12.isdigit():
        return False
    return int(value12[6:8]) > _COORDINATION_DAY_OFFSET


def normalize_imei(value: str) -> str:
    """Return an IMEI as its 15 digits; spaces and dashes in the input are ignored.

    Raises ``ValidationError`` with code ``invalid_format`` (not 15 digits) or
    ``invalid_check_digit`` (the Luhn check digit does not match).
    """
    digits = re.sub(r"[\s-]", "", value)
    if len(digits) != 15 or not digits.isascii() or not digits.isdigit():
        raise ValidationError(IMEI_FORMAT_MESSAGE, code="invalid_format")
    try:
        return stdnum_imei.validate(digits)
    except InvalidChecksum as error:
        raise ValidationError(IMEI_CHECK_DIGIT_MESSAGE, code="invalid_check_digit") from error
    except StdnumError as error:
        raise ValidationError(IMEI_FORMAT_MESSAGE, code="invalid_format") from error


def validate_imei(value: str) -> None:
    """Django validator for an IMEI (15 digits with a Luhn check digit)."""
    normalize_imei(value)


def normalize_registration_number(value: str) -> str:
    """Return a Swedish vehicle registration number in upper case without spaces or dashes.

    Accepted: ordinary plates ``ABC123`` and ``ABC12A`` (the letters I, Q and V are never
    used, and O is not used in the last position) and personalised plates of 2 to 7
    characters (A-Z, Å, Ä, Ö and digits, at least one letter). A value shaped like an
    ordinary plate (three letters, two digits, one digit or letter) must follow the
    ordinary rules, since a personalised plate may not be mistaken for one.

    Raises ``ValidationError`` with code ``invalid_format`` or ``invalid_letters``.
    """
    plate = re.sub(r"[\s-]", "", value).upper()
    if _ORDINARY_PLATE_SHAPE.fullmatch(plate):
        if not _ORDINARY_PLATE.fullmatch(plate):
            raise ValidationError(REGISTRATION_NUMBER_LETTERS_MESSAGE, code="invalid_letters")
        return plate
    if not _PERSONALISED_PLATE.fullmatch(plate):
        raise ValidationError(REGISTRATION_NUMBER_FORMAT_MESSAGE, code="invalid_format")
    return plate


def validate_registration_number(value: str) -> None:
    """Django validator for a Swedish vehicle registration number."""
    normalize_registration_number(value)


def normalize_organisation_number(value: str) -> str:
    """Return a Swedish organisation number as ``NNNNNN-NNNN``.

    A legal person's number has a third digit of 2 or more and a Luhn check digit; the
    ``16`` prefix sometimes written in front of it is accepted and dropped. A sole trader's
    organisation number is their personal identity number: any value whose third digit is
    0 or 1 (or a ``+`` separator) is validated as one, and returned in its 10-digit
    ``YYMMDD-NNNN`` form.

    Raises ``ValidationError`` with code ``invalid_format`` or ``invalid_check_digit``.
    """
    text = value.strip()
    match = _ORGANISATION_NUMBER.fullmatch(text)
    if match and int(match["first"][2]) >= 2:
        try:
            digits = stdnum_orgnr.validate(match["first"] + match["last"])
        except InvalidChecksum as error:
            raise ValidationError(
                ORGANISATION_NUMBER_CHECK_DIGIT_MESSAGE, code="invalid_check_digit"
            ) from error
        except StdnumError as error:
            raise ValidationError(ORGANISATION_NUMBER_FORMAT_MESSAGE, code="invalid_format") from error
        return stdnum_orgnr.format(digits)
    try:
        digits = normalize_personal_identity_number(text)
    except ValidationError as error:
        if error.code == "invalid_check_digit":
            raise ValidationError(
                ORGANISATION_NUMBER_CHECK_DIGIT_MESSAGE, code="invalid_check_digit"
            ) from error
        raise ValidationError(ORGANISATION_NUMBER_FORMAT_MESSAGE, code="invalid_format") from error
    return f"{digits[2:8]}-{digits[8:]}"


def validate_organisation_number(value: str) -> None:
    """Django validator for a Swedish organisation number (or a sole trader's identity number)."""
    normalize_organisation_number(value)


def normalize_phone_number(value: str) -> str:
    """Return a phone number in E.164 form, such as ``+46701234567``.

    Swedish numbers are accepted with the trunk zero and area code (``070-123 45 67``,
    ``08-123 456 78``), with ``+46`` or ``0046`` (a trunk zero written after the country
    code, as in ``+46 (0)70...``, is dropped). Other international numbers start with ``+``
    or ``00``. Spaces, dashes, dots and parentheses are ignored; letters are refused. The
    number must be valid in its country's number plan (phonenumbers' metadata).

    Raises ``ValidationError`` with code ``invalid``.
    """
    text = _PHONE_SEPARATORS.sub("", value)
    if not _PHONE_DIGITS.fullmatch(text):
        raise ValidationError(PHONE_NUMBER_MESSAGE, code="invalid")
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+460"):
        text = "+46" + text[4:]  # +46 (0)70...
    try:
        number = phonenumbers.parse(text, _PHONE_REGION)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(PHONE_NUMBER_MESSAGE, code="invalid") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_NUMBER_MESSAGE, code="invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_national_number(e164: str) -> str:
    """The digits of a stored (E.164) phone number that every way of typing it contains: the
    national significant number, ``701234567`` for ``+46701234567`` (typed ``070-123 45 67``,
    ``0046 70 …`` or ``+46 (0)70 …``, once the separators are gone). Empty for an empty or
    unreadable value."""
    try:
        return phonenumbers.national_significant_number(phonenumbers.parse(e164, _PHONE_REGION))
    except phonenumbers.NumberParseException:
        return ""


def phone_dialled_forms(e164: str) -> set[str]:
    """The digits of a stored (E.164) phone number as dialled from abroad and at home:
    ``0046701234567`` and ``0701234567`` for ``+46701234567``. Every way of typing the number,
    without its separators, is a run of one of them, or contains its national number. Empty for
    an empty or unreadable value."""
    try:
        number = phonenumbers.parse(e164, _PHONE_REGION)
    except phonenumbers.NumberParseException:
        return set()
    national = phonenumbers.national_significant_number(number)
    return {f"00{number.country_code}{national}", f"0{national}"}


def validate_phone_number(value: str) -> None:
    """Django validator for a Swedish or international phone number."""
    normalize_phone_number(value)


DATE_FORMAT_MESSAGE = _("Write the date as day, month and year, for example 28/11/2026 or 2026-11-28.")
DATE_IMPOSSIBLE_MESSAGE = _("There is no such date: check the day and the month.")
DATE_YEAR_MESSAGE = _("Check the year: write all four digits, for example 2026.")

# Month names people write, in Swedish and English, whatever the page's language (a person
# may write either); three letters or more of the name are enough ("nov", "sept", "okt").
_MONTHS = {
    1: ("januari", "january"), 2: ("februari", "february"), 3: ("mars", "march"), 4: ("april",),
    5: ("maj", "may"), 6: ("juni", "june"), 7: ("juli", "july"), 8: ("augusti", "august"),
    9: ("september",), 10: ("oktober", "october"), 11: ("november",), 12: ("december",),
}
_ISO_DATE = re.compile(r"(?P<year>[0-9]{4})[-/. ](?P<month>[0-9]{1,2})[-/. ](?P<day>[0-9]{1,2})")
_COMPACT_DATE = re.compile(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})")
_DAY_FIRST_DATE = re.compile(r"(?P<day>[0-9]{1,2})[-/.](?P<month>[0-9]{1,2})[-/.](?P<year>[0-9]{4})")
_NAMED_MONTH_DATE = re.compile(
    r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th|:e|:a)?\.? (?P<month>[a-zåäö]+)\.?,? (?P<year>[0-9]{4})"
)
_MONTH_FIRST_NAMED_DATE = re.compile(
    r"(?P<month>[a-zåäö]+)\.? (?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,? (?P<year>[0-9]{4})"
)
_EARLIEST_YEAR = 1900


def _month_number(name: str) -> int | None:
    if len(name) < 3:
        return None
    for number, names in _MONTHS.items():
        if any(full.startswith(name) for full in names):
            return number
    return None


def normalize_date(value: str) -> date:
    """Return the date a person typed, in any of the forms people write dates in Sweden.

    Accepted: ``2026-11-28`` (also with ``/``, ``.`` or a space, and ``20261128``),
    ``28/11/2026`` (also ``28.11.2026``, ``28-11-2026``: the day always comes first, never
    the American month first), ``28 november 2026``, ``28 nov. 2026``, ``28 November 2026``,
    ``November 28, 2026``. The year has four digits; two-digit years are ambiguous and refused.
    A date that does not exist (30 February) or a year before 1900 is refused, so an
    impossible date is never stored (whether a date may lie in the future is the field's
    rule). Codes: ``invalid_format``, ``invalid_date``, ``invalid_year``.
    """
    text = re.sub(r"\s+", " ", str(value).strip().lower())
    parts = None
    for pattern in (_ISO_DATE, _COMPACT_DATE, _DAY_FIRST_DATE, _NAMED_MONTH_DATE, _MONTH_FIRST_NAMED_DATE):
        match = pattern.fullmatch(text)
        if match:
            parts = match.groupdict()
            break
    if parts is None:
        raise ValidationError(DATE_FORMAT_MESSAGE, code="invalid_format")
    month = int(parts["month"]) if parts["month"].isdigit() else _month_number(parts["month"])
    if month is None:
        raise ValidationError(DATE_FORMAT_MESSAGE, code="invalid_format")
    year, day = int(parts["year"]), int(parts["day"])
    if year < _EARLIEST_YEAR:
        raise ValidationError(DATE_YEAR_MESSAGE, code="invalid_year")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(DATE_IMPOSSIBLE_MESSAGE, code="invalid_date") from None
