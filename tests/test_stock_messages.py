"""No stock Django message reaches a citizen: "This field is required.", "Enter a valid
date.", "Please submit at least 1 form." (and their Swedish translations) are replaced by
messages written for their field (reports.forms.messages).

Two checks: every field of every form a citizen can see carries no stock message, for any
error code; and every step of every e-service, submitted empty and with nonsense, shows none.
"""
import re

import pytest
from django import forms
from django.core import validators
from django.utils import translation

from reports.catalogue import registry
from reports.forms.gate import GateForm
from tests.forms.steps import step_form_kwargs
from tests.reports.helpers import pass_gate, step_post
from tests.reports.service_walk import gate_answers

pytestmark = pytest.mark.django_db

LANGUAGES = ("sv", "en")


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _django_messages():
    """Django's own messages (lazy texts): its fields', its validators' and its formsets'."""
    found = []
    for cls in [forms.Field, *_subclasses(forms.Field)]:
        if cls.__module__.startswith("django."):
            found += list(getattr(cls, "default_error_messages", {}).values())
    for name in dir(validators):
        message = getattr(getattr(validators, name), "message", None)
        if message is not None:
            found.append(message)
    found += list(forms.BaseFormSet.default_error_messages.values())
    return found


class _Numbers(dict):
    """Any placeholder of a plural message, filled with the same number."""

    def __init__(self, number):
        super().__init__()
        self.number = number

    def __missing__(self, key):
        return self.number


def _as_pattern(text: str) -> str:
    parts = re.split(r"%\(\w+\)[sdr]|%[sd]", text)
    return ".{1,80}?".join(re.escape(part) for part in parts)


def stock_pattern(language: str) -> re.Pattern:
    texts = set()
    with translation.override(language):
        for message in _django_messages():
            for number in (1, 2):
                text = str(message)
                if not text:  # a plural message (ngettext_lazy): it takes its number first
                    text = message % _Numbers(number)
                texts.add(text)
    texts = {t for t in texts if len(t) > 8}
    return re.compile("|".join(sorted((_as_pattern(t) for t in texts), key=len, reverse=True)))


def _citizen_forms():
    """Every form and list a citizen can be shown, ready to validate."""
    from reports.booking import forms as booking_forms
    from reports.eid.forms import TestIdentityForm
    from reports.resume.forms import DraftSaveForm
    from reports.status.forms import StatusLookupForm, SupplementForm

    found = [(f"{s.slug} gate", GateForm(data={}, service=s)) for s in registry]
    for service in registry:
        for step in service.steps:
            form_class = step.form_class
            kwargs = step_form_kwargs(service, form_class)
            if issubclass(form_class, forms.BaseFormSet):
                form = form_class(data={"x-TOTAL_FORMS": "1", "x-INITIAL_FORMS": "0"}, prefix="x", **kwargs)
                found += [(f"{service.slug}/{step.name} list", form)]
                found += [(f"{service.slug}/{step.name}", sub) for sub in form.forms]
            else:
                found.append((f"{service.slug}/{step.name}", form_class(data={}, **kwargs)))
    for form_class in (booking_forms.OfficeSearchForm, booking_forms.PeopleForm, booking_forms.ContactForm,
                       booking_forms.ManageLookupForm, TestIdentityForm, DraftSaveForm, StatusLookupForm,
                       SupplementForm):
        found.append((form_class.__name__, form_class(data={})))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_field_of_a_citizen_form_carries_a_stock_message(language):
    pattern = stock_pattern(language)
    stock = {}
    with translation.override(language):
        for where, form in _citizen_forms():
            form.is_valid()  # messages are written when the form is validated
            if isinstance(form, forms.BaseFormSet):
                for code, message in form.error_messages.items():
                    if code != "missing_management_form" and pattern.search(str(message % {"num": 1})):
                        stock[f"{where}: {code}"] = str(message)
                continue
            for name, field in form.fields.items():
                for code, message in field.error_messages.items():
                    if pattern.search(str(message)):
                        stock[f"{where}.{name}: {code}"] = str(message)
    assert stock == {}


def test_the_check_recognises_a_stock_message():
    """The check above would fail: Django's own texts match, in both languages."""
    assert stock_pattern("en").search("Date: This field is required.")
    assert stock_pattern("en").search("Please submit at least 1 form.")
    assert stock_pattern("sv").search("Detta fält måste fyllas i.")
    assert stock_pattern("sv").search("Skicka minst 1 formulär.")
    assert not stock_pattern("en").search("Fill in “Date”.")


NONSENSE = "§§ not-an-answer ¤¤ " * 300  # too long, not a number, not a date, not a choice


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", [s.slug for s in registry if not s.requires_eid and not s.entry_url_name])
def test_no_step_shows_a_stock_message_when_sent_empty_or_with_nonsense(client, slug, language):
    pattern = stock_pattern(language)
    prefix = "" if language == "sv" else "/en"
    service = registry[slug]
    empty_gate = client.post(f"{prefix}/{slug}/", {}).content.decode()
    found = {"gate": pattern.findall(empty_gate)}
    pass_gate(client, slug, gate_answers(slug), prefix)
    for step in service.steps:
        if step.condition or getattr(step.form_class, "accepts_files", False):
            continue
        inner = getattr(step.form_class, "form", step.form_class)
        names = list(inner.base_fields)
        if issubclass(step.form_class, forms.BaseFormSet):
            management = {f"{step.name}-TOTAL_FORMS": "1", f"{step.name}-INITIAL_FORMS": "0"}
            empty = {**management}
            nonsense = {**management, **{f"{step.name}-0-{n}": NONSENSE for n in names}}
        else:
            empty = {}
            nonsense = {f"{step.name}-{n}": NONSENSE for n in names}
        for kind, data in (("empty", empty), ("nonsense", nonsense)):
            response = step_post(client, slug, step.name, data, prefix)
            assert response.status_code in (200, 302), (step.name, kind)
            if response.status_code == 200:
                found[f"{step.name} {kind}"] = pattern.findall(response.content.decode())
    assert {where: hits for where, hits in found.items() if hits} == {}
