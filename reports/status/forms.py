from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reports.forms.attachments import MultipleFileField, attachments_clean, files_help_text
from reports.forms.common import StepForm
from reports.forms.fields import EmailAddressField


class StatusLookupForm(StepForm):
    reference = forms.CharField(
        label=_("Reference"), max_length=40,
        help_text=_("It is in the receipt and in the e-mail you got, for example STL-7KQ2-M9XD-4HPA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    email = EmailAddressField(help_text=_("The address you gave in the report."))


class SupplementForm(StepForm):
    """More information for a sent report: text, files or both."""

    text = forms.CharField(
        label=_("What do you want to add?"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example something you remembered later, or a changed phone number. "
                    "Do not write full card numbers."),
    )
    files = MultipleFileField(label=_("Add files (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = files_help_text()

    def clean_files(self):
        return attachments_clean(self.cleaned_data.get("files") or [])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("text") or "").strip() and not cleaned.get("files"):
            raise ValidationError(_("Write something or add a file."), code="empty")
        return cleaned
