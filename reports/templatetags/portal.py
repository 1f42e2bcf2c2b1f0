import re
from decimal import Decimal

from django import template
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import formats, translation
from django.utils.encoding import iri_to_uri

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code: str) -> str:
    """The current page in another language, so that switching keeps the user where they are."""
    request = context.get("request")
    if request is None:
        return "/"
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name is None or request.path != request.path_info:
        return translate_url(request.get_full_path(), language_code)
    # translate_url() without resolving the path again for each language of the menu: the
    # request's own match is what it would find (issue 13).
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with translation.override(language_code):
        try:
            path = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


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
