from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.constants import GateOutcome, Region


class GateRecord(models.Model):
    """One anonymous gate decision: what analysts count. Holds no personal data, ever."""

    service = models.SlugField(_("service"), max_length=40)
    outcome = models.CharField(_("outcome"), max_length=20, choices=GateOutcome.choices)
    rule = models.CharField(_("rule"), max_length=60, blank=True)
    language = models.CharField(_("language"), max_length=5)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # The 114 14 wait (minutes) the gate page showed beside the e-service, if any (reports.phone_wait).
    shown_phone_wait_minutes = models.PositiveSmallIntegerField(_("114 14 wait shown (minutes)"), null=True, blank=True)

    class Meta:
        verbose_name = _("gate record")
        verbose_name_plural = _("gate records")
        indexes = [models.Index(fields=["service", "outcome", "created_at"])]

    def __str__(self) -> str:
        return f"{self.service}: {self.outcome} ({self.rule or '-'})"
