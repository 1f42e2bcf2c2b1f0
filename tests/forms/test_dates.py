"""Dates as people type them: one row per form, the reason for each refusal asserted too."""
import re
from datetime import date

import pytest
from django import forms
from django.core.exceptions import ValidationError

from reports.forms.common import WhenWhereForm
from reports.forms.fields import DateField
from reports.forms.validators import (
    DATE_FORMAT_MESSAGE,
    DATE_IMPOSSIBLE_MESSAGE,
    DATE_YEAR_MESSAGE,
    normalize_date,
)

NOV_28 = date(2026, 11, 28)


@pytest.mark.parametrize("typed", [
    "2026-11-28",            # the ISO form the hint used to ask for
    " 2026-11-28 ",
    "2026/11/28",
    "2026.11.28",
    "20261128",
    "28/11/2026",            # day first, as written in Sweden and Britain
    "28.11.2026",
    "28-11-2026",
    "28 november 2026",      # Swedish
    "28 nov. 2026",
    "28:e november 2026",
    "28 November 2026",      # English
    "28th November 2026",
    "November 28, 2026",
])
def test_every_usual_way_of_writing_a_date_gives_the_same_date(typed):
    assert normalize_date(typed) == NOV_28


@pytest.mark.parametrize(("typed", "expected"), [
    ("1 maj 2026", date(2026, 5, 1)),
    ("3 okt 2026", date(2026, 10, 3)),
    ("3 oct 2026", date(2026, 10, 3)),
    ("9 mars 2026", date(2026, 3, 9)),
    ("9 March 2026", date(2026, 3, 9)),
    ("29/2/2028", date(2028, 2, 29)),  # a leap day
])
def test_month_names_and_short_forms(typed, expected):
    assert normalize_date(typed) == expected


@pytest.mark.parametrize(("typed", "code", "message", "reason"), [
    ("61128-02-02", "invalid_format", DATE_FORMAT_MESSAGE, "what a date widget stored from '2026-11-28'"),
    ("28/11/26", "invalid_format", DATE_FORMAT_MESSAGE, "a two-digit year is ambiguous"),
    ("yesterday", "invalid_format", DATE_FORMAT_MESSAGE, "words are not dates"),
    ("28 ma 2026", "invalid_format", DATE_FORMAT_MESSAGE, "two letters name no month"),
    ("28 smarch 2026", "invalid_format", DATE_FORMAT_MESSAGE, "no such month"),
    ("2026-02-30", "invalid_date", DATE_IMPOSSIBLE_MESSAGE, "30 February does not exist"),
    ("11/28/2026", "invalid_date", DATE_IMPOSSIBLE_MESSAGE, "month first: there is no month 28"),
    ("29/2/2026", "invalid_date", DATE_IMPOSSIBLE_MESSAGE, "2026 is no leap year"),
    ("28/11/0026", "invalid_year", DATE_YEAR_MESSAGE, "a year with leading zeros for a two-digit year"),
])
def test_what_is_refused_and_why(typed, code, message, reason):
    with pytest.raises(ValidationError) as refused:
        normalize_date(typed)
    assert (refused.value.code, refused.value.messages) == (code, [str(message)]), reason


def test_the_field_is_a_text_input_whose_hint_shows_a_form_the_parser_takes():
    from django.utils import translation

    form = WhenWhereForm()
    html = str(form["date_from"])
    assert 'type="text"' in html and 'type="date"' not in html
    with translation.override("en"):
        example = str(form.fields["date_from"].help_text).rsplit("For example ", 1)[1].rstrip(".")
    assert normalize_date(example) == NOV_28


def test_an_empty_optional_date_is_none_and_an_impossible_one_never_cleans():
    assert DateField(required=False).clean("") is None
    with pytest.raises(ValidationError):
        DateField().clean("2026-13-01")


@pytest.mark.parametrize(("page_language", "preselected"), [("sv", "sv"), ("en", "en"), ("de", "sv")])
def test_the_message_language_is_preselected_to_the_page_language(page_language, preselected):
    from django.utils import translation

    from reports.forms.fields import PreferredLanguageField

    class Form(forms.Form):
        preferred_language = PreferredLanguageField()

    with translation.override(page_language):
        field = Form()["preferred_language"]
        assert field.value() == preselected
        assert re.findall(r'<input[^>]*value="(\w+)"[^>]*checked', str(field)) == [preselected]


# -- not_in_future: the active time zone is looked up only for a date near today (issue 13)

def _djangos_answer(value):
    """What not_in_future answered when it compared every date with timezone.localdate()."""
    from django.utils import timezone

    return "future" if value and value > timezone.localdate() else None


def _our_answer(value):
    from reports.forms.common import not_in_future

    try:
        not_in_future(value)
    except ValidationError as error:
        return error.code
    return None


@pytest.mark.parametrize("zone", ["UTC", "Europe/Stockholm", "Pacific/Kiritimati", "Etc/GMT+12", "Pacific/Pago_Pago",
                                  "America/Los_Angeles", "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns"])
def test_not_in_future_answers_as_the_local_date_does_in_every_time_zone(zone):
    from datetime import UTC, datetime, timedelta
    from unittest import mock

    from django.utils import timezone

    instants = [datetime(2026, 12, 1, hour, minute, tzinfo=UTC) for hour, minute in
                [(0, 0), (0, 1), (9, 59), (10, 0), (11, 30), (12, 0), (13, 45), (23, 59)]]
    instants.append(datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC))
    with timezone.override(zone):
        for instant in instants:
            with mock.patch("django.utils.timezone.now", return_value=instant):
                for offset in range(-5, 6):
                    value = instant.date() + timedelta(days=offset)
                    assert _our_answer(value) == _djangos_answer(value), (zone, instant, value)
                assert _our_answer(None) is None and _djangos_answer(None) is None


def test_not_in_future_without_time_zones_fails_as_djangos_local_date_does(settings):
    from django.utils import timezone

    settings.USE_TZ = False
    for value in (date(2000, 1, 1), date(2999, 1, 1)):
        with pytest.raises(ValueError) as ours:
            _our_answer(value)
        with pytest.raises(ValueError) as djangos:
            timezone.localdate()
        assert str(ours.value) == str(djangos.value)
