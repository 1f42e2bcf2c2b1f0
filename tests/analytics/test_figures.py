"""Every figure on the hand-built data set (conftest.py); the right answers are written here."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.analytics import services
from reports.analytics.models import DailyCount, FunnelStepCount, MonthlyCount, SubmissionFact
from reports.analytics.selectors import figures_for_period
from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.models import Submission

from .conftest import D1, D2, at

pytestmark = pytest.mark.django_db


def _built():
    call_command("analytics_rebuild", verbosity=0)
    return figures_for_period(start=D1, end=D2)


def _snapshot(f):
    return {
        "totals": (
            f.totals.started,
            dict(f.totals.outcomes),
            f.totals.completed,
            f.totals.delivered,
            f.totals.call_back,
        ),
        "regions": {r: (c.started, c.completed, c.delivered, c.call_back) for r, c in f.by_region.items()},
        "trend": [(label, c.started, c.completed, c.delivered, c.call_back) for label, c in f.trend],
        "funnel": [(r.step, r.reached, r.dropped) for r in f.funnels.get("stold", [])],
        "avoided": (
            round(f.avoided.calls, 4),
            round(f.avoided.calls_low, 4),
            round(f.avoided.calls_high, 4),
            round(f.avoided.hours, 4),
        ),
    }


def test_totals_and_gate_outcomes(dataset):
    f = _built()
    assert f.totals.started == 11
    assert f.totals.outcomes == {
        "e_service": 5,
        "call_112": 1,
        "call_11414": 3,
        "elsewhere": 1,
        "prerequisite": 1,
    }
    assert f.totals.completed == 5
    assert f.totals.delivered == 2  # S1, S2; S3's delivery is dead
    assert f.totals.call_back == 2  # S1, S4


def test_by_region(dataset):
    f = _built()
    stockholm, syd, unknown = f.by_region["Stockholm"], f.by_region["Syd"], f.by_region[""]
    assert (
        stockholm.started,
        stockholm.outcomes["e_service"],
        stockholm.completed,
        stockholm.delivered,
        stockholm.call_back,
    ) == (5, 3, 2, 2, 1)
    assert (syd.started, syd.outcomes["e_service"], syd.completed, syd.delivered, syd.call_back) == (
        5,
        2,
        3,
        0,
        1,
    )
    assert (unknown.started, unknown.completed) == (1, 0)


def test_trend_per_local_day(dataset):
    # The gate record at 00:15 on D2 is 23:15 UTC on D1: it counts on D2, the Swedish day.
    f = _built()
    assert [(label, c.started, c.completed, c.delivered, c.call_back) for label, c in f.trend] == [
        ("2026-03-10", 8, 3, 2, 1),
        ("2026-03-11", 3, 2, 0, 1),
    ]


def test_funnel_drop_off_per_step(dataset):
    # Reached 10, 8, 7, 6 and 5 completed: left at each step 2, 1, 1, 1.
    f = _built()
    assert [(r.step, r.reached, r.dropped) for r in f.funnels["stold"]] == [
        ("nar-var", 10, 2),
        ("foremal", 8, 1),
        ("om-dig", 7, 1),
        ("granska", 6, 1),
    ]


def _row(f, kind, service="stold"):
    [row] = [a for a in f.avoided_by_service if a.kind == kind and a.service == service]
    return row


def test_calls_avoided_and_operator_time(dataset):
    # Reports: share 8/10 = 0.8, Wilson 95% [0.49016, 0.94332] (test_stats.py).
    # Calls avoided = 5 × 0.8 − 2 = 2.0; low 5 × 0.49016 − 2 = 0.4508; high 5 × 0.94332 − 2 = 2.7166.
    # Operator hours at 15 minutes a call (theft's setting): 0.5, 0.1127, 0.6792.
    # Back office: 5 web reports × 1.5 min = 0.125 h, so net 0.5 − 0.125 = 0.375 h.
    # "Another authority" (1) and "something first" (1) have no answers of their own: the
    # assumed 0.6 each, at the guidance call's 4 minutes: 0.6 calls and 0.04 h each.
    f = _built()
    assert f.share.fallback is False
    assert f.share.share == pytest.approx(0.8)
    report = _row(f, "report")
    assert report.calls == pytest.approx(2.0)
    assert report.calls_low == pytest.approx(0.4508, abs=0.0005)
    assert report.calls_high == pytest.approx(2.7166, abs=0.0005)
    assert report.hours == pytest.approx(0.5)
    assert report.hours_low == pytest.approx(0.1127, abs=0.0005)
    assert report.hours_high == pytest.approx(0.6792, abs=0.0005)
    assert report.back_office_hours == pytest.approx(0.125)
    assert report.net_hours == pytest.approx(0.375)
    for kind in ("elsewhere", "prerequisite"):
        row = _row(f, kind)
        assert (row.completed, row.calls, row.hours, row.back_office_hours) == pytest.approx((1, 0.6, 0.04, 0))
        assert row.share.basis == "assumed"
    assert f.avoided.calls == pytest.approx(3.2)
    assert f.avoided.hours == pytest.approx(0.58)
    assert f.avoided.net_hours == pytest.approx(0.455)
    # Spread over the period's 48 hours: 3.2 / 48 calls an hour.
    assert f.avoided_per_hour == pytest.approx(3.2 / 48)
    # Net hours per year: 0.455 × 365 / 2 = 83.0375 h; at 1,600 h a year: 0.0519 FTE.
    assert f.fte_freed == pytest.approx(83.0375 / 1600)


def test_fallback_share_with_too_few_answers(dataset, settings):
    # 10 answers < 11 needed: the assumed 0.6 (0.4–0.8) is used. 5 × 0.6 − 2 = 1.0; 0.0; 2.0.
    settings.ANALYTICS_MIN_ANSWERS = 11
    f = _built()
    assert f.share.fallback is True
    report = _row(f, "report")
    assert report.share.basis == "assumed"
    assert (report.calls, report.calls_low, report.calls_high) == pytest.approx((1.0, 0.0, 2.0))


def test_region_filter(dataset):
    # Syd: 3 completed, 1 call back: 3 × 0.8 − 1 = 1.4 calls avoided; its one "something
    # first" outcome adds the assumed 0.6 (the "another authority" outcome has no region).
    call_command("analytics_rebuild", verbosity=0)
    f = figures_for_period(start=D1, end=D2, region="Syd")
    assert (f.totals.started, f.totals.completed, f.totals.call_back) == (5, 3, 1)
    assert _row(f, "report").calls == pytest.approx(1.4)
    assert f.avoided.calls == pytest.approx(2.0)


def test_one_day_period(dataset):
    call_command("analytics_rebuild", verbosity=0)
    f = figures_for_period(start=D2, end=D2)
    assert (f.totals.started, f.totals.outcomes["e_service"], f.totals.completed, f.totals.call_back) == (
        3,
        2,
        2,
        1,
    )


def test_figures_survive_purge_and_deletion(dataset):
    before = _snapshot(_built())
    # The purge blanks the personal data of every submission and deletes two entirely
    # (their status history goes with them).
    Submission.objects.update(
        reporter_name="",
        personal_identity_number="",
        phone="",
        email="",
        answers={},
        purged_at=timezone.now(),
    )
    Submission.objects.filter(pk__in=[dataset["S1"].pk, dataset["S3"].pk]).delete()
    assert _snapshot(figures_for_period(start=D1, end=D2)) == before  # not rebuilt
    services.rollups_refresh_recent()
    services.rollups_refresh(days=[D1, D2])
    assert _snapshot(figures_for_period(start=D1, end=D2)) == before  # days recomputed
    assert _snapshot(_built()) == before  # fully rebuilt
    assert before["totals"][2] == 5 and before["totals"][4] == 2  # and they were the real figures


def test_rebuild_and_refresh_are_idempotent(dataset):
    first = _snapshot(_built())
    rows = DailyCount.objects.count()
    call_command("analytics_rebuild", verbosity=0)
    services.rollups_refresh(days=[D1, D2])
    services.rollups_refresh(days=[D1, D2])
    assert DailyCount.objects.count() == rows
    assert _snapshot(figures_for_period(start=D1, end=D2)) == first


def test_periodic_refresh_recomputes_old_day_when_marked_for_call_back(dataset):
    # Built once; then S2 (from D1) is marked "needs contact" today. The periodic job scans
    # only since yesterday, yet recomputes D1 because a fact of that day changed.
    from .conftest import needs_contact

    call_command("analytics_rebuild", verbosity=0)
    needs_contact(dataset["S2"], timezone.now())
    services.rollups_refresh_recent()
    assert figures_for_period(start=D1, end=D1).totals.call_back == 2


def test_periodic_refresh_recomputes_the_gate_day_of_a_report_sent_from_an_old_draft(dataset):
    """The gate was passed on D1, the report sent today from a saved draft: the region it names
    is written onto the D1 gate record, and the periodic job recomputes D1 (not only the days
    since yesterday), so D1's gate figures by region agree with a rebuild."""
    from reports.services import SubmissionDraft, submission_create

    from .conftest import gate

    record = gate(GateOutcome.E_SERVICE, "", "sv", at(D1, 9))
    call_command("analytics_rebuild", verbosity=0)
    assert "Nord" not in figures_for_period(start=D1, end=D1).by_region
    submission_create(
        service=registry["stold"], draft=SubmissionDraft(region="Nord", reporter_name="Bo"),
        language="sv", client_token="from-a-draft", gate_record_id=record.pk,
    )
    services.rollups_refresh_recent()
    refreshed = _snapshot(figures_for_period(start=D1, end=D1))
    assert figures_for_period(start=D1, end=D1).by_region["Nord"].started == 1
    call_command("analytics_rebuild", verbosity=0)
    assert _snapshot(figures_for_period(start=D1, end=D1)) == refreshed


