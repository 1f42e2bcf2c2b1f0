"""Save and continue later: the e-mail page, and opening the link (reports.resume.services)."""
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.security import personal_data
from reports import session
from reports.catalogue import registry
from reports.eid import identity
from reports.eid.session import login_redirect
from reports.forms.errors import error_summary
from reports.resume import services as resume
from reports.resume.forms import DraftSaveForm
from reports.views.catalogue import service_or_404
from reports.wizard.owners import OWNER_EXTRA_KEY, owned


@personal_data
def draft_save(request, service):
    service = service_or_404(service)
    data = request.session.get(resume.wizard_session_key(service))
    if not session.gate_passed(request, service) or not data or not data.get("step"):
        return redirect("reports:gate", service=service.slug)
    if service.requires_eid:
        # Answers of an e-ID service are only for the person who typed them (reports.wizard.owners).
        who = identity(request)
        if who is None:
            return login_redirect(request)
        if not owned(who, (data.get("extra_data") or {}).get(OWNER_EXTRA_KEY)):
            return redirect("reports:wizard_step", service=service.slug, step=data["step"])
    back_url = reverse("reports:wizard_step", kwargs={"service": service.slug, "step": data["step"]})
    form = DraftSaveForm(request.POST or None, days=settings.REPORT_DRAFT_DAYS)
    if request.method == "POST" and form.is_valid():
        _draft, sent = resume.draft_save(
            service=service,
            wizard_data=data,
            gate_state=session.gate_state(request, service),
            gate_attempts=session.gate_attempt_chain(request, service),
            language=get_language(),
            email=form.cleaned_data["email"],
        )
        if sent:
            context = {"service": service, "email": form.cleaned_data["email"], "back_url": back_url,
                       "days": settings.REPORT_DRAFT_DAYS}
            return render(request, "reports/draft_saved.html", context)
        form.add_error("email", _("We could not send the e-mail just now. Try again in a few minutes."))
    context = {"service": service, "form": form, "back_url": back_url, "error_summary": error_summary(form)}
    return render(request, "reports/draft_save.html", context)


def draft_resume(request, token):
    restored = resume.draft_restore(token=token)
    service = registry.get(restored.service) if restored else None
    if restored is None or service is None:
        # Unknown, expired and unreadable links get the same page: nothing tells them apart.
        return render(request, "reports/draft_unavailable.html", {"days": settings.REPORT_DRAFT_DAYS}, status=404)
    request.session[resume.wizard_session_key(service)] = restored.wizard_data
    started_by = (restored.wizard_data.get("extra_data") or {}).get(OWNER_EXTRA_KEY)
    if not service.requires_eid or owned(identity(request), started_by):
        session.gate_state_restore(request, service, restored.gate_state)
    # Else the gate's answers are its owner's, who is not identified here: whoever opened the
    # link answers the gate again (docs/eid.md); the run waits for its owner to identify.
    # The earlier tries' outcomes come back either way: a "call 112" stays flagged (safe side).
    session.gate_attempt_chain_restore(request, service, restored.gate_attempts)
    return redirect("reports:wizard_step", service=service.slug, step=restored.step)
