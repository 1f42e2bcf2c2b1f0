"""Error messages written for citizens: every form a citizen sees replaces Django's stock
messages ("This field is required.", "Enter a valid date.", "Please submit at least 1 form.")
with messages that name the field they belong to, so that each reads on its own in the error
summary. A message a field declares itself (``error_messages=…``) is kept as it is.

``STOCK`` holds Django's own texts; tests/test_stock_messages.py fails when one reaches a page.
"""
from __future__ import annotations

from functools import cache
from operator import is_
from typing import NamedTuple
from weakref import WeakKeyDictionary

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

REQUIRED_TEXT = _("Fill in “%(label)s”.")
REQUIRED_CHOICE = _("Answer “%(label)s”.")
REQUIRED_TICK = _("Tick “%(label)s” to continue.")
REQUIRED_FILE = _("Choose a file for “%(label)s”.")
INVALID_CHOICE = _("Choose one of the answers shown for “%(label)s”.")
INVALID_WHOLE_NUMBER = _("Write “%(label)s” as a whole number, for example 6500.")
INVALID_NUMBER = _("Write “%(label)s” as a number, for example 1250,50.")
INVALID_EMAIL = _("Write the e-mail address in the form name@example.se.")
INVALID_TIME = _("Write the time as hours and minutes, for example 14:30.")
INVALID_OTHER = _("Check what you wrote in “%(label)s”.")
MAX_LENGTH = _("“%(label)s” can be at most %%(limit_value)d characters long (it is %%(show_value)d now).")
MIN_LENGTH = _("“%(label)s” must be at least %%(limit_value)d characters long.")
MAX_VALUE = _("“%(label)s” can be at most %%(limit_value)s.")
MIN_VALUE = _("“%(label)s” must be at least %%(limit_value)s.")
TOO_MANY_DIGITS = _("“%(label)s” is too large or has more than two decimals.")
FILE_PROBLEM = _("The file could not be read: choose it again.")

# The codes of the validators Django adds to fields (MaxLengthValidator, EmailValidator, …).
VALIDATOR_CODES = {"max_length", "min_length", "max_value", "min_value", "step_size", "max_digits",
                   "max_decimal_places", "max_whole_digits"}

TOO_FEW_ENTRIES = ngettext_lazy(
    "Fill in at least %(num)d entry.", "Fill in at least %(num)d entries.", "num"
)
TOO_MANY_ENTRIES = ngettext_lazy(
    "You can add at most %(num)d entry.", "You can add at most %(num)d entries.", "num"
)


def _is_stock(field: forms.Field, code: str) -> bool:
    message = field.error_messages.get(code)
    return any(
        message is getattr(cls, "default_error_messages", {}).get(code) for cls in type(field).__mro__
    )


def _for_field(field: forms.Field) -> dict[str, str]:
    widget = field.widget
    if isinstance(field, forms.BooleanField) or isinstance(widget, forms.CheckboxInput):
        required = REQUIRED_TICK
    elif isinstance(field, forms.FileField):
        required = REQUIRED_FILE
    elif isinstance(field, forms.ChoiceField) or isinstance(widget, forms.RadioSelect | forms.Select):
        required = REQUIRED_CHOICE
    else:
        required = REQUIRED_TEXT
    if isinstance(field, forms.EmailField):
        invalid = INVALID_EMAIL
    elif isinstance(field, forms.DecimalField) and field.decimal_places != 0 or isinstance(field, forms.FloatField):
        invalid = INVALID_NUMBER
    elif isinstance(field, forms.IntegerField | forms.DecimalField):  # a DecimalField is an IntegerField
        invalid = INVALID_WHOLE_NUMBER
    elif isinstance(field, forms.TimeField):
        invalid = INVALID_TIME
    elif isinstance(field, forms.FileField):
        invalid = FILE_PROBLEM
    else:
        invalid = INVALID_OTHER
    return {
        "required": required, "invalid": invalid, "invalid_choice": INVALID_CHOICE, "invalid_list": INVALID_CHOICE,
        "max_length": MAX_LENGTH, "min_length": MIN_LENGTH, "max_value": MAX_VALUE, "min_value": MIN_VALUE,
        "max_digits": TOO_MANY_DIGITS, "max_decimal_places": TOO_MANY_DIGITS, "max_whole_digits": TOO_MANY_DIGITS,
        "step_size": invalid, "missing": FILE_PROBLEM, "empty": FILE_PROBLEM, "contradiction": FILE_PROBLEM,
        "invalid_image": FILE_PROBLEM, "incomplete": required,
    }


