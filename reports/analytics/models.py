"""Anonymous counts that analytics read. Nothing here identifies a person.

``DailyCount`` is the rollup the dashboard reads. ``SubmissionFact`` is the anonymous ledger
the rollups are rebuilt from: it keeps what a submission contributes to the counts (service,
region, language, day, whether it needed a call back, whether the check page told the person
to phone, whether it was delivered) after the submission itself has been purged or deleted, so
a rebuild never changes yesterday's figures.
"""
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.analytics.constants import CallKind, Counterfactual, Metric


class DailyCount(models.Model):
    """One count per day, metric, service, region, language and gate outcome."""

    day = models.DateField(_("day"))
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    service = models.SlugField(_("service"), max_length=40)
    region = models.CharField(_("region"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)  # gate decisions only
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        permissions = [("view_dashboard", _("Can view the analytics dashboard"))]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "metric", "service", "region", "language", "outcome"],
                name="daily_count_unique",
            )
        ]
        indexes = [models.Index(fields=["metric", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.metric} {self.service}: {self.count}"


class MonthlyCount(models.Model):
    """``DailyCount`` summed per calendar month (``month`` is its first day).

    A year from the daily rows means scanning hundreds of thousands of rows; from these, a
    twelfth of that. Derived from ``DailyCount`` whenever a day of the month is refreshed.
    """

    month = models.DateField(_("month"))
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    service = models.SlugField(_("service"), max_length=40)
    region = models.CharField(_("region"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("monthly count")
        verbose_name_plural = _("monthly counts")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "metric", "service", "region", "language", "outcome"],
                name="monthly_count_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.metric} {self.service}: {self.count}"


class SubmissionFact(models.Model):
    """What one submission contributes to the counts; outlives the submission on purpose.

    ``submission_id`` is a plain number, not a foreign key: deleting the submission must not
    delete its fact. It lets the sync stay idempotent and holds no personal data.
    """

    submission_id = models.BigIntegerField(_("submission id"), unique=True)
    service = models.SlugField(_("service"), max_length=40)
    region = models.CharField(_("region"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    created_on = models.DateField(_("day"), db_index=True)
    needed_call_back = models.BooleanField(_("needed a call back"), default=False)
    # The check page told the person to call 112 or 114 14 (a phone-level screening finding)
    # and they sent anyway: the report still cost a call (docs/analytics.md).
    told_to_phone = models.BooleanField(
        _("told to phone, sent anyway"), default=False,
        db_default=False,  # facts written by SQL (bench, older code) were not told to phone
    )
    delivered = models.BooleanField(_("delivered"), default=False)

    class Meta:
        verbose_name = _("submission fact")
        verbose_name_plural = _("submission facts")

    def __str__(self) -> str:
        return f"{self.created_on} {self.service}"


class FunnelStepCount(models.Model):
    """How many wizard runs reached a step on a day: counted live, never rebuilt."""

    day = models.DateField(_("day"))
    service = models.SlugField(_("service"), max_length=40)
    step = models.CharField(_("step"), max_length=40)
    language = models.CharField(_("language"), max_length=5, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("funnel step count")
        verbose_name_plural = _("funnel step counts")
        constraints = [
            models.UniqueConstraint(fields=["day", "service", "step", "language"], name="funnel_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.service}/{self.step}: {self.count}"


class CounterfactualAnswer(models.Model):
    """One anonymous answer from a receipt page; deliberately not linked to the submission."""

    service = models.SlugField(_("service"), max_length=40)
    kind = models.CharField(
        _("kind of call"), max_length=20, choices=CallKind.choices, default=CallKind.REPORT,
        db_default=CallKind.REPORT,  # rows written by SQL (bench, older code) are reports
    )
    answer = models.CharField(_("answer"), max_length=20, choices=Counterfactual.choices)
    language = models.CharField(_("language"), max_length=5, blank=True)
    answered_on = models.DateField(_("day"), db_index=True)

    class Meta:
        verbose_name = _("counterfactual answer")
        verbose_name_plural = _("counterfactual answers")

    def __str__(self) -> str:
        return f"{self.answered_on} {self.service}: {self.answer}"


class BookingFact(models.Model):
    """One passport booking made online: the anonymous ledger bookings are counted from.

    Like ``SubmissionFact`` it outlives the booking (purged or deleted) on purpose and holds
    no personal data: a plain booking number, the office's region, the language and the day.
    """

    booking_id = models.BigIntegerField(_("booking id"), unique=True)
    region = models.CharField(_("region"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    created_on = models.DateField(_("day"), db_index=True)

    class Meta:
        verbose_name = _("booking fact")
        verbose_name_plural = _("booking facts")

    def __str__(self) -> str:
        return f"{self.created_on} booking {self.booking_id}"


class HandleTime(models.Model):
    """Operator minutes of one kind of call, editable by analysts in the staff site.

    One figure per kind of call (optionally per e-service), used everywhere: in operator
    hours freed and in the traffic the queue model removes. ``back_office_minutes`` is what
    the alternative costs: reading and registering a web report. Without a row, the settings
    apply (docs/analytics.md).
    """

    kind = models.CharField(_("kind of call"), max_length=20, choices=CallKind.choices)
    service = models.SlugField(
        _("e-service"), max_length=40, blank=True, help_text=_("Leave empty for every e-service of this kind.")
    )
    phone_minutes = models.DecimalField(
        _("phone minutes per call"), max_digits=6, decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    back_office_minutes = models.DecimalField(
        _("back-office minutes per web case"), max_digits=6, decimal_places=2, default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Time to read and register what arrives on the web instead (0 for a booking)."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("handle time")
        verbose_name_plural = _("handle times")
        ordering = ["kind", "service"]
        constraints = [models.UniqueConstraint(fields=["kind", "service"], name="handle_time_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.service or '*'}: {self.phone_minutes} min"


class QueueInterval(models.Model):
    """The contact centre's measured queue in one 15-minute interval (imported, anonymous)."""

    starts_at = models.DateTimeField(_("interval start"), unique=True)
    offered = models.PositiveIntegerField(_("calls offered"))
    answered = models.PositiveIntegerField(_("calls answered"))
    abandoned = models.PositiveIntegerField(_("calls abandoned"))
    handle_seconds = models.FloatField(_("average handle time (seconds)"))
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("queue interval")
        verbose_name_plural = _("queue intervals")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} offered {self.offered}"


class Dashboard(DailyCount):
    """Not data: the admin index's link to the analytics dashboard (see ``admin.py``)."""

    class Meta:
        proxy = True
        verbose_name = _("dashboard: calls avoided")
        verbose_name_plural = _("dashboard: calls avoided")
        default_permissions = ()
