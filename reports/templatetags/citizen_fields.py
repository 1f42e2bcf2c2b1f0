"""``{% citizen_field %}``: crispy's field.html for a citizen step's field (reports.forms.crispy_field)."""
from django import template
from django.utils.safestring import mark_safe

from reports.forms.crispy_field import field_html

register = template.Library()


@register.tag
def citizen_field(parser, token):
    return CitizenFieldNode()


class CitizenFieldNode(template.Node):
    def render(self, context):
        return mark_safe(field_html(context))  # noqa: S308 - escaped as crispy's templates escape
