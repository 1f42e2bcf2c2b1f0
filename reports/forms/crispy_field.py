"""crispy-bootstrap5's ``field.html`` for the plain fields and radio buttons of a citizen step,
written in Python (issue 13; docs/decisions/0018-issue13-crispy-field-in-python.md).

A step page spends about half of its CPU in crispy's per-field templates (``field.html`` and the
three it includes), interpreted node by node for every field. ``field_html`` writes the same
text, whitespace included, for the two cases the citizen fields are in: a text-like input, a
select or a textarea, and radio buttons (``radio_checkbox_select.html``), with labels shown,
errors inline, no horizontal form, wrapper, label or field class. The widget itself is still
rendered by crispy's own ``crispy_field`` node (the classes it adds) and Django's widget, the
radio options by crispy's ``optgroups``. Anything else (hidden fields, checkboxes, files,
another template pack or layout option) is rendered by crispy's ``field.html`` as before.
tests/forms/test_crispy_field.py compares the text with crispy's for every field of every step
form, unbound, empty and with errors, in Swedish and English.

The step forms' ``FormHelper`` names ``reports/includes/crispy_field.html`` as its field template
(``reports.forms.common.step_helper``); that template is only the ``citizen_field`` tag.
"""
from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_field import CrispyFieldNode
from crispy_forms.templatetags.crispy_forms_filters import optgroups
from crispy_forms.utils import default_field_template
from django import forms
from django.template import Context
from django.templatetags.l10n import unlocalize

from reports.forms.renderer import attrs_html
from reports.forms.renderer import template_text as _text

TEMPLATE_PACK = "bootstrap5"
# crispy's {% crispy_field field 'class' '…' %} nodes, one per class list, as field.html has them.
_WIDGET_NODES = {
    classes: CrispyFieldNode("field", {"'class'": f"'{classes}'"})
    for classes in ("form-select", "form-select is-invalid", "form-control", "form-control is-invalid")
}
_OTHER_WIDGETS = (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.FileInput)
PLAIN, RADIO = "plain", "radio"


def _kind(context: Context, field) -> str | None:
    """Which path of field.html below ``field`` takes in ``context``; None: crispy's template."""
    if context.get("template_pack") != TEMPLATE_PACK or field.is_hidden:
        return None
    widget = field.field.widget
    if isinstance(widget, _OTHER_WIDGETS):
        return None
    for name in ("tag", "wrapper_class", "label_class", "field_class", "form_class", "help_text_inline"):
        if context.get(name):
            return None
    if not context.get("form_show_labels") or not context.get("error_text_inline"):
        return None
    if isinstance(widget, forms.RadioSelect):
        return None if context.get("flat_attrs") or context.get("inline_class") else RADIO
    return PLAIN


def field_html(context: Context) -> str:
    field = context.get("field")
    kind = None if field is None else _kind(context, field)
    if kind is None:
        pack = context.get("template_pack") or TEMPLATE_PACK
        return default_field_template(pack).template.render(context)
    auto_id = _text(field.auto_id)
    errors = field.errors
    show_errors = context.get("form_show_errors") and errors
    css_classes = field.css_classes()
    wrapper_class = f"mb-3 {_text(css_classes)}" if css_classes else "mb-3"
    html = [f'\n\n\n    \n    <div id="div_{auto_id}" class="{wrapper_class}">\n        ']
    use_fieldset = field.use_fieldset
    if field.label:
        html.append(_label(field, use_fieldset))
    if kind == RADIO:
        html.append("\n\n        \n            ")
        html.append(_radio(field, auto_id, errors, show_errors))
        html.append("\n        \n\n        \n        ")
    else:
        html.append("\n\n        \n\n        \n            \n                \n                    ")
        select = isinstance(field.field.widget, forms.Select)
        classes = ("form-select" if select else "form-control") + (" is-invalid" if errors else "")
        widget = _WIDGET_NODES[classes].render(context)
        if select:
            html.append(f"\n                        \n                            {widget}"
                        "\n                        \n                    ")
        else:
            html.append(f"\n                        {widget}\n                    ")
        html.append("\n                    \n                        \n\n\n    ")  # help_text_and_errors.html
        if show_errors:  # help_text_and_errors.html: each error in a <span>
            html.append(_errors(errors, auto_id, "span"))
        html.append("\n\n\n\n\n    ")
        html.append(_help(field, auto_id))
        html.append("\n\n\n                    \n                \n            \n        \n        ")
    if use_fieldset and field.label:
        html.append("</fieldset>")
    html.append("\n    </div>\n    \n\n")
    return "".join(html)


def _label(field, use_fieldset: bool) -> str:
    required = field.field.required
    fieldset = ""
    if use_fieldset:
        described = field.aria_describedby
        fieldset = f' aria-describedby="{_text(described)}"' if described else ""
        fieldset = f"<fieldset{fieldset}>"
    tag = "legend" if use_fieldset else "label"
    label_for = f'for="{_text(field.id_for_label)}"' if field.id_for_label else ""
    label_class = "form-label" + (" requiredField" if required else "") + (" fs-6" if use_fieldset else "")
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    return (
        f'\n            {fieldset}\n            <{tag}\n                {label_for} class="{label_class}">'
        f"\n                {_text(field.label)}{asterisk}\n            </{tag}>\n        "
    )


def _errors(errors, auto_id: str, tag: str) -> str:
    """crispy's inline error block: the field's errors, each in a ``tag`` with its own id."""
    items = "".join(
        f'\n        <{tag} id="error_{counter}_{auto_id}"><strong>{_text(error)}</strong></{tag}>\n    '
        for counter, error in enumerate(errors, 1)
    )
    return f'\n    <div id="{_text(errors.field_id)}_error" class="invalid-feedback">\n    {items}\n    </div>\n'


def _help(field, auto_id: str) -> str:
    """help_text.html (help shown below the field, not inline), with its closing newline."""
    if not field.help_text:
        return "\n"
    help_id = f'id="{auto_id}_helptext" ' if field.auto_id else ""
    return f'\n    \n        <div {help_id}class="form-text">{field.help_text}</div>\n    \n\n'


def _radio(field, auto_id: str, errors, show_errors) -> str:
    """radio_checkbox_select.html for radio buttons (no field class, attributes or inline class)."""
    html = ["\n\n\n<div >\n\n    "]
    invalid = " is-invalid" if errors else ""
    name = _text(field.html_name)
    groups = optgroups(field)
    for group_number, (group, options, _index) in enumerate(groups, 1):
        html.append(f"\n    {f'<strong>{_text(group)}</strong>' if group else ''}\n    ")
        for number, option in enumerate(options, 1):
            html.append(
                f'\n      <div class="form-check">\n        <input type="{_text(option["type"])}" '
                f'class="form-check-input{invalid}"  name="{name}" value="{_text(unlocalize(option["value"]))}" '
                f'{attrs_html(option["attrs"])}>\n        <label for="{_text(option["attrs"].get("id", ""))}" '
                f'class="form-check-label">\n            {_text(unlocalize(option["label"]))}'
                "\n        </label>\n        "
            )
            if errors and number == len(options) and group_number == len(groups):
                html.append("\n            ")
                if show_errors:  # field_errors_block.html: each error in a <p>
                    html.append(_errors(errors, auto_id, "p"))
                html.append("\n\n        ")
            html.append("\n     </div>\n    ")
        html.append("\n    ")
    html.append("\n\n</div>\n\n")
    html.append(_help(field, auto_id))
    html.append("\n")
    return "".join(html)
