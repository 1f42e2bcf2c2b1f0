"""The step forms' help texts are HelpText (issue 13): gettext_lazy's lazy strings that answer
``bool()`` without translating, because Django's BoundField asks ``field.help_text or ""`` of
every field it binds. In every language each must be what gettext_lazy gives, and non-empty."""
import copy
import pickle

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from reports.forms.fields import HelpText

from .steps import step_form_classes

LANGUAGES = [code for code, _name in settings.LANGUAGES] + ["de"]  # "de": no catalogue of ours


@pytest.mark.parametrize(("name", "form_class"), step_form_classes())
def test_every_help_text_of_a_step_form_reads_as_gettext_lazys(name, form_class):
    for field_name, field in form_class.base_fields.items():
        text = field.help_text
        if not isinstance(text, HelpText):
            assert type(text) is not type(gettext_lazy("-")), f"{name}.{field_name}: _() help text left out"
            continue
        (message,) = text._args
        djangos = gettext_lazy(message)
        for language in LANGUAGES:
            with translation.override(language):
                assert str(text) == gettext(message) == str(djangos), (name, field_name, language)
                assert str(text), (name, field_name, language)  # so bool() is True, as Django's says
                assert bool(text) is bool(djangos) is True
                assert text == djangos and hash(text) == hash(djangos)
        assert copy.deepcopy(text) is text
        assert str(pickle.loads(pickle.dumps(text))) == str(djangos)


def test_a_bound_field_shows_the_same_help_text_without_translating_to_bind():
    from unittest import mock

    from reports.forms.common import WhenWhereForm

    form = WhenWhereForm(data={})
    with mock.patch("django.utils.translation._trans.gettext", side_effect=AssertionError("translated")):
        bound = form["address"]  # binding no longer translates the help text
    with translation.override("sv"):
        assert str(bound.help_text) == gettext("For example a street address, the name of a shop or a station.")
    assert form["time_from"].help_text == ""  # no help text: Django's empty string


def test_help_texts_are_left_alone_where_they_are_not_a_plain_gettext_lazy():
    from django import forms

    from reports.forms.common import StepForm

    class Texts(StepForm):
        plain = forms.CharField(help_text="Plain text.")
        empty = forms.CharField(help_text=gettext_lazy(""))
        none = forms.CharField()

    assert Texts.base_fields["plain"].help_text == "Plain text."
    assert type(Texts.base_fields["empty"].help_text) is type(gettext_lazy("-"))
    assert not Texts.base_fields["empty"].help_text
    assert Texts.base_fields["none"].help_text == ""
