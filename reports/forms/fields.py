"""Form fields shared by the steps: Swedish identifiers and the person's contact details.

An identifier field accepts what people actually type and cleans it to the canonical form
of its ``reports.forms.validators`` normaliser, whose ``ValidationError`` (message and code)
the form shows as it is. An optional identifier field left empty cleans to ``""``.

The default widgets help people on phones (a numeric keyboard, the phone keypad) and let
the browser fill in the person's own details; a field that asks about someone else passes a
plain ``widget`` so that the browser does not offer the reporter's own number.
"""
from __future__ import annotations

import re
from datetime import time
from functools import cache

from django import forms
from django.utils.formats import get_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reports.constants import Language
from reports.forms.validators import (
    normalize_date,
    normalize_organisation_number,
    normalize_personal_identity_number,
    normalize_phone_number,
    normalize_registration_number,
)
from reports.municipalities import is_municipality_choice, municipality_choices


class NormalizedCharField(forms.CharField):
    """A text field cleaned by ``normalize`` once it has passed the usual text checks."""

    default_max_length: int
    default_widget_attrs: dict[str, str] = {}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", self.default_max_length)
        kwargs.setdefault("widget", forms.TextInput(attrs=self.default_widget_attrs))
        super().__init__(**kwargs)

    def normalize(self, value: str) -> str:
        raise NotImplementedError

    def clean(self, value):
        value = super().clean(value)
        return self.normalize(value) if value else value


class PersonalIdentityNumberField(NormalizedCharField):
    """A personal identity or coordination number, cleaned to 12 digits ``YYYYMMDDNNNN``."""

    default_max_length = 13
    default_widget_attrs = {"inputmode": "numeric", "autocomplete": "off"}

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("12 digits: YYYYMMDD-NNNN."))
        super().__init__(**kwargs)

    def normalize(self, value: str) -> str:
        return normalize_personal_identity_number(value)


class PhoneNumberField(NormalizedCharField):
    """A Swedish or international phone number, cleaned to E.164 (``+46701234567``)."""

    default_max_length = 40
    default_widget_attrs = {"type": "tel", "autocomplete": "tel"}

    def normalize(self, value: str) -> str:
        return normalize_phone_number(value)


class RegistrationNumberField(NormalizedCharField):
    """A Swedish vehicle registration number, cleaned to upper case without spaces (``ABC123``)."""

    default_max_length = 20

    def normalize(self, value: str) -> str:
        return normalize_registration_number(value)


class OrganisationNumberField(NormalizedCharField):
    """A Swedish organisation number (or a sole trader's identity number), cleaned to ``NNNNNN-NNNN``."""

    default_max_length = 13
    default_widget_attrs = {"inputmode": "numeric"}

    def normalize(self, value: str) -> str:
        return normalize_organisation_number(value)


class DateInput(forms.TextInput):
    """A date typed as text: the browser's own date widget shows the format of the browser's
    locale (mm/dd/yyyy under en-US), which contradicts the hint and the parser."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", "class": "date-input", **(attrs or {})})

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else super().format_value(value)


class DateField(forms.DateField):
    """A date as people type it (``reports.forms.validators.normalize_date``), cleaned to a
    ``date``; a date that does not exist is refused, never stored."""

    widget = DateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        return normalize_date(value)


# "HH:MM", what a time input sends, and the formats that cannot read it (the ones Django's
# locales put before "%H:%M"): TimeField reads it without strptime when only those come first.
_HOURS_MINUTES = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
_NOT_HOURS_MINUTES = frozenset({"%H:%M:%S", "%H:%M:%S.%f", "%H.%M.%S", "%H.%M.%S.%f", "%H.%M"})


# Django's TimeField.input_formats: get_format("TIME_INPUT_FORMATS") of the active language, lazily.
_DJANGOS_TIME_FORMATS = forms.TimeField.input_formats


@cache
def _reads_hours_minutes_first(formats: tuple[str, ...]) -> bool:
    """Whether, of ``formats`` in order, the first to read "HH:MM" is "%H:%M"."""
    return "%H:%M" in formats and all(f in _NOT_HOURS_MINUTES for f in formats[: formats.index("%H:%M")])


class TimeField(forms.TimeField):
    """Django's, reading "HH:MM" (what a time input sends) without trying each of the
    language's formats through ``strptime`` when "%H:%M" is the first that reads it
    (issue 13): the same time. Anything else is Django's."""

    def to_python(self, value):
        if isinstance(value, str):
            match = _HOURS_MINUTES.fullmatch(value.strip())
            if match:
                formats = self.input_formats
                if formats is _DJANGOS_TIME_FORMATS:
                    # The list that lazy object stands for, read once: tuple() of the lazy
                    # object looked the language's formats up twice, through its proxy.
                    formats = get_format("TIME_INPUT_FORMATS")
                if _reads_hours_minutes_first(tuple(formats)):
                    return time(int(match[1]), int(match[2]))
        return super().to_python(value)


