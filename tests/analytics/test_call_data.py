"""The contact centre's queue statistics: the CSV format, the command, the staff upload, and
the intervals, peaks and staff they need beside the model; answers written here.

Hand-built file: Tuesday 2026-03-10, 08:00–08:45 (four intervals, 50 offered, 45 answered,
5 abandoned, 360 s each) and 09:00 (30 offered, 30 answered, 0 abandoned, 300 s).
  08:00 hour: 200 offered, 200 × 360 / 3600 = 20 erlangs → 23 operators for 80% in 180 s.
  09:00 hour: one interval of 30 in the hour (the hour's sum) → 30 offered, 2.5 erlangs → 4.
  Per interval, 50 offered in 15 minutes = 200 an hour; at 25 operators Erlang C gives
  P(wait) = 0.209, and Erlang A (300 s patience) a share hanging up of 0.018.
"""
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.utils import translation

from reports.analytics import callimport
from reports.analytics.models import QueueInterval

pytestmark = pytest.mark.django_db

GOOD = """interval_start,offered,answered,abandoned,average_handle_seconds
2026-03-10 08:00,50,45,5,360
2026-03-10 08:15,50,45,5,360
2026-03-10 08:30,50,45,5,360
2026-03-10 08:45,50,45,5,360
2026-03-10 09:00,30,30,0,300
"""
HEADER = "interval_start,offered,answered,abandoned,average_handle_seconds\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("2026-03-10 08:07,50,45,5,360", "quarter hour"),
        ("yesterday,50,45,5,360", "quarter hour"),
        ("2026-03-10 08:00,50,45,6,360", "more than offered"),
        ("2026-03-10 08:00,-1,0,0,360", "cannot be negative"),
        ("2026-03-10 08:00,fifty,45,5,360", "whole numbers"),
        ("2026-03-10 08:00,50,45,5", "expected 5 values"),
        ("2026-03-10 08:00,50,45,5,360\n2026-03-10 08:00,50,45,5,360", "appears twice"),
        # The same instant written twice: local time and its offset; an hour the clocks skip.
        ("2026-10-25 02:15,50,45,5,360\n2026-10-25T02:15+02:00,50,45,5,360", "appears twice"),
        ("2026-03-29 02:15,50,45,5,360\n2026-03-29 03:15,50,45,5,360", "appears twice"),
        ("", "no intervals"),
    ],
)
def test_bad_rows_are_reported_with_their_line_and_nothing_is_imported(body, message):
    result = callimport.import_text(HEADER + body + "\n")
    assert result.rows == [] and result.errors
    assert message in " ".join(result.errors)
    assert QueueInterval.objects.count() == 0


def test_wrong_header():
    result = callimport.parse("start;offered\n2026-03-10 08:00;5\n")
    assert result.errors == ["Line 1: the columns must be interval_start, offered, answered, abandoned, "
                             "average_handle_seconds."]


def test_semicolons_decimal_commas_and_a_bom_are_accepted():
    text = "\ufeff" + HEADER.replace(",", ";") + "2026-03-10 08:00;50;45;5;352,5\n"
    result = callimport.import_text(text)
    assert result.errors == [] and result.created == 1
    assert QueueInterval.objects.get().handle_seconds == 352.5


def test_command_imports_and_a_second_import_replaces(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("analytics_import_calls", str(path), "--dry-run", stdout=out)
    assert "5 intervals are valid" in out.getvalue()
    assert QueueInterval.objects.count() == 0
    call_command("analytics_import_calls", str(path), stdout=out)
    assert QueueInterval.objects.count() == 5
    path.write_text(HEADER + "2026-03-10 09:00,40,38,2,310\n", encoding="utf-8")
    out = io.StringIO()
    call_command("analytics_import_calls", str(path), stdout=out)
    assert "0 intervals imported, 1 replaced" in out.getvalue()
    assert QueueInterval.objects.count() == 5
    assert QueueInterval.objects.order_by("-starts_at").first().offered == 40
    path.write_text(HEADER + "2026-03-10 09:00,40,41,2,310\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Line 2"):
        call_command("analytics_import_calls", str(path))


def test_intervals_are_local_time_and_an_offset_is_respected():
    callimport.import_text(HEADER + "2026-10-25T02:15+01:00,10,10,0,300\n2026-10-25T02:15+02:00,12,12,0,300\n")
    starts = [row.starts_at.isoformat() for row in QueueInterval.objects.order_by("starts_at")]
    assert starts == ["2026-10-25T00:15:00+00:00", "2026-10-25T01:15:00+00:00"]


@pytest.fixture
def analyst(django_user_model, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    user = django_user_model.objects.create_user("analyst", password="a-long-password-1", is_staff=True)
    for app, codename in (("analytics", "view_dashboard"), ("analytics", "add_queueinterval")):
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label=app))
    return user


