import re
from decimal import Decimal

from django import template
from django.urls import translate_url
from django.utils import formats

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code: str) -> str:
    """The current page in another language, so that switching keeps the user where they are."""
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language_code)


_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


@register.filter
def local_number(value):
    """A number kept as plain text ("0.500", "12345": tables and CSV share it) written as the
    page's language writes numbers ("0,500" and "12 345" in Swedish); other text unchanged."""
    text = str(value)
    if not _PLAIN_NUMBER.fullmatch(text):
        return value
    return formats.number_format(Decimal(text), decimal_pos=len(text.partition(".")[2]) or None,
                                 use_l10n=True, force_grouping=True)
