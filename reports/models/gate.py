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
    # The tries of one browser session for one service share a random key (nothing that names
    # the person); every try after the first carries the first try's outcome and rule, so that
    # analysts count changed outcomes and staff see that the first answer led elsewhere.
    attempt_key = models.CharField(_("attempt chain"), max_length=32, blank=True, db_index=True)
    first_outcome = models.CharField(
        _("first outcome in the session"), max_length=20, choices=GateOutcome.choices, blank=True
    )
    first_rule = models.CharField(_("first rule in the session"), max_length=60, blank=True)
    # The 114 14 wait (minutes) the gate page showed beside the e-service, if any (reports.phone_wait).
    shown_phone_wait_minutes = models.PositiveSmallIntegerField(_("114 14 wait shown (minutes)"), null=True, blank=True)

    class Meta:
        verbose_name = _("gate record")
        verbose_name_plural = _("gate records")
        indexes = [models.Index(fields=["service", "outcome", "created_at"])]

    def __str__(self) -> str:
        return f"{self.service}: {self.outcome} ({self.rule or '-'})"

    @property
    def changed_outcome(self) -> bool:
        """An earlier try in the same session ended differently (e.g. "call 114 14")."""
        return bool(self.first_outcome) and self.first_outcome != self.outcome
