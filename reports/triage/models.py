"""Models of staff triage: who works where, what happened to a case, and who saw whose data.

Everything here except ``StaffProfile`` is append-only: rows are added by the services in
``reports.triage.services`` and never changed, so the history of a case can be trusted.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.constants import Region
from reports.triage.constants import AuditPart, CaseEventKind, RejectionReason


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a row of an append-only table."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are never changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are never deleted.")

    # Bulk variants bypass save(): refuse them too.
    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model.__name__} rows are never changed.")

    def purge_update(self, **kwargs) -> int:
        """The one sanctioned change: the privacy purge blanking free text. Never for anything else."""
        return super().update(**kwargs)


class AppendOnlyModel(models.Model):
    """A row that can be inserted once and then only read."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are never deleted.")


class StaffProfile(models.Model):
    """Where a staff member works: their region's cases come first in the list."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_profile"
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return f"{self.user}: {self.region or '-'}"


class AuditRecord(AppendOnlyModel):
    """One read of personal data by a staff member (police data law): a page, a search, a list
    filtered on personal data, a payload, a download. One row per read, never one per hit.

    ``submission`` is set when the read was of one submission; ``target`` names what else was
    read (``booking.booking:12``, ``office:3:2026-12-01``); ``detail`` holds the search or
    filter terms, blanked by the purge; ``hits`` is how many rows a search or list showed.
    Only supervisors may read these; nobody may change or delete them, not even through the
    admin (the model has no change or delete permission at all).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    submission = models.ForeignKey(
        "reports.Submission", verbose_name=_("submission"), on_delete=models.PROTECT, related_name="audit_records",
        null=True, blank=True,
    )
    part = models.CharField(_("part"), max_length=20, choices=AuditPart.choices)
    target = models.CharField(_("what was read"), max_length=100, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    hits = models.PositiveIntegerField(_("rows shown"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        ordering = ["-created_at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.user_id} {self.part} {self.submission_id} {self.created_at:%Y-%m-%d %H:%M}"


class CaseEvent(AppendOnlyModel):
    """A change to a case other than its status: an assignment, a region move or an internal note.

    Status changes live in the core ``reports.StatusChange``; together they are the case's history.
    """

    submission = models.ForeignKey(
        "reports.Submission", verbose_name=_("submission"), on_delete=models.CASCADE, related_name="case_events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CaseEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    from_value = models.CharField(_("from"), max_length=150, blank=True)
    to_value = models.CharField(_("to"), max_length=150, blank=True)
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["submission", "created_at", "id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.kind}"


class StatusDecision(models.Model):
    """What a staff member decided with one status change: the predefined reason of a rejection
    and whether the citizen is to be told by e-mail. ``notice_sent_at`` is the only value ever
    filled in later, by the e-mail task, through a guarded update."""

    status_change = models.OneToOneField(
        "reports.StatusChange", verbose_name=_("status change"), on_delete=models.CASCADE, related_name="decision"
    )
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=30, choices=RejectionReason.choices, blank=True
    )
    notify_citizen = models.BooleanField(_("e-mail the citizen"), default=False)
    notice_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("status decision")
        verbose_name_plural = _("status decisions")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.status_change_id}: {self.rejection_reason or '-'}"
