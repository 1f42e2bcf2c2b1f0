from django.utils.translation import gettext_lazy as _

from reports.forms.common import StepForm
from reports.forms.fields import EmailAddressField


class DraftSaveForm(StepForm):
    """Where to send the resume link. The address is used once and not stored."""

    email = EmailAddressField(
        help_text=_("We send a link here that lets you continue. The link works for %(days)s days."),
    )

    def __init__(self, *args, days: int = 7, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = self.fields["email"].help_text % {"days": days}