def _upload(client, text, name="calls.csv"):
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = name
    return client.post("/en/personal/analys/samtal/", {"file": upload})


def test_staff_upload_imports_or_lists_every_error(client, analyst):
    client.force_login(analyst)
    page = client.get("/en/personal/analys/samtal/")
    assert page.status_code == 200
    assert "interval_start,offered,answered,abandoned,average_handle_seconds" in page.content.decode()
    response = _upload(client, GOOD)
    assert response.status_code == 200
    assert "5 intervals imported, 0 replaced." in response.content.decode()
    bad = _upload(client, HEADER + "2026-03-10 10:00,5,6,0,300\n2026-03-10 10:07,5,5,0,300\n").content.decode()
    assert "Line 2: answered plus abandoned is more than offered." in bad
    assert "Line 3: the interval start must be a date and time on a quarter hour" in bad
    assert 'href="#id_file"' in bad  # the error summary links to the field
    assert QueueInterval.objects.count() == 5
    missing = client.post("/en/personal/analys/samtal/", {}).content.decode()
    assert "Choose a CSV file to import." in missing


def test_upload_needs_the_import_permission(client, django_user_model, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    user = django_user_model.objects.create_user("viewer", password="a-long-password-1", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_dashboard", content_type__app_label="analytics"))
    client.force_login(user)
    assert client.get("/en/personal/analys/samtal/").status_code == 403
    assert client.get("/en/personal/analys/").status_code == 200


def test_dashboard_shows_the_measured_queue_beside_the_model(client, analyst):
    from tests.analytics.test_dashboard import _csv_tables, _page_tables

    callimport.import_text(GOOD)
    client.force_login(analyst)
    params = {"start": "2026-03-10", "end": "2026-03-10", "agents": "25", "patience_seconds": "300",
              "target_seconds": "180", "target_level": "0.8"}
    tables = _page_tables(client.get("/en/personal/analys/", params))
    intervals = tables["call-data"]
    assert intervals[1] == ["2026-03-10 08:00", "50", "45", "5", "0.100", "360", "200", "23", "0.209", "0.018"]
    assert intervals[5][:7] == ["2026-03-10 09:00", "30", "30", "0", "0.000", "300", "120"]
    by_hour = tables["peaks-hour"]
    assert by_hour[1] == ["08:00", "1", "200.0", "360", "0.100", "23"]
    # 09:00: 30 offered in the hour, 300 s: 2.5 erlangs → 4 operators for 80% in 180 s
    assert by_hour[2] == ["09:00", "1", "30.0", "300", "0.000", "4"]
    weekday = tables["peaks-weekday"]
    assert weekday[1] == ["Tuesday", "230.0", "08:00", "200.0", "23"]
    # An average week with data: 23 + 4 = 27 operator hours; × 52 / 1,600 = 0.8775 → 0.9 FTE
    body = client.get("/en/personal/analys/", params).content.decode()
    assert "27 operator hours a week, 0.9 full-time equivalents at 1600 productive hours a year" in body
    exported = _csv_tables(client.get("/en/personal/analys/csv/", params).content.decode())
    assert exported["call-data"] == intervals
    assert exported["peaks-hour"] == by_hour


def test_interval_list_is_capped_but_peaks_use_every_interval(monkeypatch):
    from datetime import date

    from reports.analytics import selectors
    from reports.analytics.tables import call_data_tables

    monkeypatch.setattr(selectors, "INTERVAL_ROWS_MAX", 2)
    callimport.import_text(GOOD)
    data = selectors.call_data(start=date(2026, 3, 10), end=date(2026, 3, 10))
    assert (len(data.intervals), data.total_intervals) == (2, 5)
    assert [(h.key, h.offered_per_hour) for h in data.by_hour] == [((8,), 200.0), ((9,), 30.0)]
    params = {"agents": 25, "target_seconds": 180, "target_level": 0.8, "patience_seconds": 300}
    intervals = call_data_tables(data, params)[0]
    assert "Only the first 2 of 5 intervals are listed; choose a shorter period." in intervals.note
