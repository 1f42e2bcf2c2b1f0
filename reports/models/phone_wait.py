from django.db import models
from django.utils.translation import gettext_lazy as _


class PhoneWaitReading(models.Model):
    """One reading of the contact centre's expected 114 14 wait (reports.phone_wait)."""

    minutes = models.PositiveSmallIntegerField(_("expected wait (minutes)"))
    measured_at = models.DateTimeField(_("measured"), db_index=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("114 14 wait reading")
        verbose_name_plural = _("114 14 wait readings")
        ordering = ["-measured_at"]

    def __str__(self) -> str:
        return f"{self.minutes} min ({self.measured_at:%Y-%m-%d %H:%M})"
