"""Reads of analytics: every figure of the dashboard, the CSV and ``analytics_report``.

They read only anonymous sources (rollups, funnel counts, survey answers), never a
submission, so purging personal data cannot change them.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth

from reports.analytics import stats
from reports.analytics.constants import Counterfactual, Metric
from reports.analytics.models import CounterfactualAnswer, DailyCount, FunnelStepCount, MonthlyCount
from reports.catalogue import registry
from reports.constants import GateOutcome

TREND_BY_DAY_MAX_DAYS = 62  # longer periods are shown per month


@dataclass
class Counts:
    started: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in GateOutcome})
    completed: int = 0
    delivered: int = 0
    call_back: int = 0


@dataclass(frozen=True)
class FunnelRow:
    step: str
    title: str
    reached: int
    dropped: int  # reached this step but not the next one (the last step: not completed)


@dataclass(frozen=True)
class Avoided:
    service: str
    completed: int
    call_back: int
    calls: float
    calls_low: float
    calls_high: float
    handle_minutes: float
    hours: float
    hours_low: float
    hours_high: float


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
    answers: dict[str, int]
    share: stats.CallShare
    avoided_by_service: list[Avoided]
    avoided: Avoided

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def avoided_per_hour(self) -> float:
        return self.avoided.calls / (self.days * 24)


def handle_minutes(service: str) -> float:
    """The assumed operator minutes of one phone call about ``service`` (settings)."""
    return float(settings.ANALYTICS_HANDLE_MINUTES_BY_SERVICE.get(service, settings.ANALYTICS_HANDLE_MINUTES))


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
    answers, share = _share(start=start, end=end, service=service)
    avoided_rows = [
        _avoided(slug, counts.completed, counts.call_back, share)
        for slug, counts in sorted(by_service.items())
    ]
    total = Avoided(
        service="",
        completed=totals.completed,
        call_back=totals.call_back,
        calls=sum(a.calls for a in avoided_rows),
        calls_low=sum(a.calls_low for a in avoided_rows),
        calls_high=sum(a.calls_high for a in avoided_rows),
        handle_minutes=math.nan,
        hours=sum(a.hours for a in avoided_rows),
        hours_low=sum(a.hours_low for a in avoided_rows),
        hours_high=sum(a.hours_high for a in avoided_rows),
    )
    return Figures(
        start=start, end=end, service=service, region=region, totals=totals,
        by_service=dict(sorted(by_service.items())), by_region=dict(sorted(by_region.items())),
        trend=sorted(trend.items()), funnels=funnels, answers=answers, share=share,
        avoided_by_service=avoided_rows, avoided=total,
    )


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


def _avoided(service: str, completed: int, call_back: int, share: stats.CallShare) -> Avoided:
    minutes = handle_minutes(service)
    calls = stats.calls_avoided(completed=completed, call_backs=call_back, share=share.share)
    low = stats.calls_avoided(completed=completed, call_backs=call_back, share=share.low)
    high = stats.calls_avoided(completed=completed, call_backs=call_back, share=share.high)
    return Avoided(
        service=service, completed=completed, call_back=call_back,
        calls=calls, calls_low=low, calls_high=high,
        handle_minutes=minutes, hours=calls * minutes / 60, hours_low=low * minutes / 60,
        hours_high=high * minutes / 60,
    )


def _share(*, start: date, end: date, service: str) -> tuple[dict[str, int], stats.CallShare]:
    answers = CounterfactualAnswer.objects.filter(answered_on__gte=start, answered_on__lte=end)
    if service:
        answers = answers.filter(service=service)
    counts = {choice.value: 0 for choice in Counterfactual}
    for row in answers.values("answer").annotate(n=Count("id")).order_by():
        counts[row["answer"]] = row["n"]
    share = stats.call_share(
        would_have_called=counts[Counterfactual.CALLED],
        answers=sum(counts.values()),
        min_answers=settings.ANALYTICS_MIN_ANSWERS,
        fallback_share=settings.ANALYTICS_FALLBACK_CALL_SHARE,
        fallback_low=settings.ANALYTICS_FALLBACK_CALL_SHARE_LOW,
        fallback_high=settings.ANALYTICS_FALLBACK_CALL_SHARE_HIGH,
    )
    return counts, share


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
