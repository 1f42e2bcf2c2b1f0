"""Validators for the identifiers people type: one row per case, messages asserted too.

Every valid number below was checked with an independent Luhn computation, not with the
code under test.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from reports.forms.validators import (
    is_coordination_number,
    luhn_check_digit,
    luhn_valid,
    normalize_imei,
    normalize_organisation_number,
    normalize_personal_identity_number,
    normalize_phone_number,
    normalize_registration_number,
    validate_imei,
    validate_organisation_number,
    validate_personal_identity_number,
    validate_phone_number,
    validate_registration_number,
)

TODAY = date(2025, 6, 15)

PIN_FORMAT = "Enter the personal identity number as YYYYMMDD-NNNN or YYMMDD-NNNN."
PIN_DATE = "Check the personal identity number: it does not contain a valid date of birth."
PIN_CHECK = "Check the personal identity number: the check digit does not match."
IMEI_FORMAT = "An IMEI has 15 digits."
IMEI_CHECK = "The IMEI's check digit does not match: check for a typo."
PLATE_FORMAT = (
    "Enter a Swedish registration number, such as ABC 123 or ABC 12A, or a personalised plate "
    "of 2 to 7 letters and digits."
)
PLATE_LETTERS = (
    "Check the registration number: the letters I, Q and V are not used, and O is not used "
    "as the last character."
)
ORG_FORMAT = "Enter the organisation number as NNNNNN-NNNN."
ORG_CHECK = "Check the organisation number: the check digit does not match."
PHONE = (
    "Enter a phone number with its area code, such as 070-123 45 67, or an international "
    "number starting with +, such as +44 20 7946 0958."
)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, whatever the project's default language is."""
    with translation.override("en"):
        yield


def assert_invalid(call, value, code, message):
    with pytest.raises(ValidationError) as excinfo:
        call(value)
    assert excinfo.value.code == code
    assert excinfo.value.messages == [message]


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("8112189876", True),
        ("4111111111111111", True),
        ("490154203237518", True),
        ("79927398713", True),
        ("8112189875", False),
        ("4111111111111112", False),
        ("0", False),
        ("", False),
        ("81121898a6", False),
        ("8112 189876", False),
    ],
)
def test_luhn_valid(digits, expected):
    assert luhn_valid(digits) is expected


@pytest.mark.parametrize(
    ("payload", "check_digit"),
    [("811218987", "6"), ("701063239", "1"), ("411111111111111", "1"), ("7992739871", "3")],
)
def test_luhn_check_digit(payload, check_digit):
    assert luhn_check_digit(payload) == check_digit


def test_luhn_check_digit_refuses_non_digits():
    with pytest.raises(ValueError):
        luhn_check_digit("12a")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("811218-9876", "198112189876"),
        ("8112189876", "198112189876"),
        ("198112189876", "198112189876"),
        ("19811218-9876", "198112189876"),
        ("  811218-9876 ", "198112189876"),
        # A plus sign: aged 100 or more, one century further back.
        ("811218+9876", "188112189876"),
        # Coordination number: day of birth + 60.
        ("701063-2391", "197010632391"),
        ("197010632391", "197010632391"),
        # The most recent century that does not put the birth in the future.
        ("121212-1212", "201212121212"),
        ("250615-1238", "202506151238"),
        ("250616-1237", "192506161237"),
        ("991231-1231", "199912311231"),
        ("000229-1235", "200002291235"),
        ("450101-1235", "194501011235"),
    ],
)
def test_normalize_personal_identity_number_valid(value, expected):
    assert normalize_personal_identity_number(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("", "invalid_format", PIN_FORMAT),
        ("abcdef-ghij", "invalid_format", PIN_FORMAT),
        ("81121-9876", "invalid_format", PIN_FORMAT),
        ("811218/9876", "invalid_format", PIN_FORMAT),
        ("811218--9876", "invalid_format", PIN_FORMAT),
        ("1981121898761", "invalid_format", PIN_FORMAT),
        ("19811218+9876", "invalid_format", PIN_FORMAT),
        ("811318-9875", "invalid_date", PIN_DATE),
        ("810230-9872", "invalid_date", PIN_DATE),
        ("701092-2396", "invalid_date", PIN_DATE),
        # 1900 was not a leap year.
        ("000229+1235", "invalid_date", PIN_DATE),
        # Born after today.
        ("20991231-1231", "invalid_date", PIN_DATE),
        ("811218-9875", "invalid_check_digit", PIN_CHECK),
        ("19811218-9877", "invalid_check_digit", PIN_CHECK),
        ("701063-2392", "invalid_check_digit", PIN_CHECK),
    ],
)
def test_normalize_personal_identity_number_invalid(value, code, message):
    assert_invalid(lambda v: normalize_personal_identity_number(v, today=TODAY), value, code, message)


def test_validate_personal_identity_number_uses_the_local_date():
    assert validate_personal_identity_number("811218-9876") is None
    assert_invalid(validate_personal_identity_number, "811218-9875", "invalid_check_digit", PIN_CHECK)