def test_periodic_task_counts_a_new_submission_today(dataset, celery_eager):
    from reports.analytics.tasks import rollups_refresh
    from reports.services import SubmissionDraft, submission_create

    submission, _ = submission_create(
        service=registry["stold"],
        draft=SubmissionDraft(region="Nord", reporter_name="Bo"),
        language="sv",
        client_token="today-1",
    )
    fact = SubmissionFact.objects.get(submission_id=submission.pk)  # written by the creation hook
    assert (fact.service, fact.region, fact.created_on) == ("stold", "Nord", timezone.localdate())
    rollups_refresh.delay()
    today = timezone.localdate()
    assert figures_for_period(start=today, end=today).by_region["Nord"].completed == 1


def test_funnel_hook_counts_each_call(db):
    service = registry["stold"]
    for _ in range(3):
        services.funnel_step_count(service=service, step="nar-var", language="en")
    row = FunnelStepCount.objects.get(service="stold", step="nar-var", language="en")
    assert (row.day, row.count) == (timezone.localdate(), 3)


@pytest.mark.parametrize(
    ("start", "end", "edges", "months"),
    [
        ("2025-01-01", "2025-12-31", [], [f"2025-{m:02d}-01" for m in range(1, 13)]),
        ("2025-01-15", "2025-03-10", [("2025-01-15", "2025-01-31"), ("2025-03-01", "2025-03-10")], ["2025-02-01"]),
        ("2025-01-15", "2025-02-10", [("2025-01-15", "2025-02-10")], []),  # no whole month
        ("2024-02-01", "2024-02-29", [], ["2024-02-01"]),  # a leap February, whole
        ("2025-12-31", "2026-01-31", [("2025-12-31", "2025-12-31")], ["2026-01-01"]),
    ],
)
def test_period_segments(start, end, edges, months):
    from datetime import date

    from reports.analytics.selectors import period_segments

    d = date.fromisoformat
    got_edges, got_months = period_segments(d(start), d(end))
    assert got_edges == [(d(a), d(b)) for a, b in edges]
    assert got_months == [d(m) for m in months]


