"""The error summary at the top of every page with a form (templates/includes/error_summary.html)."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

# The opening quotation marks of the citizen languages' catalogues: English “, Swedish and
# Finnish ”, Arabic, Persian and Ukrainian «, and „ and " for good measure.
OPENING_QUOTES = ("“", "”", "«", "„", '"')


def error_summary(form) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the summary at the top of the page, in the page's order."""
    entries = []
    if isinstance(form, forms.BaseFormSet):
        if not form.is_bound:
            return []
        for error in form.non_form_errors():
            entries.append((f"{form.prefix}-list", error))
        name = getattr(form, "entry_name", "")  # a list may name its entries ("Transaction")
        for number, subform in enumerate(form.forms, start=1):
            for anchor, message in error_summary(subform):
                if name:
                    message = _("%(name)s %(number)s: %(message)s") % {
                        "name": name, "number": number, "message": message
                    }
                else:
                    message = _("Item %(number)s: %(message)s") % {"number": number, "message": message}
                entries.append((anchor, message))
        return entries
    if not form.is_bound:
        return []
    for error in form.non_field_errors():
        entries.append(("main-form", error))
    for name, field in form.fields.items():
        if name in form.errors:
            anchor = form[name].id_for_label or form[name].auto_id
            if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{form[name].auto_id}_0"
            for error in form.errors[name]:
                # A message written for its field names it in quotes (reports.forms.messages),
                # whatever quotation marks the language uses (“…”, ”…”, «…»): it reads on its
                # own; any other is introduced by the field's label.
                label = str(field.label or "").rstrip(":")
                named = label and any(f"{mark}{label}" in str(error) for mark in OPENING_QUOTES)
                entries.append((anchor, str(error) if named else _introduced(label, str(error))))
    return entries


def _introduced(label: str, message: str) -> str:
    """The message after its field's label: "Was anything taken? Answer yes or no." (a question
    or sentence is followed by the message, never by a colon: not "…taken?: Answer yes or no."),
    "Serial number: Check what you wrote." """
    if not label:
        return message
    return f"{label} {message}" if label.endswith(("?", ".", "!", "؟")) else f"{label}: {message}"
