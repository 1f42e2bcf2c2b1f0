"""The citizen step forms copy their fields without copy.deepcopy's machinery (issue 13): the
copy must be the one copy.deepcopy makes – the same attributes, every container copied that
deepcopy copies, every object shared that deepcopy shares – for every step form of every
e-service, and anything it does not know is left to copy.deepcopy."""
import copy

import pytest
from django import forms

from reports.catalogue import load_services, registry
from reports.forms.common import StepForm, WhenWhereForm
from reports.forms.fast_copy import FieldsDict, field_copy

from .steps import step_form_classes


def same_copy(expected, ours, original, path="field"):
    """``ours`` is what ``copy.deepcopy`` made of ``original`` (``expected``), object for object."""
    if expected is original:
        assert ours is original, f"{path}: deepcopy shares it, the fast copy does not"
        return
    assert ours is not original, f"{path}: deepcopy copies it, the fast copy shares it"
    assert type(ours) is type(expected), path
    if hasattr(expected, "__dict__") and not isinstance(expected, type):
        assert ours.__dict__.keys() == expected.__dict__.keys(), path
        for name, value in expected.__dict__.items():
            if name not in original.__dict__:  # set by the copying itself
                assert ours.__dict__[name] == value, f"{path}.{name}"
                continue
            same_copy(value, ours.__dict__[name], original.__dict__[name], f"{path}.{name}")
    elif isinstance(expected, dict):
        assert list(ours) == list(expected), path
        for key, value in expected.items():
            same_copy(value, ours[key], original[key], f"{path}[{key!r}]")
    elif isinstance(expected, list | tuple):
        assert len(ours) == len(expected), path
        for index, (value, mine, orig) in enumerate(zip(expected, ours, original, strict=True)):
            same_copy(value, mine, orig, f"{path}[{index}]")
    else:
        assert ours == expected, path


@pytest.mark.parametrize(("name", "form_class"), step_form_classes())
def test_every_step_form_copies_its_fields_as_deepcopy_does(name, form_class):
    assert isinstance(form_class.base_fields, FieldsDict), f"{name} is not a StepForm"
    ours = copy.deepcopy(form_class.base_fields)
    expected = copy.deepcopy(dict(form_class.base_fields))  # Django's copy of a plain dict
    assert type(ours) is dict
    assert list(ours) == list(expected)
    for field_name, field in form_class.base_fields.items():
        same_copy(expected[field_name], ours[field_name], field, f"{name}.{field_name}")


def test_a_form_changing_its_copy_leaves_the_class_fields_alone():
    form = WhenWhereForm()
    base = WhenWhereForm.base_fields
    for name, field in form.fields.items():
        assert field is not base[name] and field.widget is not base[name].widget
        field.widget.attrs["data-changed"] = "1"
        field.error_messages["required"] = "changed"
        field.validators.append(lambda value: None)
    form.fields["place_kind"].choices = [("x", "X")]
    form.fields["place_kind"].widget.choices.append(("y", "Y"))
    assert all("data-changed" not in field.widget.attrs for field in base.values())
    assert all(field.error_messages.get("required") != "changed" for field in base.values())
    assert [value for value, _label in base["place_kind"].choices][:2] == ["", "street"]
    assert ("y", "Y") not in base["place_kind"].widget.choices
    assert all(len(field.validators) == len(WhenWhereForm().fields[name].validators) for name, field in base.items())


class OwnCopyField(forms.CharField):
    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.copied_by_own_code = True
        return result


class MixedForm(StepForm):
    when = forms.SplitDateTimeField(label="When")  # a MultiValueField with a MultiWidget
    own = OwnCopyField(label="Own")
    grouped = forms.ChoiceField(label="Grouped", choices=[("Group", [("a", "A"), ("b", "B")]), ("c", "C")])
    shared_widget = forms.CharField(label="Shared")


def test_fields_and_widgets_it_does_not_know_are_copied_by_deepcopy():
    fields = MixedForm().fields
    assert fields["own"].copied_by_own_code
    assert fields["when"].fields[0] is not MixedForm.base_fields["when"].fields[0]
    assert fields["when"].widget.widgets[0] is not MixedForm.base_fields["when"].widget.widgets[0]
    grouped = fields["grouped"]
    assert grouped.choices == MixedForm.base_fields["grouped"].choices
    assert grouped.choices[0][1] is not MixedForm.base_fields["grouped"].choices[0][1]  # the group's list
    ours, expected = copy.deepcopy(MixedForm.base_fields), copy.deepcopy(dict(MixedForm.base_fields))
    for name, field in MixedForm.base_fields.items():
        same_copy(expected[name], ours[name], field, name)


def test_a_widget_two_fields_share_is_copied_once_as_deepcopy_does():
    first, second = forms.CharField(), forms.CharField()
    second.widget = first.widget
    memo = {}
    one, two = field_copy(first, memo), field_copy(second, memo)
    assert one.widget is two.widget and one.widget is not first.widget
    assert field_copy(first, memo) is one


@pytest.mark.parametrize("data", [
    None,
    {"foremal-TOTAL_FORMS": "2", "foremal-INITIAL_FORMS": "0", "foremal-MIN_NUM_FORMS": "0",
     "foremal-MAX_NUM_FORMS": "1000", "foremal-0-kind": "bicycle"},
    {"foremal-TOTAL_FORMS": "x", "foremal-INITIAL_FORMS": ""},
    {},
])
def test_a_step_list_has_djangos_management_form(data):
    """The lists' management form (StepManagementForm) renders, cleans and refuses as Django's."""
    from django.forms.formsets import ManagementForm

    from reports.forms.common import StepManagementForm

    ours = StepManagementForm(data, prefix="foremal") if data is not None else StepManagementForm(prefix="foremal")
    django = ManagementForm(data, prefix="foremal") if data is not None else ManagementForm(prefix="foremal")
    assert isinstance(ours, ManagementForm)
    assert str(ours) == str(django)
    if data is not None:
        assert ours.is_valid() == django.is_valid()
        assert ours.cleaned_data == django.cleaned_data
        assert ours.errors == django.errors
    load_services()
    formset_class = registry["stold"].step("foremal").form_class
    formset = formset_class(data, prefix="foremal") if data is not None else formset_class(prefix="foremal")
    assert isinstance(formset.management_form, StepManagementForm)
    djangos = forms.BaseFormSet.management_form.func(formset)  # Django's property, on the same list
    assert type(djangos) is ManagementForm
    assert str(formset.management_form) == str(djangos)
    if data is not None:
        assert formset.management_form.cleaned_data == djangos.cleaned_data
        assert formset.management_form.errors == djangos.errors
        if not djangos.is_valid():
            assert formset.non_form_errors()  # "ManagementForm data is missing or has been tampered with"


class Label(str):
    """A str subclass: copy.deepcopy copies it (only exact str, int, None … are kept)."""


def test_a_choices_list_changed_in_place_after_a_copy_is_looked_at_again():
    """Flat choices lists are remembered by identity, with the very pairs they held: a list
    changed in place (a pair replaced, a group added) is copied as deepcopy copies it."""
    field = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    for change in (
        lambda choices: None,
        lambda choices: choices.__setitem__(0, ("a", Label("A"))),
        lambda choices: choices.append(("Group", [("c", "C")])),
        lambda choices: choices.__setitem__(1, ("b", "B")),  # an equal pair, another tuple
        lambda choices: choices.clear(),
    ):
        change(field._choices)
        for _ in range(2):  # the second copy finds the list known
            ours, expected = field_copy(field, {}), copy.deepcopy(field)
            same_copy(expected, ours, field)
