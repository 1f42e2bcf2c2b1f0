"""The citizen messages of a form class's fields are worked out once (issue 13); a form must
still show exactly what working them out for each field gives, also when its ``__init__``
changed a field (a label, a message, the field itself)."""
import pytest
from django import forms
from django.utils import translation

from reports.forms.common import StepForm
from reports.forms.messages import field_messages

from .steps import step_forms as every_step


def step_forms():
    """(``service/step``, the step's form class (a list's form for a formset), its kwargs)."""
    return [(name, getattr(step_class, "form", step_class), kwargs) for name, _step, step_class, kwargs in every_step()]


def as_text(messages):
    return {code: str(text) for code, text in messages.items()}


@pytest.mark.parametrize(("name", "form_class", "kwargs"), step_forms(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_step_form_shows_the_messages_worked_out_for_each_field(name, form_class, kwargs):
    for attempt in range(2):  # the class's messages are worked out on the first form
        form = form_class(data={}, **kwargs)
        expected = {field_name: field_messages(field) for field_name, field in form.fields.items()}
        form.full_clean()
        for language in ("sv", "en", "ar"):
            with translation.override(language):
                for field_name, field in form.fields.items():
                    assert as_text(field.error_messages) == as_text(expected[field_name]), (name, field_name, attempt)
        form.full_clean()  # validated again (errors shown after a kept page): unchanged
        for field_name, field in form.fields.items():
            assert as_text(field.error_messages) == as_text(expected[field_name])


class ChangingForm(StepForm):
    name = forms.CharField(label="Name", max_length=10)
    amount = forms.DecimalField(label="Amount", decimal_places=2)
    own = forms.CharField(label="Own", error_messages={"required": "Write your own text."})
    swapped = forms.CharField(label="Swapped")

    def __init__(self, *args, relabel=False, **kwargs):
        super().__init__(*args, **kwargs)
        if relabel:
            self.fields["name"].label = "Name of the owner"
            self.fields["amount"].decimal_places = 0
            self.fields["own"].error_messages["required"] = str(forms.Field.default_error_messages["required"])
            self.fields["swapped"] = forms.ChoiceField(label="Swapped", choices=[("a", "A")])


def test_a_field_changed_by_the_forms_init_gets_messages_for_what_it_became():
    with translation.override("en"):
        plain = ChangingForm(data={"name": "x" * 11, "amount": "1,5"})
        plain.is_valid()
        assert plain.errors["name"] == ["“Name” can be at most 10 characters long (it is 11 now)."]
        assert plain.errors["own"] == ["Write your own text."]  # declared by the field: kept
        assert plain.errors["swapped"] == ["Fill in “Swapped”."]
        changed = ChangingForm(data={"name": "x" * 11, "amount": "1,5"}, relabel=True)
        changed.is_valid()
        assert changed.errors["name"] == ["“Name of the owner” can be at most 10 characters long (it is 11 now)."]
        number = str(changed.fields["amount"].error_messages["invalid"])
        assert number == "Write “Amount” as a whole number, for example 6500."
        # A message the form set itself, equal in text to Django's but not Django's object: kept.
        assert changed.errors["own"] == ["This field is required."]
        assert changed.errors["swapped"] == ["Answer “Swapped”."]
        again = ChangingForm(data={"name": "x" * 11})
        again.is_valid()
        assert again.errors["name"] == plain.errors["name"]  # the class's messages were not touched


class RelabelledLaterForm(StepForm):
    name = forms.CharField(label="Name", max_length=10)


def test_a_class_field_relabelled_after_its_messages_were_worked_out_names_its_new_label():
    with translation.override("en"):
        first = RelabelledLaterForm(data={"name": "x" * 11})
        first.is_valid()
        assert first.errors["name"] == ["“Name” can be at most 10 characters long (it is 11 now)."]
        RelabelledLaterForm.base_fields["name"].label = "Full name"
        later = RelabelledLaterForm(data={"name": "x" * 11})
        later.is_valid()
        assert later.errors["name"] == ["“Full name” can be at most 10 characters long (it is 11 now)."]


def test_messages_in_another_order_or_with_another_object_are_worked_out_anew():
    with translation.override("en"):
        form = ChangingForm(data={"name": "x" * 11})
        name = form.fields["name"]
        name.error_messages = dict(reversed(list(name.error_messages.items())))  # the same, reordered
        form.fields["amount"].error_messages["invalid"] = "Not a number, this."
        form.is_valid()
        assert form.errors["name"] == ["“Name” can be at most 10 characters long (it is 11 now)."]
        assert str(form.fields["amount"].error_messages["invalid"]) == "Not a number, this."
        assert str(form.fields["amount"].error_messages["required"]) == "Fill in “Amount”."
