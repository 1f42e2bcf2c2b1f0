from django import forms
from django.utils.translation import gettext_lazy as _

from reports.catalogue import Service


class GateForm(forms.Form):
    """The service's gate questions, one required radio group each."""

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        for question in service.questions:
            self.fields[question.id] = forms.ChoiceField(
                label=question.label,
                help_text=question.help_text,
                choices=question.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this question to continue.")},
            )
