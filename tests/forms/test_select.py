"""The citizen forms' Select (issue 13): Django's HTML, written in Python, and the municipality
options kept per language must never show one language's text in another."""
import pytest
from django import forms
from django.utils import translation

from reports.forms.common import ItemForm, WhenWhereForm
from reports.forms.fields import Select
from reports.municipalities import MUNICIPALITY_CHOICES

CHOICES = [
    ("", "Choose"),
    ("a", "Plain"),
    ("b&<", 'Needs "escaping" <b>'),
    (3, "A number"),
    (None, "None as value"),
    ("a", "Duplicate value"),
]


def both(choices, value, attrs=None, **widget_attrs):
    django_widget = forms.Select(attrs=widget_attrs, choices=choices)
    ours = Select(attrs=widget_attrs, choices=choices)
    return django_widget.render("field", value, attrs), ours.render("field", value, attrs)


@pytest.mark.parametrize("value", [None, "", "a", "b&<", 3, "3", "missing", ["a"]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_field", "required": True, "aria-invalid": "true",
                                          "class": "form-select is-invalid", "disabled": False}])
def test_same_html_as_djangos_select(value, attrs):
    expected, ours = both(CHOICES, value, attrs, **{"data-x": "1 & 2"})
    assert ours == expected


def test_grouped_choices_fall_back_to_djangos_templates():
    grouped = [("", "Choose"), ("Group", [("x", "X"), ("y", "Y")])]
    expected, ours = both(grouped, "y")
    assert ours == expected and "<optgroup" in ours


def test_every_select_of_a_step_form_is_ours_with_the_same_page_html():
    form = WhenWhereForm(data={"nar-var-municipality": "0180"}, prefix="nar-var")
    assert type(form.fields["municipality"].widget) is Select
    assert type(form.fields["place_kind"].widget) is Select
    assert type(ItemForm().fields["kind"].widget) is Select
    for name in ("municipality", "place_kind"):
        field = form.fields[name]
        reference = forms.Select(attrs=field.widget.attrs, choices=field.choices)
        assert str(form[name]) == form[name].as_widget(widget=reference)
    assert '<option value="0180" selected>Stockholm</option>' in str(form["municipality"])


@pytest.mark.parametrize("language", ["sv", "en", "ar", "fi"])
def test_kept_municipality_options_follow_the_language_of_each_request(language):
    def placeholder():
        html = str(WhenWhereForm()["municipality"])
        return html.split('<option value="" selected>', 1)[1].split("</option>", 1)[0]

    with translation.override("uk"):
        placeholder()  # kept for Ukrainian first
    with translation.override(language):
        expected = str(next(iter(MUNICIPALITY_CHOICES))[1])
        assert placeholder() == expected
        widget = WhenWhereForm().fields["municipality"].widget
        reference = forms.Select(choices=MUNICIPALITY_CHOICES)
        for value in (None, "0180", "2584"):
            assert widget.render("m", value) == reference.render("m", value)
    with translation.override("en"):
        assert placeholder() == "Choose a municipality"


def test_a_selected_municipality_is_not_kept_for_the_next_form():
    selected = str(WhenWhereForm(initial={"municipality": "0180"})["municipality"])
    unselected = str(WhenWhereForm()["municipality"])
    assert selected.count(" selected") == 1 and 'value="0180" selected' in selected
    assert '<option value="" selected>' in unselected and unselected.count(" selected") == 1
