"""Forms of the case page's workflow panel. They validate; the admin views call the services."""
from django import forms
from django.utils.translation import gettext_lazy as _

from reports.constants import Region, SubmissionStatus
from reports.triage.constants import RejectionReason


class StatusChangeForm(forms.Form):
    """The workflow's rules (a case number to register, a reason to reject) are the service's;
    its refusals are shown on the field they are about (``FIELD_OF_REFUSAL``)."""

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


# ``submission_status_change``'s refusal codes that are about one field of the form.
FIELD_OF_REFUSAL = {"case_number_required": "case_number", "rejection_reason_required": "rejection_reason"}


class RegionMoveForm(forms.Form):
    to_region = forms.ChoiceField(label=_("Move to region"), choices=Region.choices)
    note = forms.CharField(label=_("Why (optional)"), required=False, max_length=500)


class CaseNoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Only staff see internal notes."))
