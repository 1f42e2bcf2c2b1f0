"""The live 114 14 wait: the contact centre's feed, the nudge beside the e-service, and the
wait recorded with the gate record (reports.phone_wait, docs/phone-wait.md)."""
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports import phone_wait
from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.models import GateRecord, PhoneWaitReading, Submission

pytestmark = pytest.mark.django_db

FEED = "/api/kontaktcenter/vantetid/"
TOKEN = "feed-token-for-tests-0123456789"
NUDGE_EN = "Phone 114 14: about {wait} minutes wait now · This e-service: about {minutes} minutes"
FRONT_EN = "Phone 114 14: about {wait} minutes wait now · A report here: about {minutes} minutes"


@pytest.fixture
def feed_token(settings):
    settings.PHONE_WAIT_FEED_TOKEN = TOKEN
    return TOKEN


def post_feed(client, body, token=TOKEN, raw=False):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    data = body if raw else json.dumps(body)
    return client.post(FEED, data=data, content_type="application/json", headers=headers)


def completed_reports(slug="stold", minutes=(4, 5, 6, 5, 7), long_ones=()):
    """Submissions whose gate record is ``minutes`` older than the report (timed as real ones)."""
    now = timezone.now()
    for number, taken in enumerate([*minutes, *long_ones]):
        record = GateRecord.objects.create(service=slug, outcome=GateOutcome.E_SERVICE, language="sv")
        submission = Submission.objects.create(
            reference=f"STL-TEST-{number:04d}-0000", service=slug, language="sv", client_token=f"t{slug}{number}",
            gate_record=record,
        )
        GateRecord.objects.filter(pk=record.pk).update(created_at=submission.created_at - timedelta(minutes=taken))
    return now


# -- the feed ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("token", "status"),
    [(TOKEN, 201), ("wrong-token", 401), ("", 401), (None, 401), (TOKEN + "x", 401), ("tökén", 401)],
)
def test_the_feed_takes_a_reading_only_with_the_token(client, feed_token, token, status):
    response = post_feed(client, {"wait_minutes": 25}, token=token)
    assert response.status_code == status
    assert PhoneWaitReading.objects.count() == (1 if status == 201 else 0)


def test_the_feed_does_not_exist_without_a_configured_token(client, settings):
    settings.PHONE_WAIT_FEED_TOKEN = ""
    assert post_feed(client, {"wait_minutes": 25}, token="").status_code == 404
    assert client.get(FEED).status_code == 405


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        "{}",
        '{"wait_minutes": -1}',
        '{"wait_minutes": 601}',
        '{"wait_minutes": true}',
        '{"wait_minutes": "25"}',
        '{"wait_minutes": null}',
        '{"wait_minutes": 1e400}',
        '{"wait_minutes": 25, "measured_at": "yesterday"}',
        '{"wait_minutes": 25, "measured_at": "2026-13-45T99:00:00Z"}',
        '{"wait_minutes": 25, "measured_at": "2026-11-30T10:00:00"}',
        '{"wait_minutes": 25, "measured_at": "2099-01-01T10:00:00+00:00"}',
    ],
)
def test_the_feed_refuses_a_bad_reading_with_400(client, feed_token, body):
    response = post_feed(client, body, raw=True)
    assert response.status_code == 400, response.content
    assert "error" in response.json()
    assert PhoneWaitReading.objects.count() == 0


def test_a_reading_with_its_measuring_time_is_stored_as_sent(client, feed_token):
    measured = (timezone.now() - timedelta(minutes=3)).replace(microsecond=0)
    response = post_feed(client, {"wait_minutes": 31.6, "measured_at": measured.isoformat()})
    assert response.status_code == 201
    reading = PhoneWaitReading.objects.get()
    assert (reading.minutes, reading.measured_at) == (32, measured)
    assert phone_wait.current_phone_wait() == 32


# -- what counts as current --------------------------------------------------------------------

@pytest.mark.parametrize(("age_minutes", "current"), [(0, 25), (14, 25), (16, None), (600, None)])
def test_a_stale_reading_counts_as_none(settings, age_minutes, current):
    settings.PHONE_WAIT_MAX_AGE_SECONDS = 15 * 60
    PhoneWaitReading.objects.create(minutes=25, measured_at=timezone.now() - timedelta(minutes=age_minutes))
    assert phone_wait.current_phone_wait() == current


def test_no_reading_counts_as_none():
    assert phone_wait.current_phone_wait() is None


def test_the_latest_reading_wins():
    PhoneWaitReading.objects.create(minutes=40, measured_at=timezone.now() - timedelta(minutes=5))
    PhoneWaitReading.objects.create(minutes=12, measured_at=timezone.now() - timedelta(minutes=1))
    assert phone_wait.current_phone_wait() == 12


