"""Closed vocabularies of analytics."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """What one daily rollup row counts (docs/analytics.md defines each)."""

    GATE = "gate", _("Gate decisions")
    COMPLETED = "completed", _("Completed")
    DELIVERED = "delivered", _("Delivered")
    CALL_BACK = "call_back", _("Needed a call back")


class Counterfactual(models.TextChoices):
    """Answers to "Had this e-service not existed, what would you have done?"."""

    CALLED = "called_11414", _("Called 114 14")
    VISITED = "visited_station", _("Visited a police station")
    NOT_REPORTED = "not_reported", _("Not reported it")
    OTHER = "other", _("Something else")
