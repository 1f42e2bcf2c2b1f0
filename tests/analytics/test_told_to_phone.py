"""Reports the check page told to phone (112 or 114 14) and that were sent anyway cost a call:
calls avoided = completed × p − (told to phone or needed a call back), each report once.

The right answers are written in conftest.py (the ``told_to_phone`` data set)."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.analytics import services
from reports.analytics.models import SubmissionFact
from reports.analytics.selectors import figures_for_period
from reports.catalogue import registry
from reports.models import Submission
from reports.screening import findings_purged
from reports.screening import told_to_phone as told

from .conftest import D1, D2, PHONE_JUST_HAPPENED, PHONE_VEHICLE, SIGNAL_VIOLENCE

pytestmark = pytest.mark.django_db


def _built():
    call_command("analytics_rebuild", verbosity=0)
    return figures_for_period(start=D1, end=D2)


def _counts(c):
    return (c.completed, c.call_back, c.told_to_phone, c.called_anyway)


def _report(f, service="stold"):
    [row] = [a for a in f.avoided_by_service if a.kind == "report" and a.service == service]
    return row


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ([], False),
        (None, False),
        ([SIGNAL_VIOLENCE], False),  # flagged for staff, but the person was not told to phone
        ([{"rule": "late_application", "level": "notice", "words": []}], False),
        ([PHONE_VEHICLE], True),  # 114 14
        ([PHONE_JUST_HAPPENED, SIGNAL_VIOLENCE], True),  # 112
        ([{"rule": "gate_changed_112", "level": "phone", "words": ["in_progress"]}], True),
        ([{"rule": "gate_changed_11414", "level": "phone", "words": []}], True),
        (findings_purged([PHONE_VEHICLE]), True),  # a purge keeps the rule and its level
        # A supplement's finding was never shown on the check page.
        ([{"rule": "weapon_text", "level": "phone", "words": ["kniv"], "supplement": 3}], False),
    ],
)
def test_told_to_phone_reads_the_stored_phone_findings(stored, expected):
    assert told(stored) is expected


def test_totals_count_told_to_phone_and_each_report_that_cost_a_call_once(told_to_phone):
    f = _built()
    assert _counts(f.totals) == (7, 3, 2, 4)
    assert f.totals.delivered == 2


def test_per_day_and_region(told_to_phone):
    f = _built()
    assert [(label, *_counts(c)) for label, c in f.trend] == [
        ("2026-03-10", 4, 2, 1, 2),
        ("2026-03-11", 3, 1, 1, 2),
    ]
    assert _counts(f.by_region["Stockholm"]) == (3, 2, 1, 2)
    assert _counts(f.by_region["Syd"]) == (4, 1, 1, 2)
    assert _counts(f.by_service["stold"]) == (7, 3, 2, 4)


def test_calls_avoided_subtract_told_to_phone_or_call_back_once(told_to_phone):
    f = _built()
    report = _report(f)
    assert report.calls == pytest.approx(1.6)  # 7 × 0.8 − 4; before, 7 × 0.8 − 3 = 2.6
    assert (report.completed, report.call_back, report.told_to_phone, report.called_anyway) == (7, 3, 2, 4)
    assert report.calls_low == pytest.approx(-0.5689, abs=0.0005)
    assert report.calls_high == pytest.approx(2.6032, abs=0.0005)
    assert report.hours == pytest.approx(0.4)
    assert report.back_office_hours == pytest.approx(0.175)
    assert f.avoided.calls == pytest.approx(2.8)
    assert (f.avoided.call_back, f.avoided.told_to_phone, f.avoided.called_anyway) == (3, 2, 4)
    # Filtered to one region, one service, the monthly rollup: the same arithmetic.
    call_command("analytics_rebuild", verbosity=0)
    assert _report(figures_for_period(start=D1, end=D2, region="Syd")).calls == pytest.approx(1.2)
    assert _report(figures_for_period(start=D1, end=D2, service="stold")).calls == pytest.approx(1.6)
    from datetime import date

    year = figures_for_period(start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert _counts(year.totals) == (7, 3, 2, 4)
    assert _report(year).calls == pytest.approx(1.6)


def test_the_creation_hook_writes_the_flag(db):
    from reports.services import SubmissionDraft, submission_create

    sent = {}
    for name, findings in (("phone", [PHONE_VEHICLE]), ("signal", [SIGNAL_VIOLENCE]), ("none", [])):
        sent[name], _ = submission_create(
            service=registry["stold"], draft=SubmissionDraft(region="Nord", reporter_name="Bo", screening=findings),
            language="sv", client_token=f"hook-{name}",
        )
    facts = dict(SubmissionFact.objects.values_list("submission_id", "told_to_phone"))
    assert facts == {sent["phone"].pk: True, sent["signal"].pk: False, sent["none"].pk: False}
    services.rollups_refresh_recent()
    today = timezone.localdate()
    assert _counts(figures_for_period(start=today, end=today).totals) == (3, 0, 1, 1)


def test_the_rebuild_fills_the_flag_of_older_facts_from_the_submissions_that_remain(told_to_phone):
    """Facts written before the flag existed have False; a rebuild reads the submissions that
    still exist (purged ones keep their findings' levels). A deleted submission's fact keeps
    False: nothing is left to read."""
    _built()
    s6, s7 = told_to_phone["S6"], told_to_phone["S7"]
    Submission.objects.filter(pk=s6.pk).update(
        reporter_name="", personal_identity_number="", phone="", email="", answers={},
        screening=findings_purged(s6.screening), purged_at=timezone.now(),
    )
    Submission.objects.filter(pk=s7.pk).delete()
    SubmissionFact.objects.update(told_to_phone=False)  # as migration 0005 leaves them
    f = _built()
    assert dict(SubmissionFact.objects.filter(told_to_phone=True).values_list("submission_id", "told_to_phone")) == {
        s6.pk: True
    }
    # S7 still counts once: its call back was in the ledger before it was deleted.
    assert _counts(f.totals) == (7, 3, 1, 4)


def test_the_periodic_job_fills_the_flag_of_a_recent_fact(told_to_phone):
    """A fact written without the flag (older code) for a submission sent since yesterday is
    flagged by the periodic sync, and its day recomputed."""
    from reports.services import SubmissionDraft, submission_create

    _built()
    submission, _ = submission_create(
        service=registry["stold"], draft=SubmissionDraft(region="Nord", screening=[PHONE_VEHICLE]),
        language="sv", client_token="late-flag",
    )
    SubmissionFact.objects.filter(submission_id=submission.pk).update(told_to_phone=False)
    services.rollups_refresh_recent()
    today = timezone.localdate()
    assert _counts(figures_for_period(start=today, end=today).totals) == (1, 0, 1, 1)
