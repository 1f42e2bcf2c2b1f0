"""The step forms' TimeField reads "HH:MM" without strptime (issue 13): in every language of
the portal it must give what Django's TimeField gives, for any input."""
import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from reports.forms.common import WhenWhereForm
from reports.forms.fields import TimeField

VALUES = ["08:00", "23:59", "00:00", " 17:30 ", "24:00", "8:00", "08:00:00", "08:00:00.5", "08.00", "08.00.00",
          "12:60", "1230", "", None, "x", "٠٨:٠٠", "08:00\n"]


def cleaned(field, value):
    try:
        return field.clean(value)
    except ValidationError as error:
        return ("error", error.code)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES] + ["de", "fr", "nl"])
def test_the_same_time_as_djangos_timefield(language):
    with translation.override(language):
        for required in (True, False):
            for value in VALUES:
                ours, djangos = TimeField(required=required), forms.TimeField(required=required)
                assert cleaned(ours, value) == cleaned(djangos, value), (language, value)


def test_the_when_step_uses_it():
    assert isinstance(WhenWhereForm.base_fields["time_from"], TimeField)
    assert isinstance(WhenWhereForm.base_fields["time_to"], TimeField)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES] + ["de", "fr", "nl"])
def test_djangos_lazy_time_formats_are_what_the_field_reads_instead(language):
    """TimeField reads get_format("TIME_INPUT_FORMATS") where a field has Django's lazy formats."""
    from django.utils.formats import get_format

    from reports.forms import fields

    assert fields._DJANGOS_TIME_FORMATS is forms.TimeField.input_formats
    assert TimeField().input_formats is forms.TimeField.input_formats
    with translation.override(language):
        assert list(forms.TimeField.input_formats) == list(get_format("TIME_INPUT_FORMATS"))


@pytest.mark.parametrize("input_formats", [["%H:%M"], ["%H.%M", "%H:%M"], ["%H:%M:%S", "%H:%M"], ["%I:%M %p"], []])
def test_a_field_with_its_own_formats_gives_djangos_time(input_formats):
    for language in ("sv", "en"):
        with translation.override(language):
            for value in VALUES:
                ours, djangos = TimeField(input_formats=input_formats), forms.TimeField(input_formats=input_formats)
                assert cleaned(ours, value) == cleaned(djangos, value), (input_formats, value)
