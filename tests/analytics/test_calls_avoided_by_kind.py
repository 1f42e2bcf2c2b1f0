"""Issue 15's figures on hand-built data; every right answer is written here.

Day D = 2026-03-10 (Europe/Stockholm). ANALYTICS_MIN_ANSWERS = 30, fallback 0.6 (0.4–0.8).

Reports (anonymous facts):
  theft ("stold"): 60 completed, 1 needed a call back; 30 answers, 24 "called 114 14".
  card fraud ("kortbedrageri"): 100 completed; 5 answers, 2 "called".
Pooled report share: 26 of 35 = 0.742857, Wilson 95% [0.579307, 0.858370].
  theft, its own share: 24/30 = 0.8, Wilson [0.626943, 0.904949]
    calls = 60 × 0.8 − 1 = 47.0 (low 60 × 0.626943 − 1 = 36.6166, high 53.2969)
    hours at 20 min = 15.6667; back office 60 × 1.5 min = 1.5 h; net 14.1667 h
  card fraud, 5 own answers < 30: the pooled share, marked "pooled"; sample size still 5
    calls = 100 × 0.742857 = 74.2857; response rate 5 / 100 = 0.05 < 0.1: too low to trust
"""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from reports.analytics import services
from reports.analytics.models import BookingFact, CounterfactualAnswer, HandleTime, SubmissionFact
from reports.analytics.selectors import figures_for_period
from reports.booking.models import Booking, Office, Slot
from reports.constants import GateOutcome
from reports.models import GateRecord

pytestmark = pytest.mark.django_db

D = date(2026, 3, 10)
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def reports_data(settings):
    settings.ANALYTICS_MIN_ANSWERS = 30
    settings.ANALYTICS_FALLBACK_CALL_SHARE = 0.6
    settings.ANALYTICS_FALLBACK_CALL_SHARE_LOW = 0.4
    settings.ANALYTICS_FALLBACK_CALL_SHARE_HIGH = 0.8
    settings.ANALYTICS_HANDLE_MINUTES = 20.0
    settings.ANALYTICS_HANDLE_MINUTES_BY_SERVICE = {}
    settings.ANALYTICS_BACK_OFFICE_MINUTES = 1.5
    settings.ANALYTICS_MIN_RESPONSE_RATE = 0.1
    facts = [SubmissionFact(submission_id=i, service="stold", region="Syd", created_on=D,
                            needed_call_back=i == 0) for i in range(60)]
    facts += [SubmissionFact(submission_id=100 + i, service="kortbedrageri", region="Nord", created_on=D)
              for i in range(100)]
    SubmissionFact.objects.bulk_create(facts)
    answers = [("stold", "called_11414")] * 24 + [("stold", "visited_station")] * 6
    answers += [("kortbedrageri", "called_11414")] * 2 + [("kortbedrageri", "not_reported")] * 3
    CounterfactualAnswer.objects.bulk_create(
        CounterfactualAnswer(service=s, answer=a, answered_on=D) for s, a in answers
    )


def _rebuild():
    call_command("analytics_rebuild", verbosity=0)


def _row(f, kind, service):
    [row] = [a for a in f.avoided_by_service if a.kind == kind and a.service == service]
    return row


def _share_row(f, kind, service):
    [row] = [r for r in f.shares if r.kind == kind and r.service == service]
    return row


def test_share_per_service_with_its_own_interval(reports_data):
    _rebuild()
    f = figures_for_period(start=D, end=D)
    theft = _row(f, "report", "stold")
    assert theft.share.basis == "measured"
    assert (theft.share.answers, theft.share.would_have_called) == (30, 24)
    assert (theft.share.share, theft.share.low, theft.share.high) == pytest.approx((0.8, 0.626943, 0.904949),
                                                                                   abs=1e-6)
    assert (theft.calls, theft.calls_low, theft.calls_high) == pytest.approx((47.0, 36.6166, 53.2969), abs=1e-4)
    assert (theft.hours, theft.back_office_hours, theft.net_hours) == pytest.approx((15.6667, 1.5, 14.1667),
                                                                                    abs=1e-4)
    assert _share_row(f, "report", "stold").response_rate == pytest.approx(0.5)
    assert _share_row(f, "report", "stold").too_few_responses is False


def test_service_with_too_few_answers_takes_the_pooled_share_marked(reports_data):
    _rebuild()
    f = figures_for_period(start=D, end=D)
    card = _row(f, "report", "kortbedrageri")
    assert card.share.basis == "pooled" and card.share.fallback is True
    assert card.share.answers == 5  # its own sample size, not the pool's
    assert (card.share.share, card.share.low, card.share.high) == pytest.approx((0.742857, 0.579307, 0.858370),
                                                                                abs=1e-6)
    assert card.calls == pytest.approx(74.2857, abs=1e-4)
    rate = _share_row(f, "report", "kortbedrageri")
    assert rate.response_rate == pytest.approx(0.05)
    assert rate.too_few_responses is True