def _labelled(message, label) -> str:
    return str(message) % {"label": str(label or "").rstrip(":")}


# Translated and filled in only when an error is shown: a valid step never pays for the
# ~17 messages per field it does not show (issue 13).
_labelled_lazy = lazy(_labelled, str)


def field_messages(field: forms.Field) -> dict:
    """``field``'s error messages with every stock one replaced by one written for the field."""
    label = field.label
    written = {}
    for code, message in _for_field(field).items():
        # Codes of Django's validators (max_length, min_value, an e-mail's "invalid") reach
        # the field's messages only if it has one for them: give it one.
        absent = code not in field.error_messages and (
            code in VALIDATOR_CODES or (code == "invalid" and isinstance(field, forms.EmailField))
        )
        if absent or (code in field.error_messages and _is_stock(field, code)):
            written[code] = _labelled_lazy(message, label)
    return {**field.error_messages, **written}


def _holds(messages: dict, keys: tuple, values: tuple) -> bool:
    """Whether ``messages`` holds exactly ``keys``, in this order, with the very same message
    objects ``values`` (a stock message is known by identity); one C loop each, no Python per code."""
    return tuple(messages) == keys and all(map(is_, messages.values(), values))


@cache
def _widget_kind(widget_class: type) -> tuple[bool, bool]:
    """What ``_for_field`` asks of a widget (a step's ``Select`` is swapped for a faster one)."""
    return issubclass(widget_class, forms.CheckboxInput), issubclass(widget_class, forms.RadioSelect | forms.Select)


class _Prepared(NamedTuple):
    """A class field's messages, before and after ``field_messages``, and what that depended on."""

    field_class: type
    widget_kind: tuple[bool, bool]
    label: object
    decimal_places: object
    before: dict  # the class field's messages
    before_keys: tuple
    before_values: tuple
    after: dict  # field_messages() of the class field
    after_keys: tuple
    after_values: tuple


_PREPARED: WeakKeyDictionary[type, dict[str, _Prepared]] = WeakKeyDictionary()


def _prepare(base: forms.Field) -> _Prepared:
    before, after = dict(base.error_messages), field_messages(base)
    return _Prepared(
        type(base), _widget_kind(type(base.widget)), base.label, getattr(base, "decimal_places", None),
        before, tuple(before), tuple(before.values()), after, tuple(after), tuple(after.values()),
    )


def _prepared(form_class: type) -> dict[str, _Prepared]:
    """Per form class, once: the messages of each of its class fields, before and after."""
    prepared = _PREPARED.get(form_class)
    if prepared is None:
        prepared = {name: _prepare(base) for name, base in getattr(form_class, "base_fields", {}).items()}
        _PREPARED[form_class] = prepared
    return prepared


def _as_class_field(field: forms.Field, entry: _Prepared) -> bool:
    """Whether ``field_messages`` gives ``field`` what it gave the class field: the same class,
    the same label object, the same decimal places (a number's message depends on them), a
    widget ``_for_field`` takes for the same kind."""
    return (
        type(field) is entry.field_class
        and field.label is entry.label
        and getattr(field, "decimal_places", None) == entry.decimal_places
        and _widget_kind(type(field.widget)) == entry.widget_kind
    )


def citizen_messages(form: forms.BaseForm) -> None:
    """Replace every stock message of ``form``'s fields by one written for its field (lazily:
    in the language active when the message is shown, with the field's label).

    A field that is still what its class declared (a copy: same classes, label and messages)
    takes the messages worked out once for the class (issue 13: on every validation this was
    about a tenth of a step POST); a field the form's ``__init__`` changed is worked out anew.
    """
    prepared = _prepared(type(form))
    for name, field in form.fields.items():
        entry = prepared.get(name)
        if entry is not None and _as_class_field(field, entry):
            messages = field.error_messages
            if _holds(messages, entry.before_keys, entry.before_values):
                field.error_messages = entry.after.copy()
                continue
            if _holds(messages, entry.after_keys, entry.after_values):
                continue  # validated before
        field.error_messages = field_messages(field)


class CitizenMessagesMixin:
    """For a form citizens see: its fields' stock messages replaced (``citizen_messages``)
    when it is validated, so that labels a form's ``__init__`` changes are the ones named."""

    def full_clean(self):
        citizen_messages(self)
        super().full_clean()


class CitizenFormSetMixin:
    """For a list citizens fill in: "Please submit at least 1 form." and its like replaced."""

    default_error_messages = {"too_few_forms": TOO_FEW_ENTRIES, "too_many_forms": TOO_MANY_ENTRIES}
