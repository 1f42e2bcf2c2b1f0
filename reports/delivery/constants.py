"""Closed vocabularies of case-system delivery."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    """Lifecycle of one outbox row.

    pending → in_progress → delivered; a transient failure goes to failed (retried after a
    backoff), a permanent one or the attempt limit to dead (a dead letter staff can retry).
    """

    PENDING = "pending", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed, will be retried")
    DEAD = "dead", _("Dead letter")


class AttemptOutcome(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    RETRY = "retry", _("Temporary failure")
    PERMANENT = "permanent", _("Permanent failure")


class SourceKind(models.TextChoices):
    SUBMISSION = "submission", _("Submission")
    SUPPLEMENT = "supplement", _("Supplement")
    BOOKING = "booking", _("Booking")
    BOOKING_CANCELLATION = "booking_cancellation", _("Booking cancellation")