def test_a_service_has_the_same_figure_overall_and_filtered(reports_data):
    # The complaint: theft showed one figure overall and another filtered to theft.
    _rebuild()
    overall = figures_for_period(start=D, end=D)
    for slug in ("stold", "kortbedrageri"):
        alone = figures_for_period(start=D, end=D, service=slug)
        assert _row(alone, "report", slug).calls == pytest.approx(_row(overall, "report", slug).calls)
        assert _row(alone, "report", slug).share == _row(overall, "report", slug).share


def test_without_enough_answers_anywhere_the_assumption_is_marked(reports_data, settings):
    settings.ANALYTICS_MIN_ANSWERS = 40  # 35 answers in all: not even the pool is measured
    _rebuild()
    card = _row(figures_for_period(start=D, end=D), "report", "kortbedrageri")
    assert card.share.basis == "assumed"
    assert (card.calls, card.calls_low, card.calls_high) == pytest.approx((60.0, 40.0, 80.0))


def test_handle_time_table_edited_by_analysts_wins_over_the_settings(reports_data):
    # Theft at 30 phone minutes and 2 back-office minutes: 47 × 30 / 60 = 23.5 h freed,
    # 60 × 2 / 60 = 2 h back office, net 21.5 h. Card fraud takes the "every service" row: 10 min.
    HandleTime.objects.create(kind="report", service="stold", phone_minutes=30, back_office_minutes=2)
    HandleTime.objects.create(kind="report", service="", phone_minutes=10, back_office_minutes=1)
    _rebuild()
    f = figures_for_period(start=D, end=D)
    theft = _row(f, "report", "stold")
    assert (theft.handle_minutes, theft.hours, theft.back_office_hours, theft.net_hours) == pytest.approx(
        (30, 23.5, 2.0, 21.5))
    card = _row(f, "report", "kortbedrageri")
    # 74.2857 × 10 / 60 = 12.3810 h; back office 100 × 1 / 60 = 1.6667 h
    assert (card.hours, card.back_office_hours) == pytest.approx((12.3810, 1.6667), abs=1e-4)


def _office_and_slot():
    office = Office.objects.create(
        name_sv="Passexpeditionen", name_en="Passport office", address_sv="Storgatan 1", address_en="Storgatan 1",
        municipality_code="0180",
    )
    start = datetime(2026, 3, 20, 10, tzinfo=STOCKHOLM)
    slot = Slot.objects.create(office=office, starts_at=start, ends_at=start + timedelta(minutes=30),
                               capacity=10, booked=0)
    return office, slot


def _booking(slot, n):
    row = Booking.objects.create(reference=f"PB-{n}", slot=slot, people=1, personal_identity_number="198001010001",
                                 name="Anna Andersson", manage_token=f"token-{n}", manage_code=f"code{n}")
    Booking.objects.filter(pk=row.pk).update(created_at=datetime(2026, 3, 10, 9, n, tzinfo=STOCKHOLM))
    return row


def test_passport_bookings_are_counted_and_outlive_deletion(db, settings):
    # 4 bookings at a Stockholm office on D. No booking answers: the assumed 0.6 → 2.4 calls,
    # at the booking call's 6 minutes: 0.24 h, no back office. With 30 answers, 27 "called":
    # 0.9 → 3.6 calls, 0.36 h. Deleting the bookings (the purge) changes nothing.
    settings.ANALYTICS_MIN_ANSWERS = 30
    settings.ANALYTICS_BOOKING_HANDLE_MINUTES = 6.0
    _office, slot = _office_and_slot()
    for n in range(4):
        _booking(slot, n)
    _rebuild()
    f = figures_for_period(start=D, end=D)
    assert f.totals.booked == 4
    from reports.analytics.queue_model import deflection_compare
    from reports.analytics.tables import figures_tables

    deflection = deflection_compare(calls_per_hour=100, deflected_per_hour=0, handle_seconds=300, agents=10,
                                    target_seconds=60, target_level=0.8)
    with translation.override("en"):
        [totals] = [t for t in figures_tables(f, deflection) if t.id == "totals"]
    assert totals.rows[-1].cells == ["Passport bookings", "4"]
    assert f.by_region["Stockholm"].booked == 4
    booking = _row(f, "booking", "pass")
    assert (booking.completed, booking.share.basis, booking.calls, booking.hours, booking.back_office_hours) == (
        4, "assumed", pytest.approx(2.4), pytest.approx(0.24), 0)
    CounterfactualAnswer.objects.bulk_create(
        [CounterfactualAnswer(service="pass", kind="booking", answer="called_11414", answered_on=D)] * 27
        + [CounterfactualAnswer(service="pass", kind="booking", answer="other", answered_on=D)] * 3
    )
    booking = _row(figures_for_period(start=D, end=D), "booking", "pass")
    assert (booking.calls, booking.hours) == pytest.approx((3.6, 0.36))
    Booking.objects.all().delete()
    _rebuild()
    assert BookingFact.objects.count() == 4
    assert _row(figures_for_period(start=D, end=D), "booking", "pass").calls == pytest.approx(3.6)


