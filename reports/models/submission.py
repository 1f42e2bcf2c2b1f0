from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.constants import TRIAGE_OPEN_STATUSES, Region, SubmissionStatus

# The triage list's order: the most urgent first (priority 1), then the newest.
TRIAGE_ORDER = ["priority", "-created_at", "-id"]


class Submission(models.Model):
    """What a citizen submitted through one e-service.

    Personal data sits in the reporter fields and in ``answers``; both are blanked when the
    submission is purged (``purged_at``), while the counts analysts need live elsewhere.
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    service = models.SlugField(_("service"), max_length=40, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.RECEIVED
    )
    language = models.CharField(_("language"), max_length=5)
    # The language of the pages the person filled in: what they typed is kept as typed, in it.
    form_language = models.CharField(_("language of the form"), max_length=5, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)

    reporter_name = models.CharField(_("name"), max_length=200, blank=True)
    personal_identity_number = models.CharField(
        _("personal identity or coordination number"), max_length=12, blank=True, db_index=True
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    gate_record = models.ForeignKey(
        "reports.GateRecord", verbose_name=_("gate record"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="submissions",
    )
    # What the screening of the answers found (reports.screening): [{"rule", "level", "words"}].
    screening = models.JSONField(_("screening findings"), default=list, blank=True)
    flagged = models.BooleanField(_("flagged"), default=False, db_index=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    priority = models.PositiveSmallIntegerField(_("priority"), default=3)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assignee"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="assigned_submissions",
    )
    # Set by the client's form so that a double click or a refresh never creates a second row.
    client_token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    purged_at = models.DateTimeField(_("personal data purged"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation e-mail sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at"]
        # The triage list is ordered by TRIAGE_ORDER (most urgent, then newest): each index below
        # ends in it, so PostgreSQL reads a page of any list view in index order, with no sort.
        # The trigram index for the name search is PostgreSQL-only: see migration 0003.
        indexes = [
            models.Index(fields=["status", "region", "created_at"]),
            models.Index(
                fields=["region", *TRIAGE_ORDER], name="submission_open_region_idx",
                condition=models.Q(status__in=TRIAGE_OPEN_STATUSES),
            ),
            models.Index(
                fields=TRIAGE_ORDER, name="submission_open_idx", condition=models.Q(status__in=TRIAGE_OPEN_STATUSES)
            ),
            # The flagged filter on the default view (own region and no region: the region is a
            # filter then, see reports.triage.selectors.submission_in_region): the few flagged
            # open reports in the triage order, so a page reads flagged rows only.
            models.Index(
                fields=TRIAGE_ORDER, name="submission_open_flagged_idx",
                condition=models.Q(status__in=TRIAGE_OPEN_STATUSES, flagged=True),
            ),
            models.Index(fields=TRIAGE_ORDER, name="submission_triage_idx"),
            models.Index(fields=["status", *TRIAGE_ORDER], name="submission_status_triage_idx"),
            models.Index(fields=["region", *TRIAGE_ORDER], name="submission_region_triage_idx"),
            models.Index(fields=["service", *TRIAGE_ORDER], name="submission_service_triage_idx"),
            models.Index(fields=["assignee", *TRIAGE_ORDER], name="submission_assignee_triage_idx"),
            models.Index(
                fields=TRIAGE_ORDER, name="submission_unassigned_idx", condition=models.Q(assignee__isnull=True)
            ),
            models.Index(fields=["phone"], name="submission_phone_idx"),
        ]

    def __str__(self) -> str:
        return self.reference


class Item(models.Model):
    """A stolen or lost item, one row each, in the order the citizen listed them."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=30)
    description = models.CharField(_("description"), max_length=500)
    brand_model = models.CharField(_("brand and model"), max_length=200, blank=True)
    serial_number = models.CharField(_("serial number or IMEI"), max_length=60, blank=True)
    value_sek = models.DecimalField(_("value (SEK)"), max_digits=12, decimal_places=0, null=True, blank=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["submission", "position"]
        constraints = [models.UniqueConstraint(fields=["submission", "position"], name="item_position_unique")]

    def __str__(self) -> str:
        return self.description


class StatusChange(models.Model):
    """Append-only history of a submission's status: rows are added, never changed."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=SubmissionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=SubmissionStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True, on_delete=models.PROTECT
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["submission", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.from_status or '-'} → {self.to_status}"
