from django import forms

from reports.catalogue import Service
from reports.forms.messages import citizen_messages


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
            )
        citizen_messages(self)  # "Answer “<the question>”." reads on its own in the error summary
