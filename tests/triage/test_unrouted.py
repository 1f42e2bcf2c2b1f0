"""Reports routed to no region (region "": no or an unknown municipality, e.g. an anonymous tip)
are nobody's region: every regional officer's default view, the flagged filter and "next case"
include them, in the triage order, while other regions' reports stay out of the default view."""
import pytest
from django.db import connection
from django.urls import reverse

from reports.constants import SubmissionStatus
from reports.models import Submission
from reports.triage.models import StaffProfile

pytestmark = pytest.mark.django_db

LIST_URL = "/personal/reports/submission/"
THREAT = [{"rule": "threat_text", "level": "signal", "words": ["hotade"]},
          {"rule": "weapon_text", "level": "signal", "words": ["kniv"]}]


def change_url(submission):
    return reverse("admin:reports_submission_change", args=[submission.pk])


@pytest.fixture
def cases(officer, make_submission):
    """An officer of Syd; a flagged urgent report with no region (made first: the oldest), a
    normal one of the own region, an urgent one of another region and a closed unrouted one."""
    StaffProfile.objects.create(user=officer, region="Syd")
    unrouted = make_submission(region="", municipality_code="", screening=THREAT, priority=1)
    own = make_submission(region="Syd")
    other = make_submission(region="Nord", screening=THREAT, priority=1)
    closed = make_submission(region="")
    Submission.objects.filter(pk=closed.pk).update(status=SubmissionStatus.CLOSED)
    assert unrouted.region == "" and unrouted.flagged and unrouted.priority == 1
    return {"unrouted": unrouted, "own": own, "other": other, "closed": closed}


def rows(client, params=None):
    return [row.pk for row in client.get(LIST_URL, params or {}).context["cl"].result_list]


def page_plan(client, params) -> str:
    """The plan of the list's page query, the delivery subplan left out. The tables are tiny
    here: the planner is made to take an index path wherever one exists, so a Sort remains only
    where no index gives the triage order (as in ``test_admin``)."""
    changelist = client.get(LIST_URL, params).context["cl"]
    sql, sql_params = changelist.queryset[:100].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, sql_params)
        return "\n".join(row[0] for row in cursor.fetchall()).split("SubPlan")[0]


def assert_index_order(plan: str) -> None:
    assert "Sort" not in plan, plan
    assert "Index Scan" in plan and "reports_submission" in plan, plan


def test_the_default_view_shows_unrouted_open_work_by_priority(client, officer, supervisor, cases):
    assert connection.vendor == "postgresql"
    client.force_login(officer)
    # Urgent (the unrouted tip) before normal (the own region), whatever the age; another region's
    # urgent report and closed reports stay out.
    assert rows(client) == [cases["unrouted"].pk, cases["own"].pk]
    # Still read from an index in the triage order, not sorted.
    assert_index_order(page_plan(client, {}))
    # Staff without a region: every region.
    client.force_login(supervisor)
    assert rows(client) == [cases["other"].pk, cases["unrouted"].pk, cases["own"].pk]


def test_the_flagged_filter_does_not_hide_unrouted_reports(client, officer, cases):
    client.force_login(officer)
    assert rows(client, {"flagged__exact": "1"}) == [cases["unrouted"].pk]
    page = client.get(LIST_URL, {"flagged__exact": "1"}).content.decode()
    assert cases["unrouted"].reference in page and cases["other"].reference not in page
    plan = page_plan(client, {"flagged__exact": "1"})
    assert_index_order(plan)
    assert "submission_open_flagged_idx" in plan, plan  # reads the flagged open reports only


def test_a_chosen_status_keeps_the_own_region_and_no_region(client, officer, cases):
    client.force_login(officer)
    assert rows(client, {"status__exact": "closed"}) == [cases["closed"].pk]
    assert rows(client, {"status__exact": "received"}) == [cases["unrouted"].pk, cases["own"].pk]
    assert_index_order(page_plan(client, {"status__exact": "closed"}))
    # A chosen region is that region only.
    assert rows(client, {"region__exact": "Nord"}) == [cases["other"].pk]


def test_next_case_reaches_unrouted_reports(client, officer, cases):
    client.force_login(officer)

    def next_of(submission):
        response = client.get(change_url(submission))
        assert response.status_code == 200  # a regional officer may open an unrouted case
        return response.context["next_case_url"]

    # From the unrouted case (in the view) on to the own region's, then nothing.
    assert next_of(cases["unrouted"]) == change_url(cases["own"])
    assert next_of(cases["own"]) == ""
    # From outside the view (another region, a closed case) to its start: the unrouted tip.
    assert next_of(cases["other"]) == change_url(cases["unrouted"])
    assert next_of(cases["closed"]) == change_url(cases["unrouted"])
