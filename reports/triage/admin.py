"""The staff's triage in Django admin: the list, the case page, the workflow and the audit log.

Views stay thin: the workflow forms validate, ``reports.triage.services`` writes. Personal data
is read-only everywhere, and every opening of it is logged (``AuditRecord``).
"""
from __future__ import annotations

import functools
import json
from copy import copy
from types import SimpleNamespace

from django.contrib import admin, messages
from django.contrib.admin import DateFieldListFilter, SimpleListFilter
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from reports import screening
from reports.catalogue import registry
from reports.constants import GateOutcome, SubmissionStatus
from reports.delivery.constants import DeliveryStatus
from reports.forms.errors import error_summary
from reports.models import Item, StatusChange, Submission
from reports.models.submission import TRIAGE_ORDER
from reports.triage import selectors, services
from reports.triage.audit import PersonalDataAdmin
from reports.triage.changelist import LeanChangeList
from reports.triage.constants import AuditPart, Priority, RejectionReason
from reports.triage.forms import FIELD_OF_REFUSAL, CaseNoteForm, RegionMoveForm, StatusChangeForm
from reports.triage.models import AuditRecord, CaseEvent, StaffProfile
from reports.triage.readonly import ReadOnlyAdminMixin
from reports.wizard.answers import answers_display


def screening_findings(submission) -> list[dict]:
    """The stored findings with their rule's reason in the current language."""
    findings = []
    for stored in submission.screening or []:
        rule = screening.RULES_BY_ID.get(stored.get("rule"))
        findings.append({**stored, "reason": rule.reason if rule else stored.get("rule", "")})
    return findings


@functools.lru_cache(maxsize=512)
def _screening_flag_html(language: str, findings_json: str) -> str:
    """The list's flag cell for one set of stored findings in one language, written once: the
    flagged rows of a page mostly share a few sets (rule ids and word-list entries, nothing
    that names a person), and the template per row was ~0.1 ms of each."""
    with translation.override(language):
        findings = screening_findings(SimpleNamespace(screening=json.loads(findings_json)))
        return render_to_string("triage/screening_flag.html", {"findings": findings})


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or "–"


class ServiceFilter(SimpleListFilter):
    title = _("service")
    parameter_name = "service"

    def lookups(self, request, model_admin):
        return [(service.slug, service.title) for service in registry]

    def queryset(self, request, queryset):
        return queryset.filter(service=self.value()) if self.value() else queryset


class QueueFilter(SimpleListFilter):
    """The everyday views of the queue. With no choice made (the default view): the open work of
    the staff member's region and of no region (``selectors.submission_in_region``), unless a
    status or region filter or a search says otherwise; other filters (flagged, service, period)
    narrow that view."""

    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("mine", _("Assigned to me")),
            ("unassigned", _("Unassigned")),
            ("needs_contact", _("Needs contact")),
            ("open", _("Not yet handled")),
            ("all", _("All reports")),
        ]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Open work in my region"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == "mine":
            return queryset.filter(assignee=request.user)
        if value == "unassigned":
            return queryset.filter(assignee__isnull=True)
        if value == "needs_contact":
            return queryset.filter(status=SubmissionStatus.NEEDS_CONTACT)
        if value == "open":
            return queryset.filter(status__in=[SubmissionStatus.RECEIVED, SubmissionStatus.IN_TRIAGE])
        if value is None:
            return self._default_view(request, queryset)
        return queryset

    def _default_view(self, request, queryset):
        params = request.GET
        if params.get(SEARCH_VAR, "").strip():
            return queryset  # a search looks through every report
        region = "" if "region__exact" in params else selectors.staff_region(user=request.user)
        if "status__exact" in params:  # a chosen status replaces "open", the region stays
            return selectors.submission_in_region(queryset=queryset, region=region)
        return selectors.submission_open_work(queryset=queryset, region=region)


