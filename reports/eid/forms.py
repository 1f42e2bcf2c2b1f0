from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reports.eid.providers.test import TEST_IDENTITIES
from reports.forms.messages import CitizenMessagesMixin
from reports.forms.validators import normalize_personal_identity_number


class TestIdentityForm(CitizenMessagesMixin, forms.Form):
    """The test provider's page: pick a made-up person or type any valid number and name."""

    chosen = forms.ChoiceField(
        label=_("Test person"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("", _("Type my own below"))]
        + [(pin, f"{name} ({pin[:8]}-{pin[8:]})") for pin, name in TEST_IDENTITIES],
    )
    personal_identity_number = forms.CharField(label=_("Personal identity number"), required=False, max_length=13)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("chosen"):
            data["personal_identity_number"] = data["chosen"]
            data["name"] = dict(TEST_IDENTITIES)[data["chosen"]]
            return data
        if not data.get("personal_identity_number"):
            self.add_error("personal_identity_number", _("Choose a test person or type a personal identity number."))
            return data
        try:
            data["personal_identity_number"] = normalize_personal_identity_number(data["personal_identity_number"])
        except ValidationError as error:
            self.add_error("personal_identity_number", error)
        if not data.get("name"):
            self.add_error("name", _("Type a name."))
        return data
