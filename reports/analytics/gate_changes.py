"""Changed gate outcomes: how often a person sent elsewhere by a rule tried again in the same
browser session and got another outcome (for example "call 114 14", then "I don't know who
did it" and on to the e-service).

Read straight from the anonymous gate records: each try after the first carries the chain's
random key and the first try's outcome and rule (``GateRecord.attempt_key``, ``first_*``).
One chain counts once per first rule, however many times the person tried.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from reports.constants import GateOutcome
from reports.models import GateRecord


@dataclass(frozen=True)
class ChangedOutcome:
    service: str
    rule: str  # the rule of the first try
    first_outcome: str
    changed: int  # sessions whose later try had another outcome
    to_e_service: int  # of those, sessions that went on to the e-service


def changed_outcomes_by_rule(*, start: date, end: date, service: str = "") -> list[ChangedOutcome]:
    tz = timezone.get_current_timezone()
    records = GateRecord.objects.filter(
        created_at__gte=timezone.make_aware(datetime.combine(start, time.min), tz),
        created_at__lt=timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    ).exclude(first_outcome="").exclude(outcome=F("first_outcome"))
    if service:
        records = records.filter(service=service)
    rows = (
        records.values("service", "first_rule", "first_outcome")
        .annotate(
            changed=Count("attempt_key", distinct=True),
            to_e_service=Count("attempt_key", distinct=True, filter=Q(outcome=GateOutcome.E_SERVICE)),
        )
        .order_by("-changed", "service", "first_rule")
    )
    return [
        ChangedOutcome(
            service=row["service"], rule=row["first_rule"], first_outcome=row["first_outcome"],
            changed=row["changed"], to_e_service=row["to_e_service"],
        )
        for row in rows
    ]
