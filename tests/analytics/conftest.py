"""A small hand-built data set whose right answers are written in the tests.

Two days, Europe/Stockholm: D1 = 2026-03-10, D2 = 2026-03-11. Service "stold" (theft).

Gate records (11):
  D1: e_service ×3 (Stockholm, sv), call_112 ×1 (Stockholm, sv), call_11414 ×2 (Syd, en),
      elsewhere ×1 (no region, sv), prerequisite ×1 (Syd, sv)                      → 8
  D2: e_service ×2 (Syd, sv; one at 00:15 local = 23:15 UTC on D1, one at 23:30 local),
      call_11414 ×1 (Stockholm, sv)                                                → 3
Submissions (5): S1, S2 on D1 in Stockholm (sv); S3 on D1 in Syd (en); S4, S5 on D2 in Syd (sv).
  S1 and S4 were marked "needs contact" (S1 five days later: it still counts on D1, its day).
  S1 and S2 were delivered; S3 has a delivery that failed.
Funnel (theft, D1): nar-var 10, foremal 8, om-dig 7, granska 6.
Survey (theft, D1): called 114 14 ×8, visited a station ×1, not reported ×1.

``told_to_phone`` extends it with two reports the check page told to phone, sent anyway:
  S6 on D2 in Syd (sv): a stolen car (vehicle_item, level phone → 114 14).
  S7 on D1 in Stockholm (sv): it had just happened (just_happened, level phone → 112), and it
      was also marked "needs contact" on D1: it costs one call, not two.
  S5 gets a signal-level finding (violence in the text): flagged, but not told to phone.
Then: completed 7, needed a call back 3 (S1, S4, S7), told to phone 2 (S6, S7), cost a call
anyway 4 (S1, S4, S6, S7). Per day D1 (4, 2, 1, 2), D2 (3, 1, 1, 2); per region Stockholm
(3, 2, 1, 2), Syd (4, 1, 1, 2) as (completed, call back, told to phone, cost a call anyway).
Reports' calls avoided = 7 × 0.8 − 4 = 1.6 (not 7 × 0.8 − 3 = 2.6, nor − 5 counting S7 twice);
low 7 × 0.49016 − 4 = −0.5689, high 7 × 0.94332 − 4 = 2.6032; at 15 minutes 0.4 operator
hours; back office 7 × 1.5 min = 0.175 h. With the two guidance outcomes (0.6 each): 2.8 calls.
Syd alone: 4 × 0.8 − 2 = 1.2.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from reports.analytics.models import CounterfactualAnswer, FunnelStepCount
from reports.constants import GateOutcome, SubmissionStatus
from reports.models import GateRecord, StatusChange, Submission

STOCKHOLM = ZoneInfo("Europe/Stockholm")
D1 = date(2026, 3, 10)
D2 = date(2026, 3, 11)


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


def gate(outcome, region, language, when):
    record = GateRecord.objects.create(service="stold", outcome=outcome, rule="", language=language, region=region)
    GateRecord.objects.filter(pk=record.pk).update(created_at=when)
    return record


def submission(name, region, language, when):
    row = Submission.objects.create(
        reference=f"PE-TEST-{name}",
        service="stold",
        language=language,
        region=region,
        reporter_name="Anna Andersson",
        personal_identity_number="198112189876",
        phone="0701234567",
        email="anna@example.se",
        answers={"what_happened": "My bicycle was stolen"},
        client_token=f"token-{name}",
    )
    Submission.objects.filter(pk=row.pk).update(created_at=when)
    StatusChange.objects.create(submission=row, from_status="", to_status=SubmissionStatus.RECEIVED)
    return row


def needs_contact(row, when):
    change = StatusChange.objects.create(
        submission=row, from_status=SubmissionStatus.RECEIVED, to_status=SubmissionStatus.NEEDS_CONTACT
    )
    StatusChange.objects.filter(pk=change.pk).update(created_at=when)
    Submission.objects.filter(pk=row.pk).update(status=SubmissionStatus.NEEDS_CONTACT)


def delivery(row, status):
    from reports.delivery.models import Delivery

    return Delivery.objects.create(
        destination="crime_reports",
        source_kind="submission",
        source_id=row.pk,
        reference=row.reference,
        status=status,
    )


@pytest.fixture
def dataset(db, settings):
    settings.ANALYTICS_MIN_ANSWERS = 10
    settings.ANALYTICS_HANDLE_MINUTES = 20.0
    settings.ANALYTICS_HANDLE_MINUTES_BY_SERVICE = {"stold": 15.0}
    for _ in range(3):
        gate(GateOutcome.E_SERVICE, "Stockholm", "sv", at(D1, 9))
    gate(GateOutcome.CALL_112, "Stockholm", "sv", at(D1, 10))
    gate(GateOutcome.CALL_11414, "Syd", "en", at(D1, 11))
    gate(GateOutcome.CALL_11414, "Syd", "en", at(D1, 12))
    gate(GateOutcome.ELSEWHERE, "", "sv", at(D1, 13))
    gate(GateOutcome.PREREQUISITE, "Syd", "sv", at(D1, 14))
    gate(GateOutcome.E_SERVICE, "Syd", "sv", at(D2, 0, 15))
    gate(GateOutcome.E_SERVICE, "Syd", "sv", at(D2, 23, 30))
    gate(GateOutcome.CALL_11414, "Stockholm", "sv", at(D2, 8))

    s1 = submission("S1", "Stockholm", "sv", at(D1, 9, 30))
    s2 = submission("S2", "Stockholm", "sv", at(D1, 9, 40))
    s3 = submission("S3", "Syd", "en", at(D1, 11, 30))
    s4 = submission("S4", "Syd", "sv", at(D2, 0, 30))
    s5 = submission("S5", "Syd", "sv", at(D2, 23, 45))
    needs_contact(s1, at(date(2026, 3, 15)))
    needs_contact(s4, at(D2, 9))
    delivery(s1, "delivered")
    delivery(s2, "delivered")
    delivery(s3, "dead")

    for step, n in (("nar-var", 10), ("foremal", 8), ("om-dig", 7), ("granska", 6)):
        FunnelStepCount.objects.create(day=D1, service="stold", step=step, language="sv", count=n)
    for answer, n in (("called_11414", 8), ("visited_station", 1), ("not_reported", 1)):
        for _ in range(n):
            CounterfactualAnswer.objects.create(service="stold", answer=answer, language="sv", answered_on=D1)
    return {"S1": s1, "S2": s2, "S3": s3, "S4": s4, "S5": s5}


PHONE_VEHICLE = {"rule": "vehicle_item", "level": "phone", "words": ["bil"]}
PHONE_JUST_HAPPENED = {"rule": "just_happened", "level": "phone", "words": []}
SIGNAL_VIOLENCE = {"rule": "violence_text", "level": "signal", "words": ["slog"]}


def screened(row, findings):
    """Store the check page's findings on a submission, as ``submission_create`` does."""
    Submission.objects.filter(pk=row.pk).update(screening=findings, flagged=bool(findings))
    row.refresh_from_db()
    return row


@pytest.fixture
def told_to_phone(dataset):
    """The data set plus S6 (told to phone) and S7 (told to phone and called back); see above."""
    s6 = screened(submission("S6", "Syd", "sv", at(D2, 14)), [PHONE_VEHICLE])
    s7 = screened(submission("S7", "Stockholm", "sv", at(D1, 16)), [PHONE_JUST_HAPPENED, SIGNAL_VIOLENCE])
    needs_contact(s7, at(D1, 17))
    screened(dataset["S5"], [SIGNAL_VIOLENCE])
    return {**dataset, "S6": s6, "S7": s7}
