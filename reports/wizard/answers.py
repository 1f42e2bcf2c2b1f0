"""From validated wizard forms to a submission draft, and from stored answers back to text.

One pair of functions serves the "check your answers" page, the confirmation e-mail and the
staff's case page, so that a service's answers are always shown the same way.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _

from reports.catalogue import Service
from reports.privacy import mask_card_numbers_in
from reports.services import SubmissionDraft


def draft_build(*, service: Service, form_dict: dict[str, Any]) -> SubmissionDraft:
    """Collect each shown step's cleaned data; card numbers are masked before anything is kept."""
    draft = SubmissionDraft()
    item_exempt: tuple[str, ...] = ()
    for step in service.steps:
        form = form_dict.get(step.name)
        if form is None:
            continue
        exempt = unmasked_fields(type(form))
        if getattr(form, "stored", True):
            draft.answers[step.name] = _serialize(form, exempt)
        contribute = getattr(form, "contribute", None)
        if contribute is not None:
            contribute(draft)
        if isinstance(form, forms.BaseFormSet):
            item_exempt += exempt
    draft.items = [_masked_dict(item, item_exempt) for item in draft.items]
    # A name is free text too: what a step contributes bypasses the answers' masking.
    draft.reporter_name = mask_card_numbers_in(draft.reporter_name)
    return draft


def unmasked_fields(form_class) -> tuple[str, ...]:
    """Fields a form (or a formset's form) has validated as something that is not a card number
    (a checked IMEI)."""
    if issubclass(form_class, forms.BaseFormSet):
        form_class = form_class.form
    return tuple(getattr(form_class, "unmasked_fields", ()))


def _serialize(form, exempt: tuple[str, ...]) -> Any:
    if isinstance(form, forms.BaseFormSet):
        return [
            _masked_dict(f.cleaned_data, exempt)
            for f in form.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
    return _masked_dict(form.cleaned_data, exempt)


def _masked_dict(data: dict[str, Any], exempt: tuple[str, ...]) -> dict[str, Any]:
    """JSON-ready values; every free-text value has its card numbers masked before it is kept."""
    return {
        key: _jsonable(value) if key in exempt else mask_card_numbers_in(_jsonable(value))
        for key, value in data.items()
        if key != "DELETE"
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "name") and hasattr(value, "read"):  # an uploaded file: its name only
        return value.name
    return value


@dataclass
class AnswerSection:
    step: str
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    groups: list[list[tuple[str, str]]] = field(default_factory=list)  # one per repeated entry
    entry_name: str = ""  # what one entry is called ("Transaction"); "Item" if empty


def answers_display(*, service: Service, answers: dict[str, Any]) -> list[AnswerSection]:
    """The stored answers as labelled, human-readable rows, step by step, in the active language."""
    sections = []
    for step in service.steps:
        if step.name not in answers or not getattr(step.form_class, "stored", True):
            continue
        value = answers[step.name]
        section = AnswerSection(step=step.name, title=str(step.title))
        if isinstance(value, list):
            form_class = step.form_class.form
            section.groups = [_rows(form_class, entry) for entry in value]
            section.entry_name = str(getattr(step.form_class, "entry_name", ""))
        else:
            section.rows = _rows(step.form_class, value)
        sections.append(section)
    return sections


def _rows(form_class, values: dict[str, Any]) -> list[tuple[str, str]]:
    form = form_class()
    rows = []
    for name, bound_field in form.fields.items():
        if isinstance(bound_field.widget, forms.HiddenInput) or name not in values:
            continue
        rows.append((str(bound_field.label), _display(bound_field, values[name])))
    return rows


def _display(form_field: forms.Field, value: Any) -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(form_field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(form_field, forms.MultipleChoiceField):
        choices = {str(k): str(v) for k, v in form_field.choices}
        return ", ".join(choices.get(str(v), str(v)) for v in value)
    if isinstance(form_field, forms.ChoiceField):
        choices = {str(k): str(v) for k, v in form_field.choices}
        return choices.get(str(value), str(value))
    if isinstance(form_field, forms.DateField):
        return formats.date_format(datetime.date.fromisoformat(value), "j F Y")
    if isinstance(form_field, forms.TimeField):
        return str(value)[:5]
    if isinstance(form_field, forms.DecimalField):
        return formats.number_format(Decimal(value), use_l10n=True, force_grouping=True)
    if isinstance(value, list):  # several values of one field, such as attached files' names
        return ", ".join(str(v) for v in value)
    return str(value)
