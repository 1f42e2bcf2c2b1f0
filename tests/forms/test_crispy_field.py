"""crispy-bootstrap5's field.html written in Python for a citizen step's plain fields (issue 13,
decision 0018): the text must be crispy's, whitespace included, for every field of every step
form of every e-service (unbound, empty, with odd values and errors; Swedish and English), and
the whole crispy rendering of each step the same as with crispy's own field template."""
import copy

import pytest
from crispy_forms.utils import default_field_template
from django import forms
from django.template import Context, engines
from django.utils import translation

from reports.forms.common import StepForm, step_helper
from reports.forms.crispy_field import PLAIN, RADIO, _kind, field_html

from .steps import odd_data, step_forms

CRISPY_FORM = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form helper %}")
CRISPY_FIELD = default_field_template("bootstrap5")
LAYOUT = {"form_show_errors": True, "form_show_labels": True, "error_text_inline": True, "help_text_inline": False,
          "template_pack": "bootstrap5", "form_class": "", "label_class": "", "field_class": "", "flat_attrs": ""}


def crispy_default(helper):
    helper = copy.copy(helper)
    helper.field_template = None
    return helper


def rendered(step_class, prefix, data, kwargs, ours):
    """The crispy HTML of the step as the wizard template renders it, with our field template or crispy's."""
    if issubclass(step_class, forms.BaseFormSet):
        formset = step_class(data, prefix=prefix, form_kwargs=kwargs)
        helper = formset.helper if ours else crispy_default(formset.helper)
        return [CRISPY_FORM.render({"form": form, "helper": helper}) for form in formset]
    form = step_class(data, prefix=prefix, **kwargs)
    assert form.helper.field_template == "reports/includes/crispy_field.html"
    helper = form.helper if ours else crispy_default(form.helper)
    return [CRISPY_FORM.render({"form": form, "helper": helper})]


def bound_forms(step_class, prefix, data, kwargs):
    if issubclass(step_class, forms.BaseFormSet):
        return list(step_class(data, prefix=prefix, form_kwargs=kwargs))
    return [step_class(data, prefix=prefix, **kwargs)]


@pytest.mark.parametrize(("name", "prefix", "step_class", "kwargs"), step_forms(),
                         ids=lambda v: v if isinstance(v, str) and "/" in v else "")
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_step_form_renders_as_with_crispys_field_template(name, prefix, step_class, kwargs, language):
    form_class = getattr(step_class, "form", step_class)
    with translation.override(language):
        for data in (None, {}, odd_data(prefix, form_class)):
            assert rendered(step_class, prefix, data, kwargs, True) == rendered(step_class, prefix, data, kwargs, False)
            for form in bound_forms(step_class, prefix, data, kwargs):
                for field in form:
                    assert _kind(Context({**LAYOUT, "field": field}), field) == expected_kind(field), (name, field.name)
                    for options in ({}, {"form_show_errors": False}, {"form_class": "form-horizontal"}):
                        context = {**LAYOUT, **options, "field": field}
                        expected = CRISPY_FIELD.render(context)
                        assert field_html(Context(context)) == expected, (name, field.name, data, options)


def expected_kind(field):
    """The path a field must take (a test that only compared HTML would pass if none were taken)."""
    widget = field.field.widget
    if field.is_hidden or isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.FileInput):
        return None
    return RADIO if isinstance(widget, forms.RadioSelect) else PLAIN


class Everything(StepForm):
    text = forms.CharField(label="Text & <b>", help_text="Help <i>kept</i>", max_length=5)
    optional = forms.CharField(label="", required=False)
    number = forms.IntegerField(label="Number", min_value=3)
    choice = forms.ChoiceField(label="Choice", choices=[("", "–"), ("a", "A")])
    many = forms.MultipleChoiceField(label="Many", choices=[("a", "A")], widget=forms.SelectMultiple)
    area = forms.CharField(label="Area", widget=forms.Textarea, help_text="Write")
    box = forms.BooleanField(label="Box")
    radio = forms.ChoiceField(label="Radio", choices=[("a", "A")], widget=forms.RadioSelect)
    radios = forms.TypedChoiceField(label="Radios", choices=[(1, "One & <b>"), (2.5, "Two")], coerce=int,
                                    widget=forms.RadioSelect, required=False, help_text="Choose <i>one</i>")
    grouped = forms.ChoiceField(label="Grouped", widget=forms.RadioSelect,
                                choices=[("G1", [("a", "A"), ("b", "B")]), ("G2", [("c", "C")])])
    unlabelled = forms.ChoiceField(label="", choices=[("a", "A")], widget=forms.RadioSelect)
    hidden = forms.CharField(widget=forms.HiddenInput)
    upload = forms.FileField(label="File")


INVALID = {"text": "too long <", "number": "1", "choice": "x", "many": ["x"], "radios": "2.5", "grouped": "c"}


@pytest.mark.parametrize("data", [None, {}, INVALID, {"radio": "x", "radios": "9", "grouped": "b"}])
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_every_kind_of_field_and_error_as_crispy(data, auto_id):
    form = Everything(data, auto_id=auto_id)
    form.errors  # noqa: B018 - validated first
    for field in form:
        context = {**LAYOUT, "field": field}
        assert _kind(Context(context), field) == expected_kind(field), field.name
        assert field_html(Context(context)) == CRISPY_FIELD.render(context), field.name
    assert CRISPY_FORM.render({"form": form, "helper": step_helper()}) == CRISPY_FORM.render(
        {"form": form, "helper": crispy_default(step_helper())})
