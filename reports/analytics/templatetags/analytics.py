"""``{% counterfactual_form submission %}``: the optional survey question on the receipt."""
from django import template

from reports.analytics.forms import CounterfactualForm
from reports.analytics.views import ANSWERED_KEY, SURVEY_ERROR_KEY

register = template.Library()


@register.inclusion_tag("analytics/counterfactual_form.html", takes_context=True)
def counterfactual_form(context, submission):
    request = context.get("request")
    session = getattr(request, "session", {}) if request is not None else {}
    reference = submission.reference
    error = session.get(SURVEY_ERROR_KEY) == reference
    if error:
        session.pop(SURVEY_ERROR_KEY, None)  # shown once, like a message
    form = CounterfactualForm()
    return {
        "reference": reference,
        "answered": reference in session.get(ANSWERED_KEY, []),
        "form": form,
        "error": error,
        "csrf_token": context.get("csrf_token"),
    }