def test_gate_outcomes_elsewhere_and_first_are_counted_with_their_own_share(db, settings):
    # "forlust": 3 sent to another authority, 2 told to do something first (hand-built).
    # Elsewhere answers: 30, 15 called → 0.5 → 1.5 calls at 4 guidance minutes = 0.1 h.
    # Something first: no answers → assumed 0.6 → 1.2 calls, 0.08 h.
    settings.ANALYTICS_MIN_ANSWERS = 30
    settings.ANALYTICS_GUIDANCE_HANDLE_MINUTES = 4.0
    for outcome, n in ((GateOutcome.ELSEWHERE, 3), (GateOutcome.PREREQUISITE, 2)):
        for _ in range(n):
            record = GateRecord.objects.create(service="forlust", outcome=outcome, language="sv")
            GateRecord.objects.filter(pk=record.pk).update(created_at=datetime(2026, 3, 10, 12, tzinfo=STOCKHOLM))
    CounterfactualAnswer.objects.bulk_create(
        [CounterfactualAnswer(service="forlust", kind="elsewhere", answer="called_11414", answered_on=D)] * 15
        + [CounterfactualAnswer(service="forlust", kind="elsewhere", answer="other", answered_on=D)] * 15
    )
    _rebuild()
    f = figures_for_period(start=D, end=D)
    elsewhere = _row(f, "elsewhere", "forlust")
    assert (elsewhere.completed, elsewhere.share.basis, elsewhere.calls, elsewhere.hours) == (
        3, "measured", pytest.approx(1.5), pytest.approx(0.1))
    first = _row(f, "prerequisite", "forlust")
    assert (first.completed, first.share.basis, first.calls, first.hours) == (
        2, "assumed", pytest.approx(1.2), pytest.approx(0.08))
    assert _share_row(f, "elsewhere", "forlust").response_rate == pytest.approx(10.0)  # 30 answers / 3
    assert f.answers_by_kind["elsewhere"]["called_11414"] == 15


def test_region_is_written_on_the_gate_record_once_the_person_has_said_it(db):
    from reports.models import Submission

    record = GateRecord.objects.create(service="stold", outcome=GateOutcome.E_SERVICE, language="sv")
    submission = Submission.objects.create(
        reference="PE-TEST-R", service="stold", language="sv", region="Syd", reporter_name="Anna Andersson",
        personal_identity_number="198112189876", answers={}, client_token="token-r", gate_record=record,
    )
    services.submission_fact_record(submission=submission)
    record.refresh_from_db()
    assert record.region == "Syd"
    # Only the region: the record has no field that could hold anything about the person.
    assert {f.name for f in GateRecord._meta.concrete_fields} >= {"region"}
    assert not {"reporter_name", "personal_identity_number", "submission"} & {
        f.name for f in GateRecord._meta.concrete_fields}


def test_region_reaches_the_gate_record_through_the_real_wizard_hook(db):
    from reports.catalogue import registry
    from reports.services import SubmissionDraft, submission_create

    record = GateRecord.objects.create(service="stold", outcome=GateOutcome.E_SERVICE, language="sv")
    submission_create(service=registry["stold"], draft=SubmissionDraft(region="Nord", reporter_name="A B"),
                      language="sv", client_token="hook-token", gate_record_id=record.pk)
    record.refresh_from_db()
    assert record.region == "Nord"


def test_fte_from_net_hours(reports_data, settings):
    # Net hours on the one day: theft 14.1667 + card fraud (74.2857 × 20 / 60 − 100 × 1.5 / 60 =
    # 24.7619 − 2.5 = 22.2619) = 36.4286 h; a year: × 365 = 13,296.4 h; at 1,600 h: 8.3103 FTE.
    settings.ANALYTICS_FTE_HOURS_PER_YEAR = 1600.0
    _rebuild()
    f = figures_for_period(start=D, end=D)
    assert f.avoided.net_hours == pytest.approx(36.4286, abs=1e-4)
    assert f.fte_freed == pytest.approx(36.4286 * 365 / 1600, abs=1e-3)


def test_answers_of_a_kind_are_stored_with_it(db):
    row = services.counterfactual_answer_create(service_slug="pass", answer="called_11414", language="sv",
                                                kind="booking")
    assert (row.kind, row.service, row.answered_on) == ("booking", "pass", timezone.localdate())
    with pytest.raises(ValueError):
        services.counterfactual_answer_create(service_slug="pass", answer="called_11414", language="sv",
                                              kind="nonsense")
