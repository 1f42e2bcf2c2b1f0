"""Forms of analytics: the dashboard's GET form and the receipt page's survey question."""
from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.analytics.constants import CallKind, Counterfactual
from reports.catalogue import registry
from reports.constants import Region

MAX_PERIOD_DAYS = 3 * 366


def queue_defaults() -> dict:
    return {
        "calls_per_hour": settings.ANALYTICS_QUEUE_CALLS_PER_HOUR,
        "handle_seconds": settings.ANALYTICS_QUEUE_HANDLE_SECONDS,
        "agents": settings.ANALYTICS_QUEUE_OPERATORS,
        "target_seconds": settings.ANALYTICS_QUEUE_TARGET_SECONDS,
        "target_level": settings.ANALYTICS_QUEUE_TARGET_LEVEL,
        "patience_seconds": settings.ANALYTICS_QUEUE_PATIENCE_SECONDS,
    }


def _service_choices():
    return [("", _("All e-services")), *[(s.slug, s.title) for s in registry]]


class DashboardForm(forms.Form):
    """The period, the filters and the queue model's inputs; every field optional.

    Empty fields take their defaults (the last 30 days; the queue settings), so the bare
    URL shows a dashboard and a bookmark with a few fields still works.
    """

    start = forms.DateField(label=_("From (YYYY-MM-DD)"), required=False)
    end = forms.DateField(label=_("To (YYYY-MM-DD)"), required=False)
    service = forms.ChoiceField(label=_("E-service"), required=False, choices=_service_choices)
    region = forms.ChoiceField(label=_("Police region"), required=False,
                               choices=[("", _("All regions")), *Region.choices])
    calls_per_hour = forms.FloatField(label=_("Calls per hour without the e-services"), required=False,
                                      min_value=0, max_value=100_000)
    deflected_per_hour = forms.FloatField(
        label=_("Calls per hour the e-services avoid"), required=False, min_value=0, max_value=100_000,
        help_text=_("Leave empty to use the calls avoided in the period, spread over its hours."),
    )
    handle_seconds = forms.FloatField(label=_("Average handle time (seconds)"), required=False,
                                      min_value=1, max_value=24 * 3600)
    agents = forms.IntegerField(label=_("Operators answering"), required=False, min_value=1, max_value=20_000)
    target_seconds = forms.FloatField(label=_("Answer within (seconds)"), required=False,
                                      min_value=0, max_value=24 * 3600)
    target_level = forms.FloatField(label=_("Target share answered in time (0–1)"), required=False,
                                    min_value=0.01, max_value=0.999)
    patience_seconds = forms.FloatField(
        label=_("Mean patience before hanging up (seconds, Erlang A)"), required=False, min_value=1,
        max_value=24 * 3600,
    )
    deflected_handle_seconds = forms.FloatField(
        label=_("Handle time of the avoided calls (seconds)"), required=False, min_value=1, max_value=24 * 3600,
        help_text=_("Leave empty to use the handle times per kind of call (the same as for hours freed)."),
    )

    @classmethod
    def with_defaults(cls, query) -> DashboardForm:
        """Bind ``query`` with the queue model's defaults filled in, so they show as editable."""
        data = query.copy()
        for name, value in queue_defaults().items():
            if not data.get(name):
                data[name] = str(value)
        return cls(data)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start, end = data.get("start"), data.get("end")
        if "start" in self.errors or "end" in self.errors:
            return data
        end = end or today
        start = start or end - timedelta(days=29)
        if start > end:
            self.add_error("end", _("The end date must be on or after the start date."))
        elif (end - start).days >= MAX_PERIOD_DAYS:
            self.add_error("start", _("Choose a period of at most three years."))
        data["start"], data["end"] = start, end
        for name, value in queue_defaults().items():
            if data.get(name) is None and name not in self.errors:
                data[name] = value
        return data


# Each kind of call avoided has its own counterfactual question (docs/analytics.md).
QUESTIONS = {
    CallKind.REPORT: _("Had this e-service not existed, what would you have done?"),
    CallKind.BOOKING: _("Had you not been able to book your time here, what would you have done?"),
    CallKind.ELSEWHERE: _("Had this page not told you where to turn, what would you have done?"),
    CallKind.PREREQUISITE: _("Had this page not told you what to do first, what would you have done?"),
}


class CounterfactualForm(forms.Form):
    answer = forms.ChoiceField(
        label=QUESTIONS[CallKind.REPORT],
        choices=Counterfactual.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the answers, or leave the question unanswered.")},
    )

    def __init__(self, *args, kind: str = CallKind.REPORT, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = QUESTIONS[kind]


CALL_DATA_MAX_BYTES = 20 * 1024 * 1024  # 200,000 rows of about 50 bytes, with room


class CallDataUploadForm(forms.Form):
    """The contact centre's 15-minute queue statistics as a CSV file (callimport.py)."""

    file = forms.FileField(
        label=_("CSV file with the queue per 15 minutes"),
        help_text=_("Columns: interval_start, offered, answered, abandoned, average_handle_seconds."),
        error_messages={"required": _("Choose a CSV file to import.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CALL_DATA_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large: at most 20 MB."))
        return upload
