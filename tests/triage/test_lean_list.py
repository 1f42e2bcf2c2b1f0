"""The triage list's rows are written by ``reports.triage.changelist.LeanChangeList`` (one pass
per row) instead of Django admin's ``items_for_result`` (per cell): the HTML must stay Django's,
with every column officers need, links to the case that keep the list's filters, the triage
order, and the audit behaviour of the list and the case page."""
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from reports.delivery.models import Delivery
from reports.models import Submission
from reports.models.submission import TRIAGE_ORDER
from reports.triage.admin import CappedCountPaginator, SubmissionAdmin
from reports.triage.constants import AuditPart
from reports.triage.models import AuditRecord

pytestmark = pytest.mark.django_db

LIST_URL = "/personal/reports/submission/"
# The columns officers work from (issue 13: the lean list must not drop any).
COLUMNS = ("reference", "service_title", "created_at", "region", "status", "priority_label", "assignee",
           "delivery_state")
SIGNAL = [{"rule": "threat_text", "level": "signal", "words": ["hotade", "<kniv>"]}]


@pytest.fixture
def varied(make_submission, staff_user):
    """Rows that take every path of a cell: flagged (HTML from a template), assigned to a staff
    member whose name needs escaping, no region (the empty value), an urgent one, a priority
    no label knows, a dead delivery, a closed case."""
    odd_name = staff_user(None, 'o<b>&"x')
    rows = {
        "plain": make_submission(),
        "flagged": make_submission(screening=SIGNAL, priority=2),
        "assigned": make_submission(region="Syd"),
        "no_region": make_submission(region=""),
        "urgent": make_submission(priority=1),
        "odd_priority": make_submission(),
        "dead": make_submission(region="Nord"),
    }
    Submission.objects.filter(pk=rows["assigned"].pk).update(assignee=odd_name)
    Submission.objects.filter(pk=rows["odd_priority"].pk).update(priority=7)
    Submission.objects.filter(pk=rows["plain"].pk).update(status="closed")
    Delivery.objects.filter(source_kind="submission", source_id=rows["dead"].pk).update(status="dead")
    return rows


def _django_rows(changelist) -> list[str]:
    return ["".join(items_for_result(changelist, result, None)) for result in changelist.result_list]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("params", [{"queue": "all"}, {"queue": "all", "region__exact": "Syd"}, {"q": "Anna"}])
def test_rows_are_the_html_django_admin_would_write(client, officer, varied, language, params):
    client.force_login(officer)
    prefix = "" if language == "sv" else f"/{language}"
    response = client.get(prefix + LIST_URL, params)
    assert response.status_code == 200
    changelist = response.context["cl"]
    content = response.content.decode()
    with translation.override(language):
        expected = _django_rows(changelist)
        assert changelist.rows() == expected
    assert expected, "the list shows rows"
    for row in expected:
        assert f"<tr>{row}</tr>" in content
    assert content.count('<input type="checkbox" name="_selected_action"') == len(expected)


def test_every_column_officers_need_is_shown_for_every_row(client, officer, varied):
    client.force_login(officer)
    response = client.get("/en" + LIST_URL, {"queue": "all"})
    content = response.content.decode()
    rows = len(response.context["cl"].result_list)
    assert rows == len(varied)
    thead = content[content.index("<thead>"):content.index("</thead>")]
    for column in COLUMNS:
        assert f'class="column-{column}' in thead, column
        assert len(re.findall(rf'<t[hd] class="field-{column}[ "]', content)) == rows, column
    text = html.unescape(content)
    for shown in ("Report a theft", "Urgent", "High", "Normal", "Dead letter", "Closed", "Stockholm",
                  'o<b>&"x', "⚑ Flagged", "<kniv>"):
        assert shown in text, shown
    assert 'o&lt;b&gt;&amp;&quot;x' in content and "&lt;kniv&gt;" in content  # escaped, never markup
    assert '<td class="field-region">-</td>' in content  # no region: the empty value


def test_rows_come_in_the_triage_order(client, officer, varied):
    client.force_login(officer)
    content = client.get(LIST_URL, {"queue": "all"}).content.decode()
    shown = re.findall(r'<th class="field-reference"><a href="[^"]+">([^<]+)</a></th>', content)
    expected = list(Submission.objects.order_by(*TRIAGE_ORDER).values_list("reference", flat=True))
    assert shown == expected
    assert shown[0] == varied["urgent"].reference and shown[-1] == varied["odd_priority"].reference


def test_a_row_links_to_its_case_keeping_the_filters_and_the_reading_is_audited_once(client, officer, varied):
    client.force_login(officer)
    params = {"queue": "all", "region__exact": "Syd"}
    content = client.get(LIST_URL, params).content.decode()
    assert AuditRecord.objects.count() == 0  # the plain list shows no personal data
    links = re.findall(r'<th class="field-reference"><a href="([^"]+)">([^<]+)</a></th>', content)
    assert [reference for _href, reference in links] == [varied["assigned"].reference]
    href = html.unescape(links[0][0])
    parts = urlsplit(href)
    assert parts.path == reverse("admin:reports_submission_change", args=[varied["assigned"].pk])
    assert parse_qs(parse_qs(parts.query)["_changelist_filters"][0]) == {"queue": ["all"], "region__exact": ["Syd"]}
    case = client.get(href)
    assert case.status_code == 200 and varied["assigned"].reference in case.content.decode()
    record = AuditRecord.objects.get()
    assert (record.part, record.submission_id, record.user_id) == (AuditPart.CASE, varied["assigned"].pk, officer.pk)


