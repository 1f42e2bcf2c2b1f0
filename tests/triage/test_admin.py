"""The staff admin: permissions per role, the audit log, the list's queries, second factor, lockout."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from django_otp.oath import totp

from reports.constants import SubmissionStatus
from reports.models import Submission
from reports.triage.constants import AuditPart, CaseEventKind
from reports.triage.demo import totp_device_ensure
from reports.triage.models import AppendOnlyError, AuditRecord, CaseEvent, StaffProfile

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LIST_URL = "/personal/reports/submission/"
AUDIT_URL = "/personal/triage/auditrecord/"


def change_url(submission):
    return reverse("admin:reports_submission_change", args=[submission.pk])


@pytest.mark.parametrize(
    ("role", "case_page", "audit_log"),
    [
        ("officer", 200, 403),
        ("supervisor", 200, 200),
        ("administrator", 200, 200),
        ("analyst", 403, 403),
    ],
)
def test_permissions_per_role(client, request, submission, role, case_page, audit_log):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(change_url(submission)).status_code == case_page
    assert client.get(LIST_URL).status_code == case_page
    assert client.get(AUDIT_URL).status_code == audit_log
    # A read is logged only when personal data was actually shown: the case page (the plain
    # list shows none) and the audit log itself (its search terms are personal data).
    assert AuditRecord.objects.filter(user=user, part=AuditPart.CASE).count() == (1 if case_page == 200 else 0)
    assert AuditRecord.objects.filter(user=user, part=AuditPart.LIST).count() == (1 if audit_log == 200 else 0)
    assert AuditRecord.objects.filter(user=user).count() == (case_page == 200) + (audit_log == 200)


def test_case_page_shows_readable_answers_and_logs_the_opening(client, officer, submission):
    from reports.models import Supplement

    Supplement.objects.create(submission=submission, text="I found the receipt for the bicycle.")
    client.force_login(officer)
    response = client.get(change_url(submission))
    content = response.content.decode()
    assert "Drottninggatan 1" in content
    assert "Anna Andersson" in content
    assert '"what_happened"' not in content  # no raw JSON
    assert "Blue Crescent bicycle" in content  # items inline
    assert "I found the receipt for the bicycle." in content  # supplements
    record = AuditRecord.objects.get()
    assert (record.user, record.submission, record.part) == (officer, submission, AuditPart.CASE)


def test_every_search_is_one_audit_row_whatever_it_finds(client, officer, make_submission):
    wanted = make_submission()
    make_submission(personal_identity_number="198112189884", reporter_name="Bo Berg")
    client.force_login(officer)

    def searches():
        return list(AuditRecord.objects.filter(part=AuditPart.SEARCH).order_by("pk").values_list("detail", "hits"))

    response = client.get(LIST_URL, {"q": "811218-9876"})
    assert [row.pk for row in response.context["cl"].result_list] == [wanted.pk]
    # What the search looked the term up by (as stored) comes first, then the term as typed.
    assert searches() == [("personal_identity_number=198112189876; q=811218-9876", 1)]
    # A partial number finds nothing, but the search itself is still logged.
    response = client.get(LIST_URL, {"q": "8112"})
    assert list(response.context["cl"].result_list) == []
    # Name and phone: one row per search, not one per hit.
    response = client.get(LIST_URL, {"q": "Bo Ber"})
    assert len(response.context["cl"].result_list) == 1
    response = client.get(LIST_URL, {"q": "070-123 45 67"})
    assert len(response.context["cl"].result_list) == 2
    client.get(LIST_URL, {"q": wanted.reference})
    assert searches() == [
        ("personal_identity_number=198112189876; q=811218-9876", 1), ("q=8112", 0), ("q=Bo Ber", 1),
        ("phone=+46701234567; q=070-123 45 67", 2), (f"q={wanted.reference}", 1),
    ]
    assert set(AuditRecord.objects.values_list("user", flat=True)) == {officer.pk}
    # The plain list shows no personal data: nothing to log.
    client.get(LIST_URL)
    assert AuditRecord.objects.count() == 5


def test_audit_log_is_read_only(client, supervisor, submission):
    client.force_login(supervisor)
    client.get(change_url(submission))
    record = AuditRecord.objects.get()
    assert client.get(reverse("admin:triage_auditrecord_change", args=[record.pk])).status_code == 200
    response = client.post(reverse("admin:triage_auditrecord_change", args=[record.pk]), {"detail": "x"})
    assert response.status_code == 403
    assert client.post(reverse("admin:triage_auditrecord_delete", args=[record.pk]), {"post": "yes"}).status_code == 403
    record.detail = "changed"
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.all().delete()
    assert AuditRecord.objects.get(pk=record.pk).detail == ""
    # Filterable by part.
    assert client.get(AUDIT_URL, {"part__exact": "case"}).context["cl"].result_count == 1


def _bulk_submissions(count, assignee):
    Submission.objects.bulk_create(
        Submission(
            reference=f"STL-BULK-{count}-{i:05d}", service="stold", language="sv", region="Syd" if i % 2 else "Nord",
            client_token=f"bulk-{count}-{i}", priority=1 + i % 3, assignee=assignee,
        )
        for i in range(count)
    )


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, {"queue": "all"})
    assert response.status_code == 200
    return len(queries), len(response.context["cl"].result_list)


def test_list_queries_do_not_grow_with_rows(client, officer):
    StaffProfile.objects.create(user=officer, region="Nord")
    client.force_login(officer)
    _bulk_submissions(10, officer)
    small, shown_small = _list_queries(client)
    _bulk_submissions(990, officer)
    large, shown_large = _list_queries(client)
    assert (shown_small, shown_large) == (10, 100)
    assert large == small, f"{small} queries for 10 rows, {large} for 1,000"
    assert large <= 15


def test_default_list_is_the_open_work_of_my_region_most_urgent_then_newest(client, officer, make_submission):
    from reports.triage import services

    StaffProfile.objects.create(user=officer, region="Syd")
    other_region = make_submission(region="Nord")
    own_old_high = make_submission(region="Syd")
    own_new_high = make_submission(region="Syd")
    own_low = make_submission(region="Syd")
    own_contact = make_submission(region="Syd")
    own_closed = make_submission(region="Syd")
    Submission.objects.filter(pk__in=[other_region.pk, own_closed.pk]).update(priority=1)
    Submission.objects.filter(pk__in=[own_old_high.pk, own_new_high.pk, own_contact.pk]).update(priority=2)
    Submission.objects.filter(pk=own_low.pk).update(priority=5)
    services.submission_status_change(submission=own_contact, to_status="needs_contact", by=officer)
    Submission.objects.filter(pk=own_closed.pk).update(status="closed")
    client.force_login(officer)

    rows = [s.pk for s in client.get(LIST_URL).context["cl"].result_list]
    assert rows == [own_contact.pk, own_new_high.pk, own_old_high.pk, own_low.pk]
    # "All reports": every region and status, in the same order.
    rows = [s.pk for s in client.get(LIST_URL, {"queue": "all"}).context["cl"].result_list]
    assert rows == [own_closed.pk, other_region.pk, own_contact.pk, own_new_high.pk, own_old_high.pk, own_low.pk]
    # A chosen status replaces "open"; a chosen region replaces mine; a search looks everywhere.
    assert [s.pk for s in client.get(LIST_URL, {"status__exact": "closed"}).context["cl"].result_list] == [
        own_closed.pk
    ]
    assert [s.pk for s in client.get(LIST_URL, {"region__exact": "Nord"}).context["cl"].result_list] == [
        other_region.pk
    ]
    found = client.get(LIST_URL, {"q": other_region.reference.lower()}).context["cl"].result_list
    assert [s.pk for s in found] == [other_region.pk]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Anna Andersson", {"anna"}),
        ("ndersso", {"anna"}),  # a part of the name, any case
        ("berg", {"bo"}),
        ("Bo", set()),  # names need three characters
        ("0701234567", {"anna"}),  # the phone, normalised
        ("198112189876", {"anna"}),  # the identity number, complete
        ("19811218", set()),  # a partial identity number finds nothing
        ("STL", set()),  # a partial reference finds nothing: references are exact
    ],
)
def test_search_terms(client, officer, make_submission, term, expected):
    named = {
        "anna": make_submission(),
        "bo": make_submission(reporter_name="Bo Berg", personal_identity_number="198112189884", phone="+46709999999"),
    }
    client.force_login(officer)
    found = {row.pk for row in client.get(LIST_URL, {"q": term}).context["cl"].result_list}
    assert found == {named[name].pk for name in expected}
    by_reference = client.get(LIST_URL, {"q": named["bo"].reference.replace("-", " ").lower()})
    assert [row.pk for row in by_reference.context["cl"].result_list] == [named["bo"].pk]


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        # The tables are tiny here: make the planner take an index path wherever one exists; a
        # Sort then remains only where no index gives the order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    "params",
    [{}, {"queue": "all"}, {"queue": "mine"}, {"queue": "unassigned"}, {"queue": "needs_contact"},
     {"queue": "open"}, {"status__exact": "closed"}, {"region__exact": "Syd"}, {"service": "stold"}],
)
def test_every_list_view_is_read_in_index_order_without_a_sort(client, officer, make_submission, params):
    """At a million rows a sort of the list is what made it slow: each view's page query must be
    an index scan in the triage order (PostgreSQL; the indexes are in ``Submission.Meta``)."""
    assert connection.vendor == "postgresql"
    StaffProfile.objects.create(user=officer, region="Syd")
    make_submission(region="Syd")
    client.force_login(officer)
    changelist = client.get(LIST_URL, params).context["cl"]
    plan = _plan(*changelist.queryset[:100].query.sql_with_params())
    # The page itself (the per-row delivery subplan sorts a row's one or two deliveries: cheap).
    main = plan.split("SubPlan")[0]
    assert "Sort" not in main, plan
    assert "Index Scan" in main and "reports_submission" in main, plan


def test_name_search_uses_the_trigram_index(make_submission):
    assert connection.vendor == "postgresql"
    make_submission()
    sql, params = Submission.objects.filter(reporter_name__icontains="ndersso").order_by().query.sql_with_params()
    assert "submission_name_trgm_idx" in _plan(sql, params)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"queue": "mine"}, {"mine"}),
        ({"queue": "unassigned"}, {"free", "contact"}),
        ({"queue": "needs_contact"}, {"contact"}),
        ({"status__exact": "needs_contact"}, {"contact"}),
        ({"region__exact": "Syd"}, {"free"}),
        ({"service": "stold"}, {"mine", "free", "contact"}),
    ],
)
def test_list_filters(client, officer, make_submission, params, expected):
    from reports.triage import services

    named = {
        "mine": make_submission(region="Nord"),
        "free": make_submission(region="Syd"),
        "contact": make_submission(region="Nord"),
    }
    services.submission_assign(submission=named["mine"], assignee=officer, by=officer)
    services.submission_status_change(submission=named["contact"], to_status="needs_contact", by=officer)
    client.force_login(officer)
    shown = {row.pk for row in client.get(LIST_URL, params).context["cl"].result_list}
    assert shown == {named[name].pk for name in expected}


def test_workflow_through_the_case_page(client, officer, submission, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(officer)
    response = client.post(reverse("admin:reports_submission_assign", args=[submission.pk]))
    assert response.status_code == 302
    # Registering without a case number: the error next to the field, the input kept.
    response = client.post(
        reverse("admin:reports_submission_status", args=[submission.pk]),
        {"status-to_status": "registered", "status-note": "keep me"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "keep me" in content
    # The error is summarised at the top with a link to the field, and shown next to it.
    assert 'href="#id_status-case_number"' in content
    message = escape(gettext("Enter the case system's number to register the report."))
    assert content.count(message) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reports_submission_status", args=[submission.pk]),
            {"status-to_status": "registered", "status-case_number": "5000-K99-26"},
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.case_number, submission.assignee) == (
        SubmissionStatus.REGISTERED, "5000-K99-26", officer
    )
    assert len(mailoutbox) == 1
    response = client.post(reverse("admin:reports_submission_note", args=[submission.pk]), {"note-text": ""})
    assert response.status_code == 400


def test_analyst_cannot_use_the_workflow(client, analyst, submission):
    client.force_login(analyst)
    response = client.post(reverse("admin:reports_submission_assign", args=[submission.pk]))
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.assignee is None


def test_bulk_actions(client, officer, make_submission):
    first, second = make_submission(), make_submission()
    client.force_login(officer)
    response = client.post(LIST_URL, {"action": "assign_to_me", "_selected_action": [first.pk, second.pk]})
    assert response.status_code == 302
    client.post(LIST_URL, {"action": "mark_in_triage", "_selected_action": [first.pk, second.pk]})
    assert set(Submission.objects.values_list("assignee", "status")) == {(officer.pk, "in_triage")}


def test_urgent_cases_come_first_in_the_list(client, officer, make_submission):
    older, newer = make_submission(), make_submission()
    client.force_login(officer)
    listed = client.get(LIST_URL).context["cl"].result_list
    assert [s.pk for s in listed] == [newer.pk, older.pk]  # same priority: newest first
    client.post(LIST_URL, {"action": "priority_urgent", "_selected_action": [older.pk]})
    listed = client.get(LIST_URL).context["cl"].result_list
    assert [s.pk for s in listed] == [older.pk, newer.pk]
    assert CaseEvent.objects.get(submission=older, kind=CaseEventKind.PRIORITY_CHANGED).to_value == "1"


def test_second_factor_required_when_configured(client, settings, officer):
    settings.PORTAL_STAFF_OTP_REQUIRED = True
    device = totp_device_ensure(user=officer)
    login = "/personal/login/"
    response = client.post(login, {"username": "officer", "password": PASSWORD, "otp_token": "000000"})
    assert response.status_code == 200  # wrong code: back to the form
    assert client.get(LIST_URL).status_code == 302
    # Password alone (forced session) is not enough either.
    client.force_login(officer)
    assert client.get(LIST_URL).status_code == 302
    client.logout()
    # A wrong code throttles the device for a second or more (django-otp); start afresh.
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()
    token = f"{totp(device.bin_key):06d}"
    response = client.post(login, {"username": "officer", "password": PASSWORD, "otp_token": token})
    assert response.status_code == 302, response.context["form"].errors
    assert client.get(LIST_URL).status_code == 200


def test_second_factor_optional_in_debug_by_default(client, settings, officer):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    response = client.post("/personal/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(LIST_URL).status_code == 200


def test_lockout_after_repeated_failed_logins(client, settings, officer):
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/personal/login/", {"username": "officer", "password": "wrong-password"})
        assert response.status_code == 200
    # The failure that reaches the limit locks the account out.
    response = client.post("/personal/login/", {"username": "officer", "password": "wrong-password"})
    assert response.status_code == 429
    # Now even the right password is refused.
    response = client.post("/en/personal/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    assert "Logging in is blocked after 5 failed attempts." in response.content.decode()
    assert client.get(LIST_URL).status_code == 302


def test_list_shows_service_title_and_latest_delivery_state(client, officer, submission):
    from reports.delivery.models import Delivery

    Delivery.objects.filter(source_kind="submission", source_id=submission.pk).update(status="dead")
    client.force_login(officer)
    response = client.get("/en" + LIST_URL)
    row = response.context["cl"].result_list[0]
    assert row.delivery_status == "dead"
    content = response.content.decode()
    assert "Dead letter" in content
    assert "Report a theft" in content


def test_list_rows_have_the_selection_checkbox_django_would_render(client, officer, submission):
    from django import forms
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
    from django.utils.html import format_html

    client.force_login(officer)
    content = client.get(LIST_URL).content.decode()
    label = format_html(gettext("Select this object for an action - {}"), str(submission))
    django_checkbox = forms.CheckboxInput({"class": "action-select", "aria-label": label}, lambda value: False)
    assert django_checkbox.render(ACTION_CHECKBOX_NAME, str(submission.pk)) in content


def test_case_page_shows_the_answers_before_the_handling_forms(client, officer, submission):
    client.force_login(officer)
    content = client.get(change_url(submission)).content.decode()
    answers, handling = content.index("Drottninggatan 1"), content.index('id="workflow-heading"')
    assert answers < handling
    # The bar above the answers says where the case stands and links to the forms below.
    assert content.index('id="triage-status"') < answers
    assert '<a href="#main-form">' in content


def test_next_case_follows_the_default_view_order(client, officer, make_submission):
    StaffProfile.objects.create(user=officer, region="Stockholm")
    first, second, third = (make_submission() for _ in range(3))
    Submission.objects.filter(pk__in=[first.pk, second.pk, third.pk]).update(region="Stockholm")
    Submission.objects.filter(pk=first.pk).update(priority=1)  # urgent: first in the view
    elsewhere = make_submission()
    Submission.objects.filter(pk=elsewhere.pk).update(region="Syd", priority=1)  # another region
    handled = make_submission()
    Submission.objects.filter(pk=handled.pk).update(region="Stockholm", status=SubmissionStatus.CLOSED)
    client.force_login(officer)

    def next_of(submission):
        response = client.get(change_url(submission))
        return response.context["next_case_url"]

    # Most urgent first, then newest: first (urgent), third, second; then nothing after the last.
    assert next_of(first) == change_url(third)
    assert next_of(third) == change_url(second)
    assert next_of(second) == ""
    # A case outside the view (closed, or another region) leads to the start of the view.
    assert next_of(handled) == change_url(first)
    assert next_of(elsewhere) == change_url(first)
