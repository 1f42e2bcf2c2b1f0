"""Closed vocabularies of analytics."""
from django.db import models
from django.utils.translation import gettext_lazy as _

BOOKING_SERVICE = "pass"  # the catalogue's passport service: bookings are counted under it


class Metric(models.TextChoices):
    """What one daily rollup row counts (docs/analytics.md defines each)."""

    GATE = "gate", _("Gate decisions")
    COMPLETED = "completed", _("Completed")
    DELIVERED = "delivered", _("Delivered")
    CALL_BACK = "call_back", _("Needed a call back")
    TOLD_TO_PHONE = "told_to_phone", _("Told to phone, sent anyway")
    CALLED_ANYWAY = "called_anyway", _("Cost a call anyway")
    BOOKED = "booked", _("Passport bookings")


class Counterfactual(models.TextChoices):
    """Answers to "Had this e-service not existed, what would you have done?"."""

    CALLED = "called_11414", _("Called 114 14")
    VISITED = "visited_station", _("Visited a police station")
    NOT_REPORTED = "not_reported", _("Not reported it")
    OTHER = "other", _("Something else")


class CallKind(models.TextChoices):
    """Kinds of 114 14 call the portal can avoid, each with its own survey question and handle time."""

    REPORT = "report", _("Report a crime or loss")
    BOOKING = "booking", _("Book a passport appointment")
    ELSEWHERE = "elsewhere", _("Ask where to turn (another authority)")
    PREREQUISITE = "prerequisite", _("Ask what to do first")