# The class of gettext_lazy's lazy strings; made from a call without a literal, so that there
# is nothing for the catalogues to translate.
_GETTEXT_LAZY = type(_(str()))  # noqa: UP018


class HelpText(_GETTEXT_LAZY):
    """``gettext_lazy(message)`` known to be non-empty: a message written in the code is never
    empty in any language (a catalogue without it shows the message itself).

    Django's ``BoundField`` asks ``field.help_text or ""`` of every field it binds, and a lazy
    string answers that by translating itself; a step POST binds every field of its form to
    validate it (issue 13). A ``HelpText`` answers without translating; everything else is
    gettext_lazy's own (tests/forms/test_help_texts.py compares it in every language)."""

    def __bool__(self) -> bool:
        return True


def known_help_texts(fields) -> None:
    """Give each of ``fields`` (a form class's fields) whose help text is ``_("…")`` of a
    non-empty message the same help text as a ``HelpText``."""
    for field in fields.values():
        text = field.help_text
        if type(text) is _GETTEXT_LAZY and not text._kw and len(text._args) == 1:
            message = text._args[0]
            if type(message) is str and message:
                field.help_text = HelpText(text._args, text._kw)


class MunicipalityField(forms.ChoiceField):
    """One of Sweden's municipalities (``reports.municipalities``): the shared choices, and an
    answer checked by one look-up instead of a walk through the ~290 choices."""

    def __init__(self, **kwargs):
        super().__init__(choices=municipality_choices(), **kwargs)

    def valid_value(self, value) -> bool:
        return is_municipality_choice(value)


class EmailAddressField(forms.EmailField):
    """The person's own e-mail address, which the browser may fill in."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("E-mail address"))
        kwargs.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        super().__init__(**kwargs)


def page_language() -> str:
    """The language of the page being shown, as a ``Language`` value (Swedish if another)."""
    language = (get_language() or "").split("-")[0]
    return language if language in Language.values else Language.SWEDISH


class PreferredLanguageField(forms.ChoiceField):
    """The language the police write to the person in; the page's language until chosen."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Language for messages from us"))
        kwargs.setdefault("initial", page_language)
        super().__init__(choices=Language.choices, widget=forms.RadioSelect, **kwargs)


# (id of a shared choices object, language) -> (option values, their <option> markup).
_SHARED_OPTIONS: dict[tuple[int, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _attrs_html(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html`` in Python: `` name="value"``, a bare name for True,
    nothing for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """Django's single ``Select`` with the same HTML, written in Python: Django's templates
    include ``select_option.html`` and ``attrs.html`` once per option, which for the 291
    municipalities was most of a wizard step page's CPU.

    Choices that declare ``shared = True`` (one object for every form, such as
    ``reports.municipalities.MUNICIPALITY_CHOICES``) have their options written once per
    language and kept; only the selected one is written anew. Grouped choices are left to
    Django's templates. tests/forms/test_select.py compares the HTML with Django's.
    """

    def render(self, name, value, attrs=None, renderer=None):
        if self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        options = self._options()
        if options is None:  # grouped choices
            return super().render(name, value, attrs, renderer)
        values, markup = options
        wanted = self.format_value(value)
        lines = list(markup)
        for index, option_value in enumerate(values):
            if option_value in wanted:  # the first match only, as Django's optgroups()
                lines[index] = f'<option value="{escape(option_value)}" selected>{markup[index].split(">", 1)[1]}'
                break
        select_attrs = self.build_attrs(self.attrs, attrs)
        body = "".join(f"\n  {line}\n" for line in lines)
        html = f'<select name="{escape(name)}"{_attrs_html(select_attrs)}>{body}\n</select>'
        return mark_safe(html)  # noqa: S308 - every name, value and label in it is escaped above

    def _options(self):
        shared = getattr(self.choices, "shared", False)
        key = (id(self.choices), get_language() or "")
        if shared and key in _SHARED_OPTIONS:
            return _SHARED_OPTIONS[key]
        values, markup = [], []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                return None
            option_value = "" if option_value is None else str(option_value)
            values.append(option_value)
            markup.append(f'<option value="{escape(option_value)}">{conditional_escape(label)}</option>')
        options = (tuple(values), tuple(markup))
        if shared:
            _SHARED_OPTIONS[key] = options
        return options


def fast_selects(form: forms.BaseForm) -> None:
    """Render ``form``'s plain ``Select`` widgets with ``Select`` above (same HTML, less CPU).
    The widgets are the form's own copies, so the class of each is changed in place, keeping
    the attributes and choices its field gave it."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            field.widget.__class__ = Select
