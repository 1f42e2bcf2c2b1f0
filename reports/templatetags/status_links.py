from django import template

register = template.Library()


@register.simple_tag
def status_link(submission) -> str:
    """The signed status-page link for a submission's confirmation e-mail (reports.status.services)."""
    from reports.status.services import status_link as build

    return build(submission=submission)
