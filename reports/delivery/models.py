"""The outbox: one row per thing to deliver to a case system, written in the same
transaction as the thing itself, so nothing is lost when the broker or a worker is down."""
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.constants import Destination
from reports.delivery.constants import AttemptOutcome, DeliveryStatus


class Delivery(models.Model):
    """One payload for one destination. ``idempotency_key`` is sent with every attempt so the
    case system registers it once however many times it arrives."""

    destination = models.CharField(_("destination"), max_length=30, choices=Destination.choices)
    source_kind = models.CharField(_("source kind"), max_length=30)
    source_id = models.BigIntegerField(_("source id"))
    reference = models.CharField(_("reference"), max_length=60, blank=True, db_index=True)
    payload = models.JSONField(_("payload"), default=dict)
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempt_count = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, null=True, blank=True)
    # When a message for this row was last handed to the broker (or is due to fire); the
    # relay leaves such rows alone for a while. Null: no message in flight, relay at once.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at"]
        permissions = [
            ("view_payload", _("Can see the payload (personal data) of a delivery")),
            ("retry_delivery", _("Can retry a failed or dead-lettered delivery")),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["source_kind", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.destination}: {self.reference or self.pk}"


class DeliveryAttempt(models.Model):
    """Append-only history of the attempts of a delivery: rows are added, never changed."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField(_("attempt"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=AttemptOutcome.choices)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["delivery", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.delivery_id} #{self.number}: {self.outcome}"
