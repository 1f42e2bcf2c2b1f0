"""Status lookup and supplements for citizens (reports.status.services)."""
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.security import client_ip, personal_data
from reports import session
from reports.catalogue import registry
from reports.eid import identity
from reports.forms.errors import error_summary
from reports.ratelimit import COUNTER_UNAVAILABLE, CounterUnavailable
from reports.status import services as status
from reports.status.forms import StatusLookupForm, SupplementForm


def status_lookup(request):
    form = StatusLookupForm(request.POST or None)
    response_status = 200
    if request.method == "POST":
        reference = request.POST.get("reference", "")
        try:
            limited = status.lookup_rate_limited(ip=client_ip(request), reference=reference)
        except CounterUnavailable:
            form.is_valid()
            form.add_error(None, COUNTER_UNAVAILABLE)
            limited, response_status = None, 503
        if limited:
            form.is_valid()
            minutes = max(1, settings.STATUS_LOOKUP_WINDOW_SECONDS // 60)
            form.add_error(None, _("You have tried too many times. Wait %(minutes)s minutes and try again.")
                           % {"minutes": minutes})
            response_status = 429
        elif limited is False and form.is_valid():
            submission = status.submission_lookup(
                reference=form.cleaned_data["reference"], email=form.cleaned_data["email"]
            )
            if submission is not None:
                session.status_access_allow(request, submission.reference)
                return redirect("reports:status", reference=submission.reference)
            form.add_error(None, _(
                "We could not find a report with that reference and e-mail address. Check both and try again."
            ))
    context = {"form": form, "error_summary": error_summary(form)}
    response = render(request, "reports/status_lookup.html", context, status=response_status)
    if response_status == 503:
        response["Retry-After"] = "120"
    return response


def status_link(request, token):
    submission = status.status_link_read(token=token)
    if submission is None:
        messages.error(request, _("The link does not work any more. Enter your reference and e-mail address instead."))
        return redirect("reports:status_lookup")
    session.status_access_allow(request, submission.reference)
    return redirect("reports:status", reference=submission.reference)


@personal_data
def status_page(request, reference):
    identity(request)  # an identity idle too long ends first, and an e-ID case's access with it
    if not session.status_access_allowed(request, reference):
        return redirect("reports:status_lookup")
    submission = status.submission_for_status(reference=reference)
    if submission is None:
        return redirect("reports:status_lookup")
    allowed = status.supplement_allowed(submission=submission)
    form = SupplementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            status.supplement_create(
                submission=submission, text=form.cleaned_data["text"], attachments=form.cleaned_data["files"]
            )
        except status.SupplementRefused:  # closed or purged while the files were being checked
            messages.error(request, _(
                "The handling is finished, so information can no longer be added here. "
                "Call 114 14 if you have something to add."
            ))
            return redirect("reports:status", reference=submission.reference)
        messages.success(request, _("Thank you. What you added has been sent to the police."))
        return redirect("reports:status", reference=submission.reference)
    title, explanation = status.status_describe(submission=submission)
    context = {
        "submission": submission,
        "service": registry.get(submission.service),
        "status_title": title,
        "status_text": explanation,
        "supplements": submission.supplements.prefetch_related("attachments").order_by("created_at"),
        "form": form if allowed else None,
        "error_summary": error_summary(form) if allowed else [],
    }
    return render(request, "reports/status.html", context)
