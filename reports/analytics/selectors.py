"""Reads of analytics: every figure of the dashboard, the CSV and ``analytics_report``.

They read only anonymous sources (rollups, funnel counts, survey answers), never a
submission, so purging personal data cannot change them.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from reports.analytics import stats
from reports.analytics.constants import CallKind, Counterfactual, Metric
from reports.analytics.models import (
    CounterfactualAnswer,
    DailyCount,
    FunnelStepCount,
    HandleTime,
    MonthlyCount,
    QueueInterval,
)
from reports.catalogue import registry
from reports.constants import GateOutcome

TREND_BY_DAY_MAX_DAYS = 62  # longer periods are shown per month
# The gate outcomes that are themselves a call avoided, each with its own survey question.
GATE_KINDS = {GateOutcome.ELSEWHERE.value: CallKind.ELSEWHERE, GateOutcome.PREREQUISITE.value: CallKind.PREREQUISITE}


@dataclass
class Counts:
    started: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in GateOutcome})
    completed: int = 0
    delivered: int = 0
    call_back: int = 0
    told_to_phone: int = 0  # the check page told them to phone; they sent anyway
    called_anyway: int = 0  # told to phone or needed a call back, each report once
    booked: int = 0


@dataclass(frozen=True)
class FunnelRow:
    step: str
    title: str
    reached: int
    dropped: int  # reached this step but not the next one (the last step: not completed)


@dataclass(frozen=True)
class Minutes:
    """Operator minutes of one kind of call and what its web alternative costs the back office."""

    phone: float
    back_office: float
    source: str  # "table" (HandleTime, edited by analysts) or "settings"


@dataclass(frozen=True)
class Avoided:
    service: str
    completed: int  # the cases the portal handled: reports completed, bookings, gate outcomes
    call_back: int
    told_to_phone: int
    called_anyway: int  # subtracted: told to phone or needed a call back, each report once
    calls: float
    calls_low: float
    calls_high: float
    handle_minutes: float
    hours: float
    hours_low: float
    hours_high: float
    kind: str = CallKind.REPORT
    share: stats.CallShare | None = None
    back_office_minutes: float = 0.0
    back_office_hours: float = 0.0

    @property
    def net_hours(self) -> float:
        """Phone time avoided minus the time to read and register the web cases."""
        return self.hours - self.back_office_hours

    @property
    def net_hours_low(self) -> float:
        return self.hours_low - self.back_office_hours

    @property
    def net_hours_high(self) -> float:
        return self.hours_high - self.back_office_hours

    @property
    def handle_seconds(self) -> float:
        """The weighted phone handle time of these avoided calls (NaN when there are none)."""
        return self.hours * 3600 / self.calls if self.calls > 0 else math.nan


@dataclass(frozen=True)
class ShareRow:
    """The "would have called" share of one kind of call and service, with its response rate."""

    kind: str
    service: str
    cases: int  # the denominator of the response rate: completed, booked or gate outcomes
    share: stats.CallShare
    response_rate: float | None  # answers / cases (None without cases)
    too_few_responses: bool  # below ANALYTICS_MIN_RESPONSE_RATE: do not trust the share


@dataclass
class Figures:
    start: date
    end: date
    service: str
    region: str
    totals: Counts
    by_service: dict[str, Counts]
    by_region: dict[str, Counts]
    trend: list[tuple[str, Counts]]
    funnels: dict[str, list[FunnelRow]]
    answers: dict[str, int]  # report answers by answer
    share: stats.CallShare  # the pooled report share (all services' answers)
    avoided_by_service: list[Avoided]  # one row per kind of call and service
    avoided: Avoided  # their sum
    answers_by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    shares: list[ShareRow] = field(default_factory=list)

    @property
    def fte_freed(self) -> float:
        """Net operator hours per year (the period scaled to 365 days) as full-time staff."""
        per_year = self.avoided.net_hours * 365 / self.days
        return per_year / settings.ANALYTICS_FTE_HOURS_PER_YEAR

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def avoided_per_hour(self) -> float:
        return self.avoided.calls / (self.days * 24)


def handle_minutes(service: str, kind: str = CallKind.REPORT, table: dict | None = None) -> Minutes:
    """One handle time per kind of call (and e-service), used for hours freed and the queue.

    The analysts' table (``HandleTime``: this kind and service, else this kind for every
    service) wins over the settings, which give per kind: reports ``ANALYTICS_HANDLE_MINUTES``
    (per service ``ANALYTICS_HANDLE_MINUTES_BY_SERVICE``) with ``ANALYTICS_BACK_OFFICE_MINUTES``
    to register the web report; bookings ``ANALYTICS_BOOKING_HANDLE_MINUTES``; "another
    authority" and "something first" ``ANALYTICS_GUIDANCE_HANDLE_MINUTES`` (no back office).
    """
    if table is None:
        table = handle_time_table()
    row = table.get((kind, service)) or table.get((kind, ""))
    if row is not None:
        return Minutes(float(row.phone_minutes), float(row.back_office_minutes), "table")
    if kind == CallKind.REPORT:
        phone = settings.ANALYTICS_HANDLE_MINUTES_BY_SERVICE.get(service, settings.ANALYTICS_HANDLE_MINUTES)
        return Minutes(float(phone), float(settings.ANALYTICS_BACK_OFFICE_MINUTES), "settings")
    if kind == CallKind.BOOKING:
        return Minutes(float(settings.ANALYTICS_BOOKING_HANDLE_MINUTES), 0.0, "settings")
    return Minutes(float(settings.ANALYTICS_GUIDANCE_HANDLE_MINUTES), 0.0, "settings")


def handle_time_table() -> dict[tuple[str, str], HandleTime]:
    return {(row.kind, row.service): row for row in HandleTime.objects.all()}


def _add(counts: Counts, metric: str, outcome: str, n: int) -> None:
    if metric == Metric.GATE:
        counts.started += n
        counts.outcomes[outcome] = counts.outcomes.get(outcome, 0) + n
    elif metric == Metric.COMPLETED:
        counts.completed += n
    elif metric == Metric.DELIVERED:
        counts.delivered += n
    elif metric == Metric.CALL_BACK:
        counts.call_back += n
    elif metric == Metric.TOLD_TO_PHONE:
        counts.told_to_phone += n
    elif metric == Metric.CALLED_ANYWAY:
        counts.called_anyway += n
    elif metric == Metric.BOOKED:
        counts.booked += n


def figures_for_period(*, start: date, end: date, service: str = "", region: str = "") -> Figures:
    """All figures of one period (both days included), optionally for one service or region."""
    by_month = (end - start).days + 1 > TREND_BY_DAY_MAX_DAYS
    totals = Counts()
    by_service: dict[str, Counts] = defaultdict(Counts)
    by_region: dict[str, Counts] = defaultdict(Counts)
    trend: dict[str, Counts] = defaultdict(Counts)
    grouped = _grouped(start=start, end=end, service=service, region=region, by_month=by_month)
    for row in grouped:
        metric, outcome, n = row["metric"], row["outcome"], row["n"]
        _add(totals, metric, outcome, n)
        _add(by_service[row["service"]], metric, outcome, n)
        _add(by_region[row["region"]], metric, outcome, n)
        label = row["period"].strftime("%Y-%m" if by_month else "%Y-%m-%d")
        _add(trend[label], metric, outcome, n)

    if region:  # the funnel has no region: compare it with all completed reports
        completed: dict[str, int] = defaultdict(int)
        for row in _grouped(start=start, end=end, service=service, region="", by_month=by_month,
                            metric=Metric.COMPLETED):
            completed[row["service"]] += row["n"]
    else:
        completed = {slug: counts.completed for slug, counts in by_service.items()}
    funnels = _funnels(start=start, end=end, service=service, completed=completed)
    answers_by_kind, shares = _shares(start=start, end=end)
    table = handle_time_table()
    # Response rates compare answers (which know no region) with cases in every region.
    all_regions = by_service if not region else _by_service_all_regions(start=start, end=end, service=service,
                                                                        by_month=by_month)
    avoided_rows: list[Avoided] = []
    share_rows: list[ShareRow] = []
    for slug, counts in sorted(by_service.items()):
        cases = [(CallKind.REPORT, counts.completed, counts, all_regions[slug].completed)]
        if counts.booked or all_regions[slug].booked:
            cases.append((CallKind.BOOKING, counts.booked, None, all_regions[slug].booked))
        for outcome, kind in GATE_KINDS.items():
            n = counts.outcomes.get(outcome, 0)
            if n:
                cases.append((kind, n, None, all_regions[slug].outcomes.get(outcome, 0)))
        for kind, n, reports, denominator in cases:
            if kind == CallKind.REPORT and not n and not counts.called_anyway:
                continue
            share = shares(kind, slug)
            avoided_rows.append(_avoided(slug, n, reports, share, kind=kind, table=table))
            rate = share.answers / denominator if denominator else None
            share_rows.append(ShareRow(
                kind=kind, service=slug, cases=denominator, share=share, response_rate=rate,
                too_few_responses=rate is None or rate < settings.ANALYTICS_MIN_RESPONSE_RATE,
            ))
    total = Avoided(
        service="",
        completed=sum(a.completed for a in avoided_rows),
        call_back=totals.call_back,
        told_to_phone=totals.told_to_phone,
        called_anyway=totals.called_anyway,
        calls=sum(a.calls for a in avoided_rows),
        calls_low=sum(a.calls_low for a in avoided_rows),
        calls_high=sum(a.calls_high for a in avoided_rows),
        handle_minutes=math.nan,
        hours=sum(a.hours for a in avoided_rows),
        hours_low=sum(a.hours_low for a in avoided_rows),
        hours_high=sum(a.hours_high for a in avoided_rows),
        kind="",
        back_office_minutes=math.nan,
        back_office_hours=sum(a.back_office_hours for a in avoided_rows),
    )
    return Figures(
        start=start, end=end, service=service, region=region, totals=totals,
        by_service=dict(sorted(by_service.items())), by_region=dict(sorted(by_region.items())),
        trend=sorted(trend.items()), funnels=funnels, answers=answers_by_kind[CallKind.REPORT],
        share=shares(CallKind.REPORT, ""), avoided_by_service=avoided_rows, avoided=total,
        answers_by_kind=answers_by_kind, shares=share_rows,
    )


def _by_service_all_regions(*, start: date, end: date, service: str, by_month: bool) -> dict[str, Counts]:
    counts: dict[str, Counts] = defaultdict(Counts)
    for row in _grouped(start=start, end=end, service=service, region="", by_month=by_month):
        _add(counts[row["service"]], row["metric"], row["outcome"], row["n"])
    return counts


def _month_after(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def period_segments(start: date, end: date) -> tuple[list[tuple[date, date]], list[date]]:
    """Split a period into whole months (read from ``MonthlyCount``) and the days at its
    edges (read from ``DailyCount``), so a year costs twelve months, not 365 days of rows."""
    first_full = start if start.day == 1 else _month_after(start)
    after_last_full = (end + timedelta(days=1)).replace(day=1)
    if first_full >= after_last_full:
        return [(start, end)], []
    months, month = [], first_full
    while month < after_last_full:
        months.append(month)
        month = _month_after(month)
    edges = []
    if start < first_full:
        edges.append((start, first_full - timedelta(days=1)))
    if after_last_full <= end:
        edges.append((after_last_full, end))
    return edges, months


def _grouped(*, start: date, end: date, service: str, region: str, by_month: bool, metric: str = ""):
    """Summed counts per (period, metric, service, region, outcome) over the period."""
    edges, months = period_segments(start, end) if by_month else ([(start, end)], [])
    filters = {}
    if service:
        filters["service"] = service
    if region:
        filters["region"] = region
    if metric:
        filters["metric"] = metric
    keys = ("period", "metric", "service", "region", "outcome")
    for first, last in edges:
        yield from (
            DailyCount.objects.filter(day__gte=first, day__lte=last, **filters)
            .annotate(period=TruncMonth("day") if by_month else F("day"))
            .values(*keys).annotate(n=Sum("count")).order_by()
        )
    if months:
        yield from (
            MonthlyCount.objects.filter(month__in=months, **filters)
            .annotate(period=F("month"))
            .values(*keys).annotate(n=Sum("count")).order_by()
        )


def _avoided(service: str, completed: int, reports: Counts | None, share: stats.CallShare, *,
             kind: str = CallKind.REPORT, table: dict | None = None) -> Avoided:
    """``reports``: the report counts whose calls anyway are subtracted (None for bookings and
    gate outcomes, which never cost a call afterwards)."""
    minutes = handle_minutes(service, kind, table)
    reports = reports or Counts()
    # Every report that needed a call back is among those that cost a call anyway, so the count
    # is never below the call backs: days rolled up before "cost a call anyway" was counted
    # (analytics migration 0005, until a rebuild) still subtract their call backs.
    anyway = max(reports.called_anyway, reports.call_back)
    calls = stats.calls_avoided(completed=completed, called_anyway=anyway, share=share.share)
    low = stats.calls_avoided(completed=completed, called_anyway=anyway, share=share.low)
    high = stats.calls_avoided(completed=completed, called_anyway=anyway, share=share.high)
    return Avoided(
        service=service, completed=completed, call_back=reports.call_back,
        told_to_phone=reports.told_to_phone, called_anyway=anyway,
        calls=calls, calls_low=low, calls_high=high,
        handle_minutes=minutes.phone, hours=calls * minutes.phone / 60, hours_low=low * minutes.phone / 60,
        hours_high=high * minutes.phone / 60, kind=kind, share=share,
        back_office_minutes=minutes.back_office, back_office_hours=completed * minutes.back_office / 60,
    )


def _shares(*, start: date, end: date):
    """Answers per kind of call, and a function giving the share of (kind, service).

    The pooled share of a kind is every service's answers together, whatever the filter, so
    a service's figure is the same in the overall view and filtered to that service. A
    service with fewer than ``ANALYTICS_MIN_ANSWERS`` answers of its own takes the pooled
    share (marked "pooled"), or the configured assumption (marked "assumed").
    """
    rows = (
        CounterfactualAnswer.objects.filter(answered_on__gte=start, answered_on__lte=end)
        .values("kind", "service", "answer").annotate(n=Count("id")).order_by()
    )
    by_kind: dict[str, dict[str, int]] = {k.value: {c.value: 0 for c in Counterfactual} for k in CallKind}
    own: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: {c.value: 0 for c in Counterfactual})
    for row in rows:
        by_kind.setdefault(row["kind"], {c.value: 0 for c in Counterfactual})
        by_kind[row["kind"]][row["answer"]] = by_kind[row["kind"]].get(row["answer"], 0) + row["n"]
        own[(row["kind"], row["service"])][row["answer"]] += row["n"]

    def _make(counts: dict[str, int], pooled: stats.CallShare | None = None) -> stats.CallShare:
        return stats.call_share(
            would_have_called=counts.get(Counterfactual.CALLED, 0),
            answers=sum(counts.values()),
            min_answers=settings.ANALYTICS_MIN_ANSWERS,
            fallback_share=settings.ANALYTICS_FALLBACK_CALL_SHARE,
            fallback_low=settings.ANALYTICS_FALLBACK_CALL_SHARE_LOW,
            fallback_high=settings.ANALYTICS_FALLBACK_CALL_SHARE_HIGH,
            pooled=pooled,
        )

    pooled = {kind: _make(counts) for kind, counts in by_kind.items()}

    def share(kind: str, service: str) -> stats.CallShare:
        if not service:
            return pooled[kind]
        return _make(own[(kind, service)], pooled=pooled[kind])

    return by_kind, share


def _funnels(*, start: date, end: date, service: str, completed: dict[str, int]) -> dict[str, list[FunnelRow]]:
    """Reached and dropped per step. The funnel knows no region, so it ignores that filter."""
    counts = FunnelStepCount.objects.filter(day__gte=start, day__lte=end)
    if service:
        counts = counts.filter(service=service)
    reached: dict[str, dict[str, int]] = defaultdict(dict)
    for row in counts.values("service", "step").annotate(n=Sum("count")).order_by():
        reached[row["service"]][row["step"]] = row["n"]
    funnels: dict[str, list[FunnelRow]] = {}
    for slug in sorted(reached):
        known = registry.get(slug)
        order = [s.name for s in known.steps] if known else []
        titles = {s.name: str(s.title) for s in known.steps} if known else {}
        steps = [s for s in order if s in reached[slug]] + sorted(s for s in reached[slug] if s not in order)
        rows = []
        for index, step in enumerate(steps):
            here = reached[slug][step]
            following = reached[slug][steps[index + 1]] if index + 1 < len(steps) else completed.get(slug, 0)
            rows.append(
                FunnelRow(step=step, title=titles.get(step, step), reached=here, dropped=here - following)
            )
        funnels[slug] = rows
    return funnels


# -- the contact centre's measured queue ---------------------------------------------------
INTERVAL_ROWS_MAX = 96 * 7  # per-interval rows shown: a week of 15-minute intervals (each runs the models)


@dataclass(frozen=True)
class HourLoad:
    """Mean measured load of one hour (of the day, or of the week: weekday and hour)."""

    key: tuple[int, ...]  # (hour,) or (weekday, hour); weekday 0 = Monday
    days: int  # days with data in this hour
    offered_per_hour: float  # mean calls offered in this hour
    handle_seconds: float  # average handle time, weighted by answered calls
    abandoned_share: float | None  # abandoned / offered


@dataclass
class CallData:
    intervals: list  # QueueInterval rows of the period (at most INTERVAL_ROWS_MAX)
    total_intervals: int
    by_hour: list[HourLoad]
    by_weekday: list[tuple[int, float, HourLoad | None]]  # weekday, mean offered per day, busiest hour
    by_week_hour: list[HourLoad]


def _hour_loads(groups: dict[tuple[int, ...], dict]) -> list[HourLoad]:
    loads = []
    for key in sorted(groups):
        g = groups[key]
        days = len(g["days"])
        loads.append(HourLoad(
            key=key, days=days, offered_per_hour=g["offered"] / days if days else 0.0,
            handle_seconds=g["handle"] / g["answered"] if g["answered"] else math.nan,
            abandoned_share=g["abandoned"] / g["offered"] if g["offered"] else None,
        ))
    return loads


def call_data(*, start: date, end: date) -> CallData:
    """The imported 15-minute intervals of the period and their peaks (Swedish local time)."""
    tz = timezone.get_current_timezone()
    first = timezone.make_aware(datetime.combine(start, time.min), tz)
    after = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    rows = QueueInterval.objects.filter(starts_at__gte=first, starts_at__lt=after).order_by("starts_at")

    def empty():
        return {"days": set(), "offered": 0, "answered": 0, "abandoned": 0, "handle": 0.0}

    hours: dict[tuple[int, ...], dict] = defaultdict(empty)
    week_hours: dict[tuple[int, ...], dict] = defaultdict(empty)
    per_day: dict[date, int] = defaultdict(int)
    shown, total = [], 0
    for row in rows.iterator(chunk_size=2000):
        total += 1
        if len(shown) < INTERVAL_ROWS_MAX:
            shown.append(row)
        local = timezone.localtime(row.starts_at, tz)
        for groups, key in ((hours, (local.hour,)), (week_hours, (local.weekday(), local.hour))):
            g = groups[key]
            g["days"].add(local.date())
            g["offered"] += row.offered
            g["answered"] += row.answered
            g["abandoned"] += row.abandoned
            g["handle"] += row.handle_seconds * row.answered
        per_day[local.date()] += row.offered
    week = _hour_loads(week_hours)
    by_weekday = []
    for weekday in range(7):
        days = [d for d in per_day if d.weekday() == weekday]
        if not days:
            continue
        mean = sum(per_day[d] for d in days) / len(days)
        busiest = max((h for h in week if h.key[0] == weekday), key=lambda h: h.offered_per_hour, default=None)
        by_weekday.append((weekday, mean, busiest))
    return CallData(intervals=shown, total_intervals=total, by_hour=_hour_loads(hours), by_weekday=by_weekday,
                    by_week_hour=week)
