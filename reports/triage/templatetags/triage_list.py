"""``{% lean_result_list cl %}``: Django's ``{% result_list cl %}`` for a ``LeanChangeList``
(reports.triage.changelist): the same results template, the rows written in one pass each."""
from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

register = template.Library()


def _lean_result_list(cl):
    return cl.results_context()


@register.tag(name="lean_result_list")
def lean_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=_lean_result_list, template_name="change_list_results.html", takes_context=False,
    )
