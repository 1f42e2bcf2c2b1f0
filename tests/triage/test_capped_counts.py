"""The triage list's counts: capped, said as "more than" when they are, and a name search that
reads the name index once (issue 13: a common surname at 1 M reports)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from reports.models import Submission
from reports.triage.admin import CappedCountPaginator, SubmissionAdmin
from reports.triage.models import AuditRecord

pytestmark = pytest.mark.django_db

LIST_URL = "/personal/reports/submission/"


def name_reads(queries) -> int:
    return sum('UPPER("reports_submission"."reporter_name"' in query["sql"] for query in queries)


def shown(response) -> list[int]:
    return [row.pk for row in response.context["cl"].result_list]


def test_a_name_search_reads_the_name_index_once_and_counts_its_hits_exactly(client, officer, make_submission):
    wanted = [make_submission(reporter_name=f"Anna Lindqvist {i}") for i in range(3)]
    make_submission(reporter_name="Bo Berg", personal_identity_number="198112189884")
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, {"q": "lindq"})
    assert sorted(shown(response)) == sorted(s.pk for s in wanted)
    changelist = response.context["cl"]
    assert (changelist.result_count, changelist.paginator.capped) == (3, False)
    # The page and the count go by key: only the look-up of the hits reads the names.
    assert name_reads(queries.captured_queries) == 1
    assert AuditRecord.objects.get().hits == 3


def test_more_name_hits_than_the_cap_are_said_so_and_paged_in_the_triage_order(
    client, officer, make_submission, monkeypatch
):
    monkeypatch.setattr(SubmissionAdmin, "SEARCH_HITS_CAP", 3)
    monkeypatch.setattr(SubmissionAdmin, "list_per_page", 2)
    made = [make_submission(reporter_name=f"Karin Holm {i}") for i in range(5)]
    Submission.objects.filter(pk=made[1].pk).update(priority=1)  # the urgent one first, then the newest
    client.force_login(officer)
    response = client.get(LIST_URL, {"q": "Holm"})
    changelist = response.context["cl"]
    assert (changelist.result_count, changelist.paginator.capped) == (3, True)
    assert shown(response) == [made[1].pk, made[4].pk]
    content = response.content.decode()
    with translation.override("sv"):  # the staff pages' language
        assert gettext("more than %(count)s results: narrow the search") % {"count": 3} in content
        assert f"{gettext('more than %(count)s') % {'count': 3}} {Submission._meta.verbose_name_plural}" in content
    second = client.get(LIST_URL, {"q": "Holm", "p": "2"})
    assert shown(second) == [made[3].pk]  # page 2 of "more than 3": the third hit


def test_a_name_search_with_exactly_the_cap_is_not_said_to_have_more(client, officer, make_submission, monkeypatch):
    monkeypatch.setattr(SubmissionAdmin, "SEARCH_HITS_CAP", 3)
    monkeypatch.setattr(SubmissionAdmin, "list_per_page", 2)
    for i in range(3):
        make_submission(reporter_name=f"Karin Holm {i}")
    client.force_login(officer)
    response = client.get(LIST_URL, {"q": "Holm"})
    changelist = response.context["cl"]
    assert (changelist.result_count, changelist.paginator.capped) == (3, False)
    with translation.override("sv"):
        assert gettext("more than %(count)s") % {"count": 3} not in response.content.decode()


@pytest.mark.parametrize(("reports", "capped"), [(4, True), (3, False)])
def test_a_list_count_over_the_cap_says_more_than_and_one_at_the_cap_does_not(
    client, officer, make_submission, monkeypatch, reports, capped
):
    monkeypatch.setattr(CappedCountPaginator, "COUNT_CAP", 3)
    monkeypatch.setattr(SubmissionAdmin, "list_per_page", 2)
    for _ in range(reports):
        make_submission()
    client.force_login(officer)
    response = client.get(LIST_URL, {"queue": "all"})
    changelist = response.context["cl"]
    assert (changelist.result_count, changelist.paginator.capped) == (3, capped)
    with translation.override("sv"):  # the staff pages' language
        said = f"{gettext('more than %(count)s') % {'count': 3}} " in response.content.decode()
    assert said is capped


def test_facet_counts_are_never_run(client, officer, make_submission):
    """"Show counts" would count every row of each filter choice: seconds at a million reports."""
    make_submission()
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, {"queue": "all", "_facets": "1"})
    assert response.status_code == 200
    assert response.context["cl"].add_facets is False
    assert not [q["sql"] for q in queries.captured_queries if "FILTER (WHERE" in q["sql"]]