@pytest.mark.parametrize(
    ("value12", "expected"),
    [
        ("197010632391", True),
        ("198112189876", False),
        ("197010912391", True),
        ("7010632391", False),
        ("19701063239x", False),
    ],
)
def test_is_coordination_number(value12, expected):
    assert is_coordination_number(value12) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("490154203237518", "490154203237518"),
        ("49-015420-323751-8", "490154203237518"),
        ("35 391805 047428 3", "353918050474283"),
        (" 353918050474283 ", "353918050474283"),
    ],
)
def test_normalize_imei_valid(value, expected):
    assert normalize_imei(value) == expected


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("", "invalid_format", IMEI_FORMAT),
        ("49015420323751", "invalid_format", IMEI_FORMAT),
        ("4901542032375180", "invalid_format", IMEI_FORMAT),
        ("49015420323751X", "invalid_format", IMEI_FORMAT),
        ("490154203237519", "invalid_check_digit", IMEI_CHECK),
        ("35 391805 047428 4", "invalid_check_digit", IMEI_CHECK),
    ],
)
def test_validate_imei_invalid(value, code, message):
    assert_invalid(validate_imei, value, code, message)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ABC123", "ABC123"),
        ("abc 123", "ABC123"),
        ("abc-12a", "ABC12A"),
        ("MLB 84F", "MLB84F"),
        ("XYZ 999", "XYZ999"),
        # Personalised plates.
        ("KUNG", "KUNG"),
        ("öl", "ÖL"),
        ("Å 1", "Å1"),
        ("MAMMA12", "MAMMA12"),
        ("1A", "1A"),
    ],
)
def test_normalize_registration_number_valid(value, expected):
    assert normalize_registration_number(value) == expected


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("", "invalid_format", PLATE_FORMAT),
        ("A", "invalid_format", PLATE_FORMAT),
        ("ABCDEFGH", "invalid_format", PLATE_FORMAT),
        ("123456", "invalid_format", PLATE_FORMAT),
        ("AB!12", "invalid_format", PLATE_FORMAT),
        ("IBC123", "invalid_letters", PLATE_LETTERS),
        ("AQC123", "invalid_letters", PLATE_LETTERS),
        ("ABV12A", "invalid_letters", PLATE_LETTERS),
        ("ABC12O", "invalid_letters", PLATE_LETTERS),
        ("ABC12I", "invalid_letters", PLATE_LETTERS),
    ],
)
def test_validate_registration_number_invalid(value, code, message):
    assert_invalid(validate_registration_number, value, code, message)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("556036-0793", "556036-0793"),
        ("5560360793", "556036-0793"),
        ("16556036-0793", "556036-0793"),
        ("202100-5489", "202100-5489"),
        # A sole trader's organisation number is their personal identity number.
        ("811218-9876", "811218-9876"),
        ("198112189876", "811218-9876"),
        ("19811218-9876", "811218-9876"),
    ],
)
def test_normalize_organisation_number_valid(value, expected):
    assert normalize_organisation_number(value) == expected


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("", "invalid_format", ORG_FORMAT),
        ("556036-079", "invalid_format", ORG_FORMAT),
        ("556036-07934", "invalid_format", ORG_FORMAT),
        ("55603A-0793", "invalid_format", ORG_FORMAT),
        ("811318-9875", "invalid_format", ORG_FORMAT),
        ("556036-0794", "invalid_check_digit", ORG_CHECK),
        ("811218-9875", "invalid_check_digit", ORG_CHECK),
    ],
)
def test_validate_organisation_number_invalid(value, code, message):
    assert_invalid(validate_organisation_number, value, code, message)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("070-123 45 67", "+46701234567"),
        ("0701234567", "+46701234567"),
        ("08-123 456 78", "+46812345678"),
        ("0980-123 45", "+4698012345"),
        ("+46701234567", "+46701234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("0046701234567", "+46701234567"),
        ("+46 (0)70-123 45 67", "+46701234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+1 (202) 555-0143", "+12025550143"),
    ],
)
def test_normalize_phone_number_valid(value, expected):
    assert normalize_phone_number(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "1234567",
        "070-12",
        "0701234567890",
        "+46 70 123 45 67 89 0",
        "+123456",
        "+1234567890123456",
        "+0123456789",
        "070-ABC 45 67",
    ],
)
def test_validate_phone_number_invalid(value):
    assert_invalid(validate_phone_number, value, "invalid", PHONE)


def test_an_ordinary_number_passes_stdnums_personnummer_check_exactly_when_it_passes_ours():
    """normalize_personal_identity_number checks the Luhn digit itself once it has checked the
    date of birth (issue 13): for every number with a real date of birth, stdnum's
    personnummer.validate must agree, refusal class included."""
    import random
    from datetime import timedelta

    from stdnum import luhn
    from stdnum.exceptions import InvalidChecksum
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.se import personnummer

    def outcome(check, number):
        try:
            check(number)
        except StdnumError as error:
            return type(error)
        return None

    rng = random.Random(13)
    born, checked = date(1899, 12, 25), 0
    while born < date(2026, 12, 1):
        for serial in {"0000", "9999", f"{rng.randrange(10_000):04d}", f"{rng.randrange(10_000):04d}"}:
            digits = f"{born:%Y%m%d}{serial}"
            for candidate in {digits, digits[:-1] + luhn.calc_check_digit(digits[2:-1])}:
                stdnums = outcome(personnummer.validate, candidate)
                assert stdnums == outcome(luhn.validate, candidate[2:]), candidate
                try:
                    assert normalize_personal_identity_number(candidate) == candidate and stdnums is None
                except ValidationError as error:
                    assert (error.code, stdnums) == ("invalid_check_digit", InvalidChecksum), candidate
                checked += 1
        born += timedelta(days=rng.randrange(1, 120))
    assert checked > 2_500
