"""The analytics dashboard's small figure: gate decisions with and without the 114 14 wait shown."""
from django import template

from reports.phone_wait import nudge_figure

register = template.Library()


@register.inclusion_tag("analytics/phone_wait_figure.html")
def phone_wait_figure(figures):
    """``figures``: the dashboard's period and filter (reports.analytics.selectors.Figures)."""
    return {"rows": nudge_figure(start=figures.start, end=figures.end, service=figures.service)}
