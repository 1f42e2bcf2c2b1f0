"""Views of analytics: the staff dashboard, its CSV, and the citizens' survey answer."""
from __future__ import annotations

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from reports import gatekeeping, selectors
from reports.analytics import services
from reports.analytics.forms import CounterfactualForm, DashboardForm
from reports.analytics.tables import report_tables, tables_csv_rows
from reports.triage.access import staff_required
from reports.views.errors import error_summary

PERMISSION = "analytics.view_dashboard"
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


@require_POST
def counterfactual_answer(request, reference: str):
    """Store one anonymous answer for a receipt this browser session may see, once.

    The reference only proves the session saw that receipt; it is not stored with the
    answer, which keeps service, answer, day and language and nothing else.
    """
    submission = selectors.submission_for_receipt(
        reference=reference, allowed_references=gatekeeping.receipts_allowed(request)
    )
    if submission is None:
        raise Http404
    back = reverse("reports:receipt", kwargs={"reference": reference}) + "#counterfactual"
    answered = request.session.get(ANSWERED_KEY, [])
    if reference in answered:
        return redirect(back)
    form = CounterfactualForm(request.POST)
    if not form.is_valid():
        request.session[SURVEY_ERROR_KEY] = reference
        return redirect(back)
    services.counterfactual_answer_create(
        service_slug=submission.service, answer=form.cleaned_data["answer"], language=get_language() or ""
    )
    request.session[ANSWERED_KEY] = [*answered, reference]
    request.session.pop(SURVEY_ERROR_KEY, None)
    return redirect(back)
