"""The copy of its fields every form makes when it is built, without ``copy.deepcopy``'s
general machinery (issue 13).

Django builds each form's ``fields`` as ``copy.deepcopy(self.base_fields)``: per field a
``copy.copy`` through ``__reduce_ex__``, the widget's ``__deepcopy__``, the error messages and
validators copied, a choice field's choices deep-copied. On a citizen step POST that was about
a tenth of the request's CPU. ``FieldsDict`` (the ``base_fields`` of the citizen step forms,
``reports.forms.common.StepFormMetaclass``) makes the same copy directly: the same attributes,
the same containers copied, the same objects shared, for the field and widget classes whose
``__deepcopy__`` is Django's plain one (``Field``, ``ChoiceField``, ``Widget``,
``ChoiceWidget``). Any other field or widget (a ``MultiValueField``, a ``MultiWidget``, a
class with its own copying) is copied by ``copy.deepcopy`` exactly as before.
tests/forms/test_fast_copy.py compares both copies for every citizen step form.
"""
from __future__ import annotations

import copy
from functools import cache
from operator import is_

from django import forms
from django.forms.widgets import ChoiceWidget
from django.utils.functional import Promise

_FIELD_COPIES = (forms.Field.__deepcopy__, forms.ChoiceField.__deepcopy__)
_WIDGET_COPIES = (forms.Widget.__deepcopy__, ChoiceWidget.__deepcopy__)


@cache
def _plainly_copied(cls: type) -> bool:
    """Whether ``copy.copy`` of an instance of ``cls`` is ``cls.__new__(cls)`` with the same
    ``__dict__`` (the default reduce protocol: no ``__copy__``, ``__reduce__``, state hooks or
    slots)."""
    return (
        cls.__reduce_ex__ is object.__reduce_ex__
        and cls.__reduce__ is object.__reduce__
        and getattr(cls, "__copy__", None) is None
        and getattr(cls, "__getstate__", object.__getstate__) is object.__getstate__
        and getattr(cls, "__setstate__", None) is None
        and all("__slots__" not in vars(klass) for klass in cls.__mro__[:-1])
    )


@cache
def _field_copied_here(cls: type) -> bool:
    return cls.__deepcopy__ in _FIELD_COPIES and _plainly_copied(cls)


@cache
def _widget_copied_here(cls: type) -> bool:
    return cls.__deepcopy__ in _WIDGET_COPIES and _plainly_copied(cls)


def _copy(obj):
    cls = type(obj)
    new = cls.__new__(cls)
    new.__dict__.update(obj.__dict__)
    return new


def _flat(value) -> bool:
    """A value ``copy.deepcopy`` returns as it is: a ``str``, ``int`` or ``None`` (exactly:
    a subclass of ``str`` is copied), or a lazy translation (its ``__deepcopy__`` returns it)."""
    return value is None or type(value) in (str, int, bool) or isinstance(value, Promise)


# Choices lists already found flat, each with the pairs it held then: a list can change, so it
# counts as flat again only while it holds the very same pair objects (tuples: their items are
# the same too). A class field's list is looked at on every copy; this check is one C loop.
_FLAT_CHOICES: dict[int, tuple[list, tuple]] = {}
_FLAT_CHOICES_KEPT = 512  # cleared when full: only class fields' lists are expected here


def _flat_pairs(choices) -> bool:
    if type(choices) is not list:
        return False
    known = _FLAT_CHOICES.get(id(choices))
    if known is not None and known[0] is choices and len(known[1]) == len(choices) and all(map(is_, choices, known[1])):
        return True
    flat = all(
        type(choice) is tuple and len(choice) == 2 and _flat(choice[0]) and _flat(choice[1]) for choice in choices
    )
    if flat:
        if len(_FLAT_CHOICES) >= _FLAT_CHOICES_KEPT:
            _FLAT_CHOICES.clear()
        _FLAT_CHOICES[id(choices)] = (choices, tuple(choices))
    return flat


def _choices_copy(choices, memo):
    """``copy.deepcopy(choices, memo)``: a list of flat (value, label) pairs is a new list of
    the same tuples (deepcopy keeps a tuple whose items it keeps); anything else is deep-copied."""
    if _flat_pairs(choices):
        return list(choices)
    return copy.deepcopy(choices, memo)


def _widget_copy(widget, memo):
    if id(widget) in memo:
        return memo[id(widget)]
    if not _widget_copied_here(type(widget)):
        return copy.deepcopy(widget, memo)
    new = _copy(widget)
    new.attrs = widget.attrs.copy()
    if type(widget).__deepcopy__ is ChoiceWidget.__deepcopy__:
        choices = widget.choices
        if type(widget).choices is ChoiceWidget.choices and _flat_pairs(choices):
            # What the choices setter (normalize_choices) makes of a copy of flat pairs.
            new._choices = [(value, label) for value, label in choices]
        else:
            new.choices = copy.copy(choices)
    memo[id(widget)] = new
    return new


def field_copy(field, memo):
    """``copy.deepcopy(field, memo)``."""
    if id(field) in memo:
        return memo[id(field)]
    if not _field_copied_here(type(field)):
        return copy.deepcopy(field, memo)
    new = _copy(field)
    memo[id(field)] = new
    new.widget = _widget_copy(field.widget, memo)
    new.error_messages = field.error_messages.copy()
    new.validators = field.validators[:]
    if type(field).__deepcopy__ is forms.ChoiceField.__deepcopy__:
        new._choices = _choices_copy(field._choices, memo)
    return new


class FieldsDict(dict):
    """A form class's ``base_fields`` whose deep copy (the form's ``fields``) is a plain
    ``dict`` made by ``field_copy``."""

    def __deepcopy__(self, memo):
        copied = {}
        memo[id(self)] = copied
        for name, field in self.items():
            copied[name] = field_copy(field, memo)
        return copied
