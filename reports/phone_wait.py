"""The live 114 14 wait beside the e-service (docs/phone-wait.md).

The contact centre pushes its current expected wait (``phone_wait_record``, called by the
feed endpoint and the demo feeder); the front page and each service's first page show it
beside how long the e-service takes (``nudge_for``), the median time from the gate to the
sent report over the latest completed reports. A stale or missing reading, or too few
reports to measure, shows nothing: never a wrong number. The wait shown is stored with the
anonymous gate record, so analysts can compare gate decisions with and without it
(``nudge_figure``).
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from reports.catalogue import Service
from reports.constants import GateOutcome
from reports.models import GateRecord, PhoneWaitReading, Submission

MAX_WAIT_MINUTES = 600  # ten hours: anything longer is a feed error, not a queue
FUTURE_TOLERANCE = timedelta(minutes=2)  # clocks differ a little; a reading from the future does not


class FeedError(ValueError):
    """A reading the feed must refuse; the message says why (shown to the feeder, in English)."""


@dataclass(frozen=True)
class Nudge:
    phone_minutes: int
    e_service_minutes: int


def phone_wait_record(*, wait_minutes, measured_at: datetime | None = None) -> PhoneWaitReading:
    """Store one reading of the expected 114 14 wait, after checking it."""
    if isinstance(wait_minutes, bool) or not isinstance(wait_minutes, int | float):
        raise FeedError("wait_minutes must be a number")
    if not math.isfinite(wait_minutes) or not 0 <= wait_minutes <= MAX_WAIT_MINUTES:
        raise FeedError(f"wait_minutes must be between 0 and {MAX_WAIT_MINUTES}")
    now = timezone.now()
    measured_at = measured_at or now
    if timezone.is_naive(measured_at):
        raise FeedError("measured_at needs a time zone")
    if measured_at > now + FUTURE_TOLERANCE:
        raise FeedError("measured_at is in the future")
    return PhoneWaitReading.objects.create(minutes=round(wait_minutes), measured_at=measured_at)


def current_phone_wait() -> int | None:
    """The latest reading's minutes, or None if there is none or it is stale."""
    latest = PhoneWaitReading.objects.order_by("-measured_at", "-pk").first()
    if latest is None:
        return None
    if timezone.now() - latest.measured_at > timedelta(seconds=settings.PHONE_WAIT_MAX_AGE_SECONDS):
        return None
    return latest.minutes


def e_service_minutes(*, service: Service | None = None) -> int | None:
    """Median minutes from the gate to the sent report, over the latest completed reports.

    Measured anonymously from what is stored anyway: the gate record's time and the
    submission's time. Runs longer than PHONE_WAIT_MAX_COMPLETION_MINUTES (saved and resumed
    days later) say nothing about how long the form takes and are left out. ``service``
    None: every service together (the front page).
    """
    submissions = Submission.objects.filter(gate_record__isnull=False)
    if service is not None:
        submissions = submissions.filter(service=service.slug)
    pairs = submissions.order_by("-created_at").values_list("created_at", "gate_record__created_at")[
        : settings.PHONE_WAIT_SAMPLE
    ]
    limit = settings.PHONE_WAIT_MAX_COMPLETION_MINUTES * 60
    seconds = [
        (sent - gate).total_seconds() for sent, gate in pairs if 0 <= (sent - gate).total_seconds() <= limit
    ]
    if len(seconds) < settings.PHONE_WAIT_MIN_REPORTS:
        return None
    return max(1, math.ceil(statistics.median(seconds) / 60))


def nudge_for(*, service: Service | None = None) -> Nudge | None:
    """What the page shows, or None: both numbers must be known and current."""
    if service is not None and service.entry_url_name:
        return None  # a service with its own flow (passport booking) has no generic gate page
    phone = current_phone_wait()
    if phone is None:
        return None
    minutes = e_service_minutes(service=service)
    if minutes is None:
        return None
    return Nudge(phone_minutes=phone, e_service_minutes=minutes)


def shown_wait_from_post(value: str | None) -> int | None:
    """The wait the gate page showed (its hidden field), checked; None if absent or not a wait."""
    if not value or not value.isdigit() or len(value) > 3:
        return None
    minutes = int(value)
    return minutes if 0 <= minutes <= MAX_WAIT_MINUTES else None


@dataclass(frozen=True)
class NudgeFigureRow:
    shown: bool
    decisions: int
    e_service: int
    sent: int

    @property
    def e_service_share(self) -> float | None:
        return self.e_service / self.decisions if self.decisions else None

    @property
    def sent_share(self) -> float | None:
        return self.sent / self.decisions if self.decisions else None


def nudge_figure(*, start: date, end: date, service: str = "") -> list[NudgeFigureRow]:
    """Gate decisions in the period with and without the wait shown: how many suited the
    e-service and how many became a sent report. Anonymous gate records only."""
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, datetime.min.time(), tzinfo=tz)
    until = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    records = GateRecord.objects.filter(created_at__gte=since, created_at__lt=until)
    if service:
        records = records.filter(service=service)
    rows = []
    for shown in (True, False):
        counts = records.filter(shown_phone_wait_minutes__isnull=not shown).aggregate(
            decisions=Count("pk", distinct=True),
            e_service=Count("pk", filter=Q(outcome=GateOutcome.E_SERVICE), distinct=True),
            sent=Count("pk", filter=Q(submissions__isnull=False), distinct=True),
        )
        rows.append(NudgeFigureRow(shown=shown, **counts))
    return rows
