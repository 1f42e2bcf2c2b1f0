"""The optional survey question: ``{% counterfactual_form submission %}`` on the receipt,
``{% booking_counterfactual_form booking %}`` on a booking's page and
``{% gate_counterfactual_form service outcome %}`` on an "another authority" or "something
first" outcome page. One template; the question depends on the kind of call avoided."""
from django import template
from django.urls import reverse

from reports import session
from reports.analytics.constants import CallKind
from reports.analytics.forms import CounterfactualForm
from reports.analytics.selectors import GATE_KINDS
from reports.analytics.views import ANSWERED_KEY, SURVEY_ERROR_KEY

register = template.Library()


def _context(context, *, key: str, action: str, kind: str) -> dict:
    request = context.get("request")
    session = getattr(request, "session", {}) if request is not None else {}
    error = session.get(SURVEY_ERROR_KEY) == key
    if error:
        session.pop(SURVEY_ERROR_KEY, None)  # shown once, like a message
    return {
        "action": action,
        "answered": key in session.get(ANSWERED_KEY, []),
        "form": CounterfactualForm(kind=kind),
        "error": error,
        "csrf_token": context.get("csrf_token"),
        "show": True,
    }


@register.inclusion_tag("analytics/counterfactual_form.html", takes_context=True)
def counterfactual_form(context, submission):
    action = reverse("analytics_public:counterfactual_answer", kwargs={"reference": submission.reference})
    return _context(context, key=submission.reference, action=action, kind=CallKind.REPORT)


@register.inclusion_tag("analytics/counterfactual_form.html", takes_context=True)
def booking_counterfactual_form(context, booking):
    action = reverse("analytics_public:booking_answer", kwargs={"token": booking.manage_token})
    return _context(context, key=f"booking:{booking.pk}", action=action, kind=CallKind.BOOKING)


@register.inclusion_tag("analytics/counterfactual_form.html", takes_context=True)
def gate_counterfactual_form(context, service, outcome):
    kind = GATE_KINDS.get(outcome.kind)
    request = context.get("request")
    state = session.gate_state(request, service) if request is not None else None
    if kind is None or not state:
        return {"show": False}
    action = reverse("analytics_public:gate_answer", kwargs={"service": service.slug})
    return _context(context, key=f"gate:{state.get('record')}", action=action, kind=kind)
