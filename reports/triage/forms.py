"""Forms of the case page's workflow panel. They validate; the admin views call the services."""
from django import forms
from django.utils.translation import gettext_lazy as _

from reports.constants import Region, SubmissionStatus
from reports.triage.constants import RejectionReason


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=SubmissionStatus.choices)
    case_number = forms.CharField(
        label=_("Case number (when registering)"), max_length=60, required=False,
        help_text=_("The number the case system gave the report."),
    )
    rejection_reason = forms.ChoiceField(
        label=_("Reason (when rejecting)"), choices=[("", "—"), *RejectionReason.choices], required=False
    )
    note = forms.CharField(label=_("Note for the history (optional)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["to_status"].choices = [
                (value, label) for value, label in SubmissionStatus.choices if value in allowed
            ]

    def clean(self):
        data = super().clean()
        if data.get("to_status") == SubmissionStatus.REGISTERED and not data.get("case_number", "").strip():
            self.add_error("case_number", _("Enter the case system's number to register the report."))
        if data.get("to_status") == SubmissionStatus.REJECTED and not data.get("rejection_reason"):
            self.add_error("rejection_reason", _("Choose why the report is rejected."))
        return data


class RegionMoveForm(forms.Form):
    to_region = forms.ChoiceField(label=_("Move to region"), choices=Region.choices)
    note = forms.CharField(label=_("Why (optional)"), required=False, max_length=500)


class CaseNoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Only staff see internal notes."))
