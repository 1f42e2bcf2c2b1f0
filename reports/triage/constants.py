"""Closed vocabularies of staff triage."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class RejectionReason(models.TextChoices):
    """Why a report is rejected: a fixed list, so that the citizen's e-mail and the figures agree."""

    NOT_A_CRIME = "not_a_crime", _("What is described is not a crime")
    DUPLICATE = "duplicate", _("The same event has already been reported")
    OTHER_AUTHORITY = "other_authority", _("The matter belongs to another authority")
    OUTSIDE_SWEDEN = "outside_sweden", _("The event took place outside Sweden")
    INSUFFICIENT = "insufficient", _("The report does not contain enough information")


class AuditPart(models.TextChoices):
    """Which kind of read of personal data a staff member made."""

    CASE = "case", _("Case page")
    ATTACHMENT = "attachment", _("Attachment")
    SEARCH = "search", _("Search by name, phone or identity number")
    LIST = "list", _("List of personal data or filter on it")
    RECORD = "record", _("Page of a record with personal data")
    PAYLOAD = "payload", _("Delivery payload")
    DAY_LIST = "day_list", _("Passport day list")


class CaseEventKind(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    REGION_MOVED = "region_moved", _("Moved to another region")
    NOTE = "note", _("Internal note")
    PRIORITY_CHANGED = "priority_changed", _("Priority changed")


class Priority(models.IntegerChoices):
    """The list shows the most urgent first (1); every report starts as normal (3)."""

    URGENT = 1, _("Urgent")
    HIGH = 2, _("High")
    NORMAL = 3, _("Normal")