def test_a_search_is_one_audit_row_with_its_hits(client, officer, varied):
    client.force_login(officer)
    response = client.get(LIST_URL, {"q": varied["dead"].reference})
    assert len(response.context["cl"].result_list) == 1
    record = AuditRecord.objects.get()
    assert (record.part, record.hits) == (AuditPart.SEARCH, 1)


def test_the_page_query_reads_neither_the_answers_nor_the_gate_record(client, officer, varied):
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, {"queue": "all"})
    assert response.status_code == 200
    page = [q["sql"] for q in queries.captured_queries
            if 'FROM "reports_submission"' in q["sql"] and "LIMIT" in q["sql"] and "COUNT(" not in q["sql"]]
    assert len(page) == 1, page
    assert '"reports_submission"."answers"' not in page[0]
    assert "reports_gaterecord" not in page[0]
    assert '"auth_user"' in page[0]  # the assignee, joined: no query per row
    # The case page still reads everything, answers included.
    case = client.get(reverse("admin:reports_submission_change", args=[varied["plain"].pk]))
    assert "Drottninggatan 1" in case.content.decode()


def test_an_action_on_listed_rows_reads_them_whole(client, officer, varied):
    """The list defers the answers; an action's service reads its row again before writing."""
    client.force_login(officer)
    chosen = [varied["flagged"].pk, varied["dead"].pk]
    response = client.post(LIST_URL, {"action": "priority_urgent", "_selected_action": chosen})
    assert response.status_code == 302
    for submission in Submission.objects.filter(pk__in=chosen):
        assert submission.priority == 1
        assert submission.answers["nar-var"]["address"] == "Drottninggatan 1"  # untouched


def test_an_empty_list_has_no_table(client, officer):
    client.force_login(officer)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert response.context["cl"].rows() == []
    assert 'id="result_list"' not in response.content.decode()


@pytest.mark.parametrize("params", [{"queue": "all"}, {"status__exact": "closed"}, {"q": "Anna"}])
def test_the_capped_count_does_not_order_the_rows_it_counts(client, officer, varied, params):
    """Ordering the capped count's subquery made PostgreSQL fetch and sort every matching row
    at 1 M reports (bench/triage_scale.py): the count reads the rows in any order. A name
    search counts the keys of its hits, looked up once, also in any order."""
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, params)
    sql = [q["sql"] for q in queries.captured_queries if "reports_submission" in q["sql"]]
    if "q" in params:
        counting = [q for q in sql if 'UPPER("reports_submission"."reporter_name"' in q]
        limit = f"LIMIT {SubmissionAdmin.SEARCH_HITS_CAP + 1}"
    else:
        counting = [q for q in sql if "COUNT(" in q]
        limit = f"LIMIT {CappedCountPaginator.COUNT_CAP + 1}"
    assert len(counting) == 1, counting
    assert "ORDER BY" not in counting[0] and limit in counting[0]
    assert response.context["cl"].result_count == len(response.context["cl"].result_list)


def test_a_cell_whose_lookup_fails_shows_the_empty_value_as_django_does(rf, officer, varied):
    """``items_for_result`` shows the empty value for a cell whose lookup raises
    ObjectDoesNotExist (a missing related row); the lean rows do the same, also when the
    page's first rows fail (the column is then decided on a later one) or all of them do."""
    from django.contrib import admin
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.core.exceptions import ObjectDoesNotExist

    from reports.triage.admin import SubmissionAdmin

    failing = {varied["urgent"].pk, varied["flagged"].pk}  # the first two rows of the list

    class WithFailingColumns(SubmissionAdmin):
        list_display = (*SubmissionAdmin.list_display, "sometimes_missing", "always_missing")

        @admin.display(description="sometimes")
        def sometimes_missing(self, obj):
            if obj.pk in failing:
                raise ObjectDoesNotExist
            return obj.reference.lower()

        @admin.display(description="always")
        def always_missing(self, obj):
            raise ObjectDoesNotExist

    model_admin = WithFailingColumns(Submission, admin.site)
    request = rf.get(LIST_URL, {"queue": "all"})
    request.user = officer
    request.session = {}
    request._messages = FallbackStorage(request)
    changelist = model_admin.get_changelist_instance(request)
    changelist.formset = None
    assert {row.pk for row in changelist.result_list[:2]} == failing
    with translation.override("sv"):
        assert changelist.rows() == _django_rows(changelist)
    assert '<td class="field-always_missing">-</td>' in changelist.rows()[-1]


def test_the_page_query_reads_no_personal_data_the_list_does_not_show(client, officer, varied):
    """The list shows no reporter's data (reading it is the case page's, audited): the page's
    query does not fetch it either, nor the answers."""
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, {"queue": "all"})
    assert response.context["cl"].result_list
    [page] = [q["sql"] for q in queries.captured_queries
              if q["sql"].startswith('SELECT "reports_submission"."id"') and "COUNT(" not in q["sql"]]
    for column in ("reporter_name", "personal_identity_number", "phone", "email", "answers"):
        assert f'"reports_submission"."{column}"' not in page, column
    assert '"auth_user"."password"' not in page and '"auth_user"."email"' not in page  # the assignee: a username
    assert '"reports_submission"."reference"' in page