@pytest.mark.parametrize(
    ("minutes", "long_ones", "expected"),
    [
        ((4, 5, 6, 5, 7), (), 5),
        ((4, 5, 6, 5, 7), (300, 3000), 5),  # saved and resumed much later: left out
        ((1, 2, 2, 3, 9, 10), (), 3),  # median 2.5 minutes: shown as about 3
        ((4, 5, 6, 5), (), None),  # fewer than PHONE_WAIT_MIN_REPORTS
        ((0, 0, 0, 0, 0), (), 1),  # never "about 0 minutes"
    ],
)
def test_the_e_service_time_is_the_median_of_completed_reports(settings, minutes, long_ones, expected):
    settings.PHONE_WAIT_MIN_REPORTS = 5
    completed_reports(minutes=minutes, long_ones=long_ones)
    assert phone_wait.e_service_minutes(service=registry["stold"]) == expected
    assert phone_wait.e_service_minutes(service=registry["inbrott"]) is None  # per service


# -- the nudge on the pages ----------------------------------------------------------------------

def test_the_nudge_shows_on_the_front_page_and_the_gate_with_a_fresh_feed(client):
    completed_reports()
    PhoneWaitReading.objects.create(minutes=25, measured_at=timezone.now())
    assert FRONT_EN.format(wait=25, minutes=5) in client.get("/en/").content.decode()
    gate = client.get("/en/stold/").content.decode()
    assert NUDGE_EN.format(wait=25, minutes=5) in gate
    assert 'name="shown_wait" value="25"' in gate


@pytest.mark.parametrize("case", ["stale", "missing", "too few reports"])
def test_the_nudge_is_not_shown_without_both_numbers(client, case):
    completed_reports(minutes=(5, 5) if case == "too few reports" else (4, 5, 6, 5, 7))
    if case != "missing":
        age = timedelta(hours=2) if case == "stale" else timedelta(0)
        PhoneWaitReading.objects.create(minutes=25, measured_at=timezone.now() - age)
    for path in ("/en/", "/en/stold/"):
        page = client.get(path).content.decode()
        assert 'id="wait-nudge"' not in page and "minutes wait now" not in page
        assert 'name="shown_wait"' not in page


@pytest.mark.parametrize(
    ("answers", "outcome"), [({"in_progress": "yes"}, "call_112"), ({"vehicle": "yes"}, "call_11414")]
)
def test_the_nudge_is_never_on_a_page_that_says_call(client, answers, outcome):
    completed_reports()
    PhoneWaitReading.objects.create(minutes=25, measured_at=timezone.now())
    gate = {q.id: "no" for q in registry["stold"].questions} | {"has_identity_number": "yes"} | answers
    response = client.post("/en/stold/", {**gate, "shown_wait": "25"}, follow=True)
    page = response.content.decode()
    assert GateRecord.objects.filter(outcome=outcome).exists()
    assert "minutes wait now" not in page and 'id="wait-nudge"' not in page


@pytest.mark.parametrize(("posted", "stored"), [("25", 25), ("0", 0), (None, None), ("", None), ("abc", None),
                                                 ("-5", None), ("601", None), ("99999", None), ("2.5", None)])
def test_the_wait_shown_is_recorded_with_the_gate_record(client, posted, stored):
    gate = {q.id: "no" for q in registry["stold"].questions} | {"has_identity_number": "yes"}
    if posted is not None:
        gate["shown_wait"] = posted
    assert client.post("/en/stold/", gate).status_code == 302
    assert GateRecord.objects.get().shown_phone_wait_minutes == stored


def test_the_analytics_figure_splits_gate_decisions_by_the_wait_shown():
    today = timezone.localdate()
    for shown, outcome in ((25, GateOutcome.E_SERVICE), (25, GateOutcome.CALL_11414), (None, GateOutcome.E_SERVICE)):
        GateRecord.objects.create(service="stold", outcome=outcome, language="sv", shown_phone_wait_minutes=shown)
    sent = GateRecord.objects.filter(shown_phone_wait_minutes=25, outcome=GateOutcome.E_SERVICE).get()
    Submission.objects.create(reference="STL-AAAA-BBBB-CCCC", service="stold", language="sv", client_token="x",
                              gate_record=sent)
    rows = phone_wait.nudge_figure(start=today, end=today)
    assert [(r.shown, r.decisions, r.e_service, r.sent) for r in rows] == [(True, 2, 1, 1), (False, 1, 1, 0)]
    assert phone_wait.nudge_figure(start=today, end=today, service="inbrott")[0].decisions == 0


def test_the_demo_feeder_records_a_current_reading():
    call_command("phone_wait_feed", "--minutes", "18", stdout=open("/dev/null", "w"))
    assert phone_wait.current_phone_wait() == 18


def test_the_analytics_dashboard_shows_the_figure(admin_client):
    GateRecord.objects.create(
        service="stold", outcome=GateOutcome.E_SERVICE, language="sv", shown_phone_wait_minutes=25
    )
    today = timezone.localdate().isoformat()
    page = admin_client.get("/en/personal/analys/", {"start": today, "end": today}).content.decode()
    figure = page[page.index('id="phone-wait-figure"'):]
    figure = figure[:figure.index("</table>")]
    assert "<th scope=\"row\">Shown</th><td>1</td><td>1</td><td>0</td><td>0 %</td>" in figure
    assert "<th scope=\"row\">Not shown</th><td>0</td><td>0</td><td>0</td><td>–</td>" in figure
