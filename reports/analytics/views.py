"""Views of analytics: the staff dashboard, its CSV, and the citizens' survey answer."""
from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from reports import selectors, session
from reports.analytics import callimport, services
from reports.analytics.constants import BOOKING_SERVICE, CallKind
from reports.analytics.forms import CallDataUploadForm, CounterfactualForm, DashboardForm
from reports.analytics.selectors import GATE_KINDS
from reports.analytics.tables import report_tables, tables_csv_rows
from reports.booking.models import Booking
from reports.catalogue import registry
from reports.forms.errors import error_summary
from reports.triage.access import staff_required

PERMISSION = "analytics.view_dashboard"
IMPORT_PERMISSION = "analytics.add_queueinterval"
ANSWERED_KEY = "counterfactual_answered"
SURVEY_ERROR_KEY = "counterfactual_error"


def _dashboard_form(request) -> DashboardForm:
    return DashboardForm.with_defaults(request.GET)


@staff_required(PERMISSION)
@require_GET
def dashboard(request):
    form = _dashboard_form(request)
    context = {"form": form, "error_summary": error_summary(form), "tables": []}
    if form.is_valid():
        figures, deflection, tables = report_tables(form.cleaned_data)
        context.update(figures=figures, deflection=deflection, tables=tables,
                       csv_query=request.GET.urlencode())
    return render(request, "analytics/dashboard.html", context)


@staff_required(PERMISSION)
@require_GET
def dashboard_csv(request):
    form = _dashboard_form(request)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    _figures, _deflection, tables = report_tables(form.cleaned_data)
    data = form.cleaned_data
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="analys-{data["start"]}-{data["end"]}.csv"'
    csv.writer(response).writerows(tables_csv_rows(tables))
    return response


@staff_required(IMPORT_PERMISSION)
def call_data_import(request):
    """Staff upload of the queue statistics: all rows imported, or every error listed."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = CallDataUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = callimport.import_bytes(form.cleaned_data["file"].read())
            for error in result.errors:
                form.add_error("file", error)
    else:
        form = CallDataUploadForm()
    context = {"form": form, "error_summary": error_summary(form), "result": result,
               "columns": callimport.COLUMNS}
    return render(request, "analytics/call_import.html", context)


def _survey_answer(request, *, key: str, service_slug: str, kind: str, back: str):
    """Store one answer per ``key`` (a receipt, a booking, a gate decision) and session."""
    answered = request.session.get(ANSWERED_KEY, [])
    if key in answered:
        return redirect(back)
    form = CounterfactualForm(request.POST, kind=kind)
    if not form.is_valid():
        request.session[SURVEY_ERROR_KEY] = key
        return redirect(back)
    services.counterfactual_answer_create(
        service_slug=service_slug, answer=form.cleaned_data["answer"], language=get_language() or "", kind=kind
    )
    request.session[ANSWERED_KEY] = [*answered, key]
    request.session.pop(SURVEY_ERROR_KEY, None)
    return redirect(back)


@require_POST
def counterfactual_answer(request, reference: str):
    """Store one anonymous answer for a receipt this browser session may see, once.

    The reference only proves the session saw that receipt; it is not stored with the
    answer, which keeps service, answer, day and language and nothing else.
    """
    submission = selectors.submission_for_receipt(
        reference=reference, allowed_references=session.receipts_allowed(request)
    )
    if submission is None:
        raise Http404
    back = reverse("reports:receipt", kwargs={"reference": reference}) + "#counterfactual"
    return _survey_answer(request, key=reference, service_slug=submission.service, kind=CallKind.REPORT, back=back)


@require_POST
def booking_answer(request, token: str):
    """The booking page's question. The unguessable link proves the booking; not stored."""
    booking = Booking.objects.filter(manage_token=token).only("pk").first()
    if booking is None:
        raise Http404
    back = reverse("booking:detail", args=[token]) + "#counterfactual"
    return _survey_answer(request, key=f"booking:{booking.pk}", service_slug=BOOKING_SERVICE,
                          kind=CallKind.BOOKING, back=back)


@require_POST
def gate_answer(request, service: str):
    """The question on an "another authority" or "something first" outcome page.

    Only a session whose own gate decision for this service had that outcome may answer,
    once per decision; the decision's record is not linked to the answer.
    """
    known = registry.get(service)
    state = session.gate_state(request, known) if known else None
    if not state:
        raise Http404
    kind = GATE_KINDS.get(session.outcome_for_state(known, state).kind)
    if kind is None:
        raise Http404
    back = reverse("reports:outcome", args=[known.slug]) + "#counterfactual"
    return _survey_answer(request, key=f"gate:{state.get('record')}", service_slug=known.slug, kind=kind,
                          back=back)