class CappedCountPaginator(Paginator):
    """Counts at most ``cap`` rows (``COUNT_CAP`` unless told otherwise): an exact count of a
    million rows would cost more than the page itself, and nobody pages that far (search or
    filter instead). ``capped`` says there are more than ``count``; the list says "more than"
    (templates/admin/reports/submission/pagination.html and search_form.html).

    ``found``: the number of rows when the caller already knows it (up to ``cap + 1``, more
    meaning capped), so that it is not counted again.
    """

    COUNT_CAP = 10_000

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, cap=None, found=None):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.cap = cap or self.COUNT_CAP
        self.found = found

    @cached_property
    def _found(self) -> int:
        if self.found is not None:
            return self.found
        # values("pk"): the count reads the filter's index only, without the page's columns,
        # joins and per-row delivery subquery. order_by(): without it the capped subquery keeps
        # the triage order, and PostgreSQL fetched and sorted every matching row (at 1 M rows,
        # 28,000 closed reports of a region: 250 ms; a common name: 2 s) to count 10,000 of them.
        # One row more than the cap tells "exactly the cap" from "more".
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def count(self) -> int:
        return min(self._found, self.cap)

    @property
    def capped(self) -> bool:
        return self._found > self.cap


class ItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Item
    fields = ("position", "kind", "description", "brand_model", "serial_number", "value_sek")
    readonly_fields = fields
    extra = 0
    can_delete = False


class StatusChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusChange
    verbose_name_plural = _("status history")
    fields = ("created_at", "from_status", "to_status", "changed_by", "rejection_reason", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by", "decision")

    @admin.display(description=_("rejection reason"))
    def rejection_reason(self, obj):
        decision = getattr(obj, "decision", None)
        if decision is None or not decision.rejection_reason:
            return "–"
        return _label(RejectionReason, decision.rejection_reason)


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdminMixin, PersonalDataAdmin, admin.ModelAdmin):
    # Reports come from citizens only; personal data is purged on schedule, the case itself
    # stays; every change goes through a workflow service (the case page's forms).
    never = ("add", "delete")
    personal_fields = (
        "reporter_name", "personal_identity_number", "phone", "email", "answers", "items", "supplements",
        "attachments", "status_changes", "case_events",
    )
    audit_page_part = AuditPart.CASE
    list_display = (
        "reference", "service_title", "created_at", "region", "status", "priority_label", "screening_flag",
        "assignee", "delivery_state",
    )
    list_display_links = ("reference",)
    list_filter = (
        ServiceFilter, "status", "region", ("created_at", DateFieldListFilter), QueueFilter, "flagged",
    )
    list_per_page = 100
    list_select_related = ("assignee",)
    # Columns no cell shows, left out of the page's query (LeanChangeList): the answers (a few KB
    # of JSON per report) and the reporter's personal data (the list shows none: reading it is
    # the case page's, audited), and what only the case page or the services read.
    list_deferred = (
        "answers", "reporter_name", "personal_identity_number", "phone", "email", "language", "form_language",
        "municipality_code", "gate_record", "case_number", "client_token", "updated_at", "purged_at",
        "confirmation_sent_at",
        # The assignee cell shows the username: not the account's password hash, e-mail or dates.
        "assignee__password", "assignee__last_login", "assignee__is_superuser", "assignee__first_name",
        "assignee__last_name", "assignee__email", "assignee__is_staff", "assignee__is_active", "assignee__date_joined",
    )
    change_list_template = "admin/triage/submission/change_list.html"  # rows by LeanChangeList
    paginator = CappedCountPaginator
    sortable_by = ()  # the triage order only: every list view reads it from an index
    search_fields = ("reference",)
    search_help_text = _("Reference, name, phone number or a complete personal identity number.")
    url_filters = ("items__serial_number",)  # a stolen phone's IMEI or a bicycle's frame number
    show_full_result_count = False
    # Facet counts ("Show counts") would count every row of each filter choice: seconds at 1 M.
    show_facets = admin.ShowFacets.NEVER
    # A name search shows at most this many hits (10 pages); more: "more than 1,000", narrow it.
    SEARCH_HITS_CAP = 1_000
    actions = ("assign_to_me", "mark_in_triage", "mark_closed", "priority_urgent", "priority_high", "priority_normal")
    inlines = (ItemInline, StatusChangeInline)
    change_form_template = "admin/triage/submission/change_form.html"
    fieldsets = (
        (_("Case"), {"fields": (
            "reference", "service_title", "status", "case_number", "priority_label", "region", "municipality_code",
            "created_at", "assignee", "language", "gate_outcome", "purged_at",
        )}),
        (_("Screening"), {"fields": ("screening_findings",)}),
        (_("Reporter"), {"fields": ("reporter_name", "personal_identity_number", "phone", "email")}),
        (_("Answers"), {"fields": ("answers_readable",)}),
        (_("Added later by the citizen"), {"fields": ("supplement_list",)}),
        (_("Attachments"), {"fields": ("attachment_links",)}),
        (_("Delivery to the case system"), {"fields": ("delivery_history",)}),
        (_("Assignments, region moves and internal notes"), {"fields": ("case_events",)}),
    )
    readonly_fields = (
        "reference", "service_title", "status", "case_number", "priority_label", "region", "municipality_code",
        "created_at", "assignee", "language", "gate_outcome", "purged_at", "screening_findings",
        "reporter_name", "personal_identity_number", "phone", "email",
        "answers_readable", "supplement_list", "attachment_links", "delivery_history", "case_events",
    )

    # --- the list -------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = self.model._default_manager.get_queryset().select_related("gate_record")
        return selectors.submission_triage_list(queryset=queryset)

    def get_ordering(self, request):
        return TRIAGE_ORDER

    def get_changelist(self, request, **kwargs):
        return LeanChangeList

    def action_checkbox(self, obj):
        """The same checkbox as Django's, written directly: rendering a form widget through its
        template for each of the 100 rows was a large part of the list page's time."""
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME, obj.pk, label,
        )

    @admin.display(description=_("service"), ordering="service")
    def service_title(self, obj):
        service = registry.get(obj.service)
        return service.title if service else obj.service

    @admin.display(description=_("priority"), ordering="priority")
    def priority_label(self, obj):
        try:
            return Priority(obj.priority).label
        except ValueError:
            return obj.priority

    @admin.display(description=_("flag"), ordering="flagged")
    def screening_flag(self, obj):
        """A visible flag with the words that raised it (reports.screening); the reasons on hover."""
        if not obj.flagged:
            return ""
        return _screening_flag_html(get_language(), json.dumps(obj.screening or [], sort_keys=True))

    @admin.display(description=_("delivery"))
    def delivery_state(self, obj):
        status = getattr(obj, "delivery_status", "") or ""
        if not status:
            return "–"
        return _label(DeliveryStatus, status)

    def get_search_results(self, request, queryset, search_term):
        """Reference, phone and identity number exactly, the name by substring: one indexed query
        (``selectors.submission_search``).

        Every search is one audit row (``reports.triage.audit``), whatever it finds.
        """
        term = search_term.strip()
        if not term:
            return queryset, False
        results = selectors.submission_search(queryset=queryset, term=term)
        if selectors.submission_search_by_name(term):
            # The name index is read once: the hits' keys (at most the cap and one more, in no
            # order: PostgreSQL stops at the first ones it finds), then the page and the count by
            # key. Otherwise the page and the count would each look through the names again
            # (a whole name common in the data: ~60 ms each at 1 M rows), and a common surname's
            # count read 10,000 rows. More hits than the cap: the page is the search itself
            # (many hits: the first 100 in the triage order come early), counted as "more than".
            hits = list(results.order_by().values_list("pk", flat=True)[: self.SEARCH_HITS_CAP + 1])
            request.triage_search_hits = len(hits)
            if len(hits) <= self.SEARCH_HITS_CAP:
                results = queryset.filter(pk__in=hits)
        # Audited once per search by PersonalDataAdmin.changelist_view, not here per hit.
        return results, False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        found = getattr(request, "triage_search_hits", None)
        cap = self.SEARCH_HITS_CAP if found is not None else None
        return self.paginator(queryset, per_page, orphans, allow_empty_first_page, cap=cap, found=found)

    def audit_search_keys(self, term):
        return selectors.submission_search_keys(term)

    # --- actions --------------------------------------------------------------------------

    @admin.action(description=_("Assign to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        count = 0
        for submission in queryset.select_related(None):
            event = services.submission_assign(submission=submission, assignee=request.user, by=request.user)
            count += event is not None
        message = gettext("%(count)d reports assigned to you.") % {"count": count}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Priority: urgent"), permissions=["change"])
    def priority_urgent(self, request, queryset):
        self._bulk_priority(request, queryset, Priority.URGENT)

    @admin.action(description=_("Priority: high"), permissions=["change"])
    def priority_high(self, request, queryset):
        self._bulk_priority(request, queryset, Priority.HIGH)

    @admin.action(description=_("Priority: normal"), permissions=["change"])
    def priority_normal(self, request, queryset):
        self._bulk_priority(request, queryset, Priority.NORMAL)

    def _bulk_priority(self, request, queryset, priority):
        count = 0
        for submission in queryset.select_related(None):
            event = services.submission_priority_set(submission=submission, priority=priority, by=request.user)
            count += event is not None
        message = gettext("%(count)d reports now have the priority %(priority)s.") % {
            "count": count, "priority": Priority(priority).label,
        }
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Mark as in triage"), permissions=["change"])
    def mark_in_triage(self, request, queryset):
        self._bulk_status(request, queryset, SubmissionStatus.IN_TRIAGE)

    @admin.action(description=_("Close"), permissions=["change"])
    def mark_closed(self, request, queryset):
        self._bulk_status(request, queryset, SubmissionStatus.CLOSED)

    def _bulk_status(self, request, queryset, to_status):
        done, refused = 0, []
        for submission in queryset.select_related(None):
            try:
                services.submission_status_change(submission=submission, to_status=to_status, by=request.user)
                done += 1
            except ValidationError:
                refused.append(submission.reference)
        self.message_user(request, gettext("%(count)d reports changed.") % {"count": done}, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                gettext("Not allowed for: %(references)s") % {"references": ", ".join(refused)},
                messages.WARNING,
            )

    # --- the case page --------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        """Nothing on the form itself is editable: every change goes through a workflow service."""

    @admin.display(description=_("gate outcome"))
    def gate_outcome(self, obj):
        record = obj.gate_record
        if record is None:
            return "–"
        text = f"{_label(GateOutcome, record.outcome)} ({record.rule or '–'})"
        if record.changed_outcome:
            text += " · " + gettext("The first answer in the same session led elsewhere: %(outcome)s (%(rule)s)") % {
                "outcome": _label(GateOutcome, record.first_outcome), "rule": record.first_rule or "–",
            }
        return text

    @admin.display(description=_("screening"))
    def screening_findings(self, obj):
        return render_to_string("triage/screening.html", {"findings": screening_findings(obj)})

    @admin.display(description=_("answers"))
    def answers_readable(self, obj):
        service = registry.get(obj.service)
        if obj.purged_at:
            return gettext("Purged.")
        if service is None:
            return gettext("Unknown service: %(slug)s") % {"slug": obj.service}
        return render_to_string(
            "triage/answers.html", {"sections": answers_display(service=service, answers=obj.answers or {})}
        )

    @admin.display(description=_("supplements"))
    def supplement_list(self, obj):
        supplements = selectors.submission_supplements(submission=obj)
        return render_to_string("triage/supplements.html", {"supplements": supplements})

    @admin.display(description=_("attachments"))
    def attachment_links(self, obj):
        attachments = selectors.submission_attachments(submission=obj)
        return render_to_string("triage/attachments.html", {"attachments": [
            (reverse("triage:attachment", args=[a.pk]), a.original_name, a.content_type) for a in attachments
        ]})

    @admin.display(description=_("delivery history"))
    def delivery_history(self, obj):
        deliveries = selectors.submission_deliveries(submission=obj)
        return render_to_string("triage/deliveries.html", {"deliveries": deliveries})

    @admin.display(description=_("history"))
    def case_events(self, obj):
        events = CaseEvent.objects.filter(submission=obj).select_related("actor")
        return render_to_string("triage/case_events.html", {"events": events})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        submission = self.get_object(request, admin.utils.unquote(object_id)) if object_id else None
        can_change = submission is not None and self.has_change_permission(request, submission)
        if submission is not None and can_change:
            allowed = sorted(services.TRANSITIONS.get(submission.status, ()))
            extra_context.setdefault("status_form", StatusChangeForm(allowed=allowed, prefix="status"))
            extra_context.setdefault("region_form", RegionMoveForm(prefix="region"))
            extra_context.setdefault("note_form", CaseNoteForm(prefix="note"))
            extra_context["workflow_allowed"] = bool(allowed)
            extra_context["is_assigned_to_me"] = submission.assignee_id == request.user.pk
        next_case = selectors.submission_next_case(user=request.user, current=submission) if submission else None
        extra_context.update(
            show_save=False, show_save_and_continue=False, show_save_and_add_another=False, show_delete=False,
            can_change_case=can_change, title=gettext("Case"),
            next_case_url=reverse("admin:reports_submission_change", args=[next_case.pk]) if next_case else "",
        )
        return super().change_view(request, object_id, form_url, extra_context)  # audited by PersonalDataAdmin

    def audit_submission(self, obj):
        return obj

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name

        def wrap(view):  # the workflow's views only change things: POST only
            return self.admin_site.admin_view(require_POST(view))

        return [
            path("<int:pk>/tilldela/", wrap(self.assign_view), name="{}_{}_assign".format(*info)),
            path("<int:pk>/status/", wrap(self.status_view), name="{}_{}_status".format(*info)),
            path("<int:pk>/region/", wrap(self.region_view), name="{}_{}_region".format(*info)),
            path("<int:pk>/anteckning/", wrap(self.note_view), name="{}_{}_note".format(*info)),
            *super().get_urls(),
        ]

    def _workflow_submission(self, request, pk) -> Submission:
        submission = get_object_or_404(Submission, pk=pk)
        if not self.has_change_permission(request, submission):
            raise PermissionDenied
        return submission

    def _case_url(self, submission) -> str:
        return reverse("admin:reports_submission_change", args=[submission.pk])

    def _rerender(self, request, submission, **forms):
        """Show the case page again with the refused form's input and its errors."""
        get_request = copy(request)
        get_request.method = "GET"
        get_request.POST = QueryDict()
        summary = [entry for form in forms.values() for entry in error_summary(form)]
        response = self.change_view(
            get_request, str(submission.pk), extra_context={**forms, "error_summary": summary}
        )
        response.status_code = 400
        return response

    def assign_view(self, request, pk):
        submission = self._workflow_submission(request, pk)
        release = request.POST.get("release") == "1"
        assignee = None if release else request.user
        services.submission_assign(submission=submission, assignee=assignee, by=request.user)
        if release:
            msg = gettext("The report is no longer assigned.")
        else:
            msg = gettext("The report is assigned to you.")
        self.message_user(request, msg, messages.SUCCESS)
        return HttpResponseRedirect(self._case_url(submission))

    def status_view(self, request, pk):
        submission = self._workflow_submission(request, pk)
        allowed = sorted(services.TRANSITIONS.get(submission.status, ()))
        form = StatusChangeForm(request.POST, allowed=allowed, prefix="status")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.submission_status_change(
                    submission=submission, to_status=data["to_status"], by=request.user, note=data["note"],
                    case_number=data["case_number"], rejection_reason=data["rejection_reason"],
                )
            except ValidationError as error:
                form.add_error(FIELD_OF_REFUSAL.get(error.code), error)
            else:
                self.message_user(
                    request,
                    gettext("The status is now: %(status)s.")
                    % {"status": SubmissionStatus(data["to_status"]).label},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._case_url(submission))
        return self._rerender(request, submission, status_form=form)

    def region_view(self, request, pk):
        submission = self._workflow_submission(request, pk)
        form = RegionMoveForm(request.POST, prefix="region")
        if form.is_valid():
            try:
                services.submission_region_move(
                    submission=submission, to_region=form.cleaned_data["to_region"], by=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error("to_region", error)
            else:
                message = gettext("The report has been moved to another region.")
                self.message_user(request, message, messages.SUCCESS)
                return HttpResponseRedirect(self._case_url(submission))
        return self._rerender(request, submission, region_form=form)

    def note_view(self, request, pk):
        submission = self._workflow_submission(request, pk)
        form = CaseNoteForm(request.POST, prefix="note")
        if form.is_valid():
            services.case_note_add(submission=submission, by=request.user, text=form.cleaned_data["text"])
            self.message_user(request, gettext("The note has been added."), messages.SUCCESS)
            return HttpResponseRedirect(self._case_url(submission))
        return self._rerender(request, submission, note_form=form)


@admin.register(AuditRecord)
class AuditRecordAdmin(ReadOnlyAdminMixin, PersonalDataAdmin, admin.ModelAdmin):
    """Supervisors read the log; nobody adds, changes or deletes anything in it.

    Its search terms are personal data (identity numbers, names), so reading it is audited too.
    """

    personal_fields = ("detail",)
    list_shows_personal_data = True
    list_display = ("created_at", "user", "submission", "part", "target", "detail", "hits")
    list_filter = ("part", ("created_at", DateFieldListFilter))
    list_select_related = ("user", "submission")
    search_fields = ("submission__reference", "user__username")
    search_help_text = _("Reference of the report or username of the staff member.")
    list_per_page = 100
    date_hierarchy = "created_at"
    fields = ("created_at", "user", "submission", "part", "target", "detail", "hits")
    readonly_fields = fields


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "region")
    list_filter = ("region",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    search_fields = ("user__username", "user__first_name", "user__last_name")

