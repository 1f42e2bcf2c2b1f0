"""The form renderer writes <input> and <textarea> in Python (issue 13): the HTML must be the
one Django's widget templates write, for odd values and attributes, and for every widget and
the whole crispy rendering of every step form of every e-service, in Swedish and English."""
import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from reports.forms.renderer import KNOWN_SOURCES, FormRenderer

from .steps import odd_data, step_forms

DJANGO = DjangoTemplates()
OURS = FormRenderer()

WIDGETS = [
    forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput, forms.HiddenInput,
    forms.DateInput, forms.DateTimeInput, forms.TimeInput, forms.CheckboxInput, forms.FileInput,
    forms.Textarea, forms.SearchInput, forms.ColorInput, forms.TelInput,
    lambda: forms.PasswordInput(render_value=True),
]
VALUES = [None, "", "plain", 'a & <b> "quoted" \'single\'', mark_safe("&amp; <i>safe</i>"), 0, 12, 3.5,
          datetime.date(2026, 1, 2), datetime.datetime(2026, 1, 2, 3, 4), True, False, ("a", 1)]
ATTRS = [
    None,
    {"id": "id_f", "required": True, "disabled": False, "maxlength": 100, "class": "form-control is-invalid",
     "aria-describedby": "id_f_helptext", "aria-invalid": "true"},
    {"placeholder": gettext_lazy("E-mail address"), "data-x": mark_safe("1 &amp; 2"), "data-y": '1 & "2"',
     "step": 0.5, "min": 0, "checked": 1, "data-list": ["a", "b"], "data-tuple": ("a",)},
]


def test_the_renderer_is_the_portals():
    assert type(get_default_renderer()) is FormRenderer


def test_the_known_sources_are_this_djangos():
    for name, source in KNOWN_SOURCES.items():
        assert DJANGO.get_template(name).template.source == source, name


@pytest.mark.parametrize("widget_class", WIDGETS)
@pytest.mark.parametrize("value", VALUES, ids=repr)
@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_same_html_as_djangos_templates(widget_class, value, attrs, language):
    widget = widget_class()
    with translation.override(language):
        expected = widget.render("field&<", value, attrs, renderer=DJANGO)
        assert widget.render("field&<", value, attrs, renderer=OURS) == expected


def test_a_template_it_does_not_know_is_djangos():
    class Changed(FormRenderer):
        def _source(self, template_name):
            return "something else"

    changed = Changed()
    assert changed._writer("django/forms/widgets/text.html") is None
    assert OURS._writer("django/forms/widgets/text.html") is not None
    assert OURS._writer("django/forms/widgets/select.html") is None
    assert OURS._writer("django/forms/widgets/clearable_file_input.html") is None
    widget = forms.TextInput()
    assert widget.render("f", "v", renderer=changed) == widget.render("f", "v", renderer=DJANGO)


CRISPY_FORM = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}")
CRISPY_SUBFORM = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form helper %}")


def rendered(step_class, prefix, data, kwargs, renderer):
    """Every widget, and the whole crispy rendering as the wizard template does it."""
    if issubclass(step_class, forms.BaseFormSet):
        formset = step_class(data, prefix=prefix, form_kwargs=kwargs)
        formset.renderer = renderer
        subforms = list(formset)
        html = [str(formset.management_form)]
        html += [CRISPY_SUBFORM.render({"form": form, "helper": formset.helper}) for form in subforms]
    else:
        form = step_class(data, prefix=prefix, **kwargs)
        form.renderer = renderer
        subforms = [form]
        html = [CRISPY_FORM.render({"form": form})]
    for form in subforms:
        form.renderer = renderer
        html += [str(bound_field) for bound_field in form]
    return html


@pytest.mark.parametrize(("name", "prefix", "step_class", "kwargs"), step_forms(),
                         ids=lambda v: v if isinstance(v, str) and "/" in v else "")
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_step_form_renders_as_with_djangos_templates(name, prefix, step_class, kwargs, language):
    form_class = getattr(step_class, "form", step_class)
    odd = odd_data(prefix, form_class)
    with translation.override(language):
        for data in (None, {}, odd):
            expected = rendered(step_class, prefix, data, kwargs, DJANGO)
            ours = rendered(step_class, prefix, data, kwargs, OURS)
            assert ours == expected, (name, data)
            assert any("<input" in html or "<textarea" in html for html in ours), name