def test_long_period_reads_monthly_rows_with_the_same_figures(dataset):
    # 2026-01-01 to 2026-04-30 is 120 days: whole months, read from the monthly rollup, trend per month.
    call_command("analytics_rebuild", verbosity=0)
    from datetime import date

    f = figures_for_period(start=date(2026, 1, 1), end=date(2026, 4, 30))
    assert (f.totals.started, f.totals.completed, f.totals.delivered, f.totals.call_back) == (11, 5, 2, 2)
    assert [(label, c.started, c.completed) for label, c in f.trend] == [("2026-03", 11, 5)]
    assert f.avoided.calls == pytest.approx(3.2)
    # From D2 (an edge day read from the daily rows) to the end of June: only D2 counts.
    f = figures_for_period(start=D2, end=date(2026, 6, 30))
    assert (f.totals.started, f.totals.completed, f.totals.call_back) == (3, 2, 1)


def test_refreshing_a_day_refreshes_its_month(dataset):
    from datetime import date

    call_command("analytics_rebuild", verbosity=0)
    from .conftest import at, gate

    gate("call_112", "Nord", "sv", at(D1, 15))
    services.rollups_refresh(days=[D1])
    f = figures_for_period(start=date(2026, 1, 1), end=date(2026, 4, 30))
    assert (f.totals.started, f.totals.outcomes["call_112"]) == (12, 2)


@pytest.mark.django_db(transaction=True)
def test_concurrent_refreshes_neither_collide_nor_double(dataset):
    """Real threads on PostgreSQL: the periodic task and a rebuild running at the same time."""
    import threading

    from django.db import connection

    call_command("analytics_rebuild", verbosity=0)
    errors = []

    def run(job):
        try:
            job()
        except Exception as exc:  # collected: the assertion below shows it
            errors.append(exc)
        finally:
            connection.close()

    jobs = [lambda: services.rollups_refresh(days=[D1, D2])] * 3 + [services.rollups_rebuild] * 2
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    f = figures_for_period(start=D1, end=D2)
    assert (f.totals.started, f.totals.completed, f.totals.delivered, f.totals.call_back) == (11, 5, 2, 2)


def test_days_rolled_up_before_cost_a_call_anyway_was_counted_still_subtract_their_call_backs(dataset):
    """Rollups written before analytics migration 0005 have no "cost a call anyway" rows until a
    rebuild: the region's 1 call back is still subtracted (3 × 0.8 − 1 = 1.4), never 2.4."""
    from reports.analytics.constants import Metric

    call_command("analytics_rebuild", verbosity=0)
    DailyCount.objects.filter(metric=Metric.CALLED_ANYWAY).delete()
    MonthlyCount.objects.filter(metric=Metric.CALLED_ANYWAY).delete()
    f = figures_for_period(start=D1, end=D2, region="Syd")
    assert f.totals.call_back == 1
    assert _row(f, "report").calls == pytest.approx(1.4)
