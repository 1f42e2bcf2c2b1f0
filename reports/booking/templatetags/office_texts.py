"""``{{ office|office_text:"name" }}``: an office text in the page's language, marked up with
its own language when that differs (an English address on an Arabic page), so that screen
readers pronounce it right and right-to-left pages keep its punctuation in place."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter
def office_text(office, field: str) -> str:
    text, language = office.text_and_language(field)
    if not text:
        return ""
    if language == (get_language() or "").split("-")[0]:
        return format_html("{}", text)
    return format_html('<span lang="{}" dir="ltr">{}</span>', language, text)
