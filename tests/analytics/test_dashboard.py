"""The staff dashboard: who may see it, bad input, and the CSV and the command match the page."""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from .conftest import D1, D2

pytestmark = pytest.mark.django_db

URL = "/personal/analys/"
CSV_URL = "/personal/analys/csv/"
PERIOD = {"start": D1.isoformat(), "end": D2.isoformat()}


@pytest.fixture
def analyst(django_user_model, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    user = django_user_model.objects.create_user("analyst", password="a-long-password-1", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_dashboard", content_type__app_label="analytics"))
    return user


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


class TableParser(HTMLParser):
    """Collects every <table id="table-…">: its header cells and its body rows, as text."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and (attrs.get("id") or "").startswith("table-"):
            self.current = attrs["id"].removeprefix("table-")
            self.tables[self.current] = []
        elif self.current and tag == "tr":
            self.row = []
        elif self.current and self.row is not None and tag in ("th", "td"):
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[self.current].append(self.row)
            self.row = None
        elif tag == "table":
            self.current = None


def _page_tables(response):
    parser = TableParser()
    parser.feed(response.content.decode())
    return parser.tables


def _csv_tables(text):
    tables = {}
    for table_id, _kind, *cells in csv.reader(io.StringIO(text)):
        tables.setdefault(table_id, []).append(cells)
    return tables


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/personal/login/" in response["Location"]


def test_staff_without_the_permission_gets_403(client, django_user_model, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    user = django_user_model.objects.create_user("staff", password="a-long-password-1", is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


def test_staff_needs_second_factor_when_required(analyst_client, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = True
    assert analyst_client.get(URL).status_code == 302


def test_dashboard_shows_the_figures(dataset, analyst_client):
    call_command("analytics_rebuild", verbosity=0)
    response = analyst_client.get("/en" + URL, PERIOD)
    assert response.status_code == 200
    tables = _page_tables(response)
    totals = dict(tables["totals"][1:])
    assert totals["Started (gate decisions)"] == "11"
    assert totals["Completed"] == "5"
    assert totals["Delivered"] == "2"
    assert totals["Needed a call back"] == "2"
    # Reports 2.0 (0.4508–2.7166) plus "another authority" and "something first" at the assumed
    # 0.6 (0.4–0.8) each: 3.2 (1.2508–4.3166) calls; 0.5 + 2 × 0.04 = 0.58 hours.
    all_row = tables["calls-avoided"][-1]
    assert all_row[:10] == ["All", "All", "7", "2", "0", "2", "–", "3.2", "1.3", "4.3"]
    assert all_row[11] == "0.6"
    theft_share = tables["shares"][1]
    assert theft_share[:9] == ["Report a crime or loss", "Report a theft", "5", "10", "8", "0.800", "0.490", "0.943",
                               "Own answers"]
    assert [row[1:] for row in tables["funnel"][1:]] == [
        ["When and where", "10", "2"],
        ["What was stolen", "8", "1"],
        ["About you", "7", "1"],
        ["Check your answers", "6", "1"],
    ]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "2026-13-45"}, "start", "Enter a valid date."),
        (
            {"start": "2026-03-12", "end": "2026-03-10"},
            "end",
            "The end date must be on or after the start date.",
        ),
        ({"start": "2020-01-01", "end": "2026-03-10"}, "start", "Choose a period of at most three years."),
        ({"agents": "many"}, "agents", "Enter a whole number."),
        ({"target_level": "2"}, "target_level", "Ensure this value is less than or equal to 0.999."),
        ({"service": "nonexistent"}, "service", "Select a valid choice."),
    ],
)
def test_bad_input_shows_an_error_not_a_500(analyst_client, params, field, message):
    response = analyst_client.get("/en" + URL, params)
    assert response.status_code == 200
    body = response.content.decode()
    assert message.replace("'", "&#x27;") in body
    assert f'href="#id_{field}"' in body  # in the error summary, linked to the field
    assert 'id="table-totals"' not in body
    assert analyst_client.get(CSV_URL, params).status_code == 400


def test_csv_matches_the_page(dataset, analyst_client):
    call_command("analytics_rebuild", verbosity=0)
    params = {**PERIOD, "agents": "70", "calls_per_hour": "650"}
    page = _page_tables(analyst_client.get("/en" + URL, params))
    response = analyst_client.get("/en" + CSV_URL, params)
    assert response["Content-Type"].startswith("text/csv")
    exported = _csv_tables(response.content.decode())
    assert set(exported) == set(page) >= {"totals", "outcomes", "funnel", "calls-avoided", "queue"}
    for table_id, rows in page.items():
        if len(rows) == 2 and len(rows[1]) == 1:  # "No data for this period."
            assert len(exported[table_id]) == 1
            continue
        assert exported[table_id] == rows, table_id


def test_command_prints_the_same_figures(dataset, analyst_client):
    call_command("analytics_rebuild", verbosity=0)
    out = io.StringIO()
    call_command("analytics_report", "--start", D1.isoformat(), "--end", D2.isoformat(), "--csv", stdout=out)
    exported = analyst_client.get("/en" + CSV_URL, PERIOD).content.decode()
    assert out.getvalue().replace("\r\n", "\n") == exported.replace("\r\n", "\n")
    text = io.StringIO()
    call_command("analytics_report", "--start", D1.isoformat(), "--end", D2.isoformat(), stdout=text)
    assert re.search(r"^Started \(gate decisions\) +11 *$", text.getvalue(), re.MULTILINE)


def test_admin_index_links_to_the_dashboard(analyst_client):
    body = analyst_client.get("/en/personal/").content.decode()
    assert 'href="/en/personal/analytics/dashboard/"' in body
    response = analyst_client.get("/en/personal/analytics/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/en/personal/analys/"


def test_admin_index_has_no_link_without_the_permission(client, django_user_model, settings):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    user = django_user_model.objects.create_user("staff2", password="a-long-password-1", is_staff=True)
    client.force_login(user)
    assert "/personal/analytics/dashboard/" not in client.get("/en/personal/").content.decode()


def test_queue_inputs_show_their_defaults_and_take_edits(dataset, analyst_client, settings):
    settings.ANALYTICS_QUEUE_OPERATORS = 70
    call_command("analytics_rebuild", verbosity=0)
    body = analyst_client.get("/en" + URL, PERIOD).content.decode()
    assert 'name="agents" id="id_agents" value="70"' in body
    # The worked example: 200 calls an hour without, 40 deflected, 180 s, 14 operators, 80% in 20 s.
    params = {
        **PERIOD,
        "calls_per_hour": "200",
        "deflected_per_hour": "40",
        "handle_seconds": "180",
        "agents": "14",
        "target_seconds": "20",
        "target_level": "0.8",
        "deflected_handle_seconds": "180",
        "patience_seconds": "180",
    }
    queue = _page_tables(analyst_client.get("/en" + URL, params))["queue"]
    # Erlang A with patience = handle time is the Poisson tail (test_erlang_a.py): 0.1355, 0.0187, 3.36 s.
    assert queue[1] == ["Without the e-services", "200.0", "180", "10.0", "14", "0.174", "7.8", "0.888", "14",
                        "0.136", "0.019", "3.4"]
    assert queue[2][:4] == ["With the e-services", "160.0", "180", "8.0"]
    assert queue[2][8] == "11"


def test_queue_removes_the_avoided_calls_at_their_own_handle_time(dataset, analyst_client):
    # The period's avoided calls: 3.2 calls worth 0.58 operator hours, i.e. 652.5 s each
    # (reports at theft's 15 minutes, guidance outcomes at 4). 200 calls an hour at 180 s is
    # 36,000 s of work; removing 40 calls at 652.5 s leaves 36,000 − 26,100 = 9,900 s over
    # 160 calls: 61.875 s each, 2.75 erlangs. The hours freed and the queue now agree.
    call_command("analytics_rebuild", verbosity=0)
    params = {**PERIOD, "calls_per_hour": "200", "deflected_per_hour": "40", "handle_seconds": "180",
              "agents": "14", "target_seconds": "20", "target_level": "0.8"}
    queue = _page_tables(analyst_client.get("/en" + URL, params))["queue"]
    assert queue[2][:4] == ["With the e-services", "160.0", "62", "2.7"]  # 2.75, printed half to even


def test_dashboard_and_csv_show_told_to_phone_beside_call_back(told_to_phone, analyst_client):
    """conftest.py: 7 completed, 3 needed a call back, 2 told to phone and sent anyway, 4 cost a
    call anyway (S7 is both); reports 7 × 0.8 − 4 = 1.6 calls avoided, 2.8 with the guidance."""
    call_command("analytics_rebuild", verbosity=0)
    page = _page_tables(analyst_client.get("/en" + URL, PERIOD))
    exported = _csv_tables(analyst_client.get("/en" + CSV_URL, PERIOD).content.decode())
    for tables in (page, exported):
        totals = dict(tables["totals"][1:])
        assert totals["Needed a call back"] == "3"
        assert totals["Told to phone, sent anyway"] == "2"
        assert totals["Cost a call anyway (told to phone or called back, each report once)"] == "4"
        header = tables["calls-avoided"][0]
        assert header[3:6] == ["Needed a call back", "Told to phone, sent anyway", "Cost a call anyway"]
        assert tables["calls-avoided"][1][:8] == ["Report a crime or loss", "Report a theft", "7", "3", "2", "4",
                                                 "0.800", "1.6"]
        assert tables["calls-avoided"][-1][:8] == ["All", "All", "9", "3", "2", "4", "–", "2.8"]
        assert tables["by-region"][0][5:8] == ["Needed a call back", "Told to phone, sent anyway",
                                               "Cost a call anyway"]
        assert [row[5:8] for row in tables["trend"][1:]] == [["2", "1", "2"], ["1", "1", "2"]]


def test_dashboard_in_swedish_names_told_to_phone(told_to_phone, analyst_client):
    call_command("analytics_rebuild", verbosity=0)
    totals = dict(_page_tables(analyst_client.get(URL, PERIOD))["totals"][1:])
    assert totals["Uppmanades att ringa, skickade ändå"] == "2"
