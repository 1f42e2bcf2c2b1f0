"""crispy-bootstrap5's ``field.html`` for the plain fields of a citizen step, written in Python
(issue 13; docs/decisions/0018-crispy-field-in-python.md).

A step page spends about half of its CPU in crispy's per-field templates (``field.html`` and the
three it includes), interpreted node by node for every field. ``field_html`` writes the same
text, whitespace included, for the case every plain citizen field is in: a text-like input, a
select or a textarea, labels shown, errors inline, no horizontal form, wrapper, label or field
class. The widget itself is still rendered by crispy's own ``crispy_field`` node (the classes it
adds) and Django's widget. Anything else (hidden fields, checkboxes, radio buttons, files, another
template pack or layout option) is rendered by crispy's ``field.html`` as before.
tests/forms/test_crispy_field.py compares the text with crispy's for every field of every step
form, unbound, empty and with errors, in Swedish and English.

The step forms' ``FormHelper`` names ``reports/includes/crispy_field.html`` as its field template
(``reports.forms.common.step_helper``); that template is only the ``citizen_field`` tag.
"""
from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_field import CrispyFieldNode
from crispy_forms.utils import default_field_template
from django import forms
from django.template import Context

from reports.forms.renderer import _text

TEMPLATE_PACK = "bootstrap5"
# crispy's {% crispy_field field 'class' '…' %} nodes, one per class list, as field.html has them.
_WIDGET_NODES = {
    classes: CrispyFieldNode("field", {"'class'": f"'{classes}'"})
    for classes in ("form-select", "form-select is-invalid", "form-control", "form-control is-invalid")
}
_OTHER_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.FileInput)


def _plain(context: Context, field) -> bool:
    """Whether ``field`` in ``context`` takes the one path of field.html written below."""
    if context.get("template_pack") != TEMPLATE_PACK or field.is_hidden:
        return False
    if isinstance(field.field.widget, _OTHER_WIDGETS):
        return False
    for name in ("tag", "wrapper_class", "label_class", "field_class", "form_class", "help_text_inline"):
        if context.get(name):
            return False
    return bool(context.get("form_show_labels")) and bool(context.get("error_text_inline"))


def field_html(context: Context) -> str:
    field = context.get("field")
    if field is None or not _plain(context, field):
        pack = context.get("template_pack") or TEMPLATE_PACK
        return default_field_template(pack).template.render(context)
    auto_id = _text(field.auto_id)
    required = field.field.required
    css_classes = field.css_classes()
    wrapper_class = f"mb-3 {_text(css_classes)}" if css_classes else "mb-3"
    html = [f'\n\n\n    \n    <div id="div_{auto_id}" class="{wrapper_class}">\n        ']
    use_fieldset = field.use_fieldset
    if field.label:
        fieldset = ""
        if use_fieldset:
            described = field.aria_describedby
            fieldset = f' aria-describedby="{_text(described)}"' if described else ""
            fieldset = f"<fieldset{fieldset}>"
        tag = "legend" if use_fieldset else "label"
        label_for = f'for="{_text(field.id_for_label)}"' if field.id_for_label else ""
        label_class = "form-label" + (" requiredField" if required else "") + (" fs-6" if use_fieldset else "")
        asterisk = '<span class="asteriskField">*</span>' if required else ""
        html.append(
            f'\n            {fieldset}\n            <{tag}\n                {label_for} class="{label_class}">'
            f"\n                {_text(field.label)}{asterisk}\n            </{tag}>\n        "
        )
    html.append("\n\n        \n\n        \n            \n                \n                    ")
    errors = field.errors
    select = isinstance(field.field.widget, forms.Select)
    classes = ("form-select" if select else "form-control") + (" is-invalid" if errors else "")
    widget = _WIDGET_NODES[classes].render(context)
    if select:
        html.append(f"\n                        \n                            {widget}"
                    "\n                        \n                    ")
    else:
        html.append(f"\n                        {widget}\n                    ")
    html.append("\n                    \n                        \n\n\n    ")  # help_text_and_errors.html
    if context.get("form_show_errors") and errors:
        html.append(f'\n    <div id="{_text(errors.field_id)}_error" class="invalid-feedback">\n    ')
        for counter, error in enumerate(errors, 1):
            html.append(f'\n        <span id="error_{counter}_{auto_id}"><strong>{_text(error)}</strong></span>\n    ')
        html.append("\n    </div>\n")
    html.append("\n\n\n\n\n    ")
    help_text = field.help_text
    if help_text:
        help_id = f'id="{auto_id}_helptext" ' if field.auto_id else ""
        html.append(f'\n    \n        <div {help_id}class="form-text">{help_text}</div>\n    \n')
    html.append("\n\n\n\n                    \n                \n            \n        \n        ")
    if use_fieldset and field.label:
        html.append("</fieldset>")
    html.append("\n    </div>\n    \n\n")
    return "".join(html)
