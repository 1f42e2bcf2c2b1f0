"""The form renderer (``FORM_RENDERER``): Django's, with the plainest widget templates written
in Python (issue 13).

A wizard step page renders each ``<input>`` and ``<textarea>`` through Django's templates
(``input.html`` including ``attrs.html``, which loops over the attributes): about a tenth of a
step page's CPU for a handful of fields. ``FormRenderer`` writes the same HTML in Python for a
template it recognises by its source text, exactly as this Django version ships it:
``input.html``, the templates that only include it (``text.html``, ``email.html``,
``hidden.html``, ``checkbox.html`` …) and ``textarea.html``. Any other template, or one of
these whose source differs (an app overriding it, another Django version), is rendered by
Django's templates as before. tests/forms/test_renderer.py compares the HTML with Django's
for every widget of every step form and for odd values.
"""
from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

ATTRS = "django/forms/widgets/attrs.html"
INPUT = "django/forms/widgets/input.html"
TEXTAREA = "django/forms/widgets/textarea.html"

# The sources this module writes in Python, as Django 5.2 ships them.
KNOWN_SOURCES = {
    ATTRS: (
        "{% for name, value in widget.attrs.items %}{% if value is not False %} {{ name }}"
        "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}{% endfor %}"
    ),
    INPUT: (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"'
        "{% if widget.value != None %} value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
        '{% include "django/forms/widgets/attrs.html" %}>\n'
    ),
    TEXTAREA: (
        '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
        "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>\n"
    ),
}
INCLUDES_INPUT = '{% include "django/forms/widgets/input.html" %}\n'

_PLAIN_CONTEXT = Context(autoescape=True)  # what a widget template's context is: autoescaped, no l10n flags


def template_text(value) -> str:
    """``{{ value }}`` in a widget template."""
    if isinstance(value, str):
        return conditional_escape(value)
    return render_value_in_context(value, _PLAIN_CONTEXT)


def _string(value) -> str:
    """``{{ value|stringformat:'s' }}`` in a widget template (the filter keeps a safe value safe)."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031 - the filter's own formatting
    return text if isinstance(value, SafeData) else escape(text)


def attrs_html(attrs: dict) -> str:
    """``attrs.html``: `` name="value"``, a bare name for True, nothing for False."""
    return "".join(
        f" {template_text(name)}" if value is True else f' {template_text(name)}="{_string(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget: dict) -> str:
    value = widget["value"]
    value_html = f' value="{_string(value)}"' if value != None else ""  # noqa: E711 - the template's comparison
    name, attrs = template_text(widget["name"]), attrs_html(widget["attrs"])
    return f'<input type="{template_text(widget["type"])}" name="{name}"{value_html}{attrs}>'


def textarea_html(widget: dict) -> str:
    value = widget["value"]
    name, attrs = template_text(widget["name"]), attrs_html(widget["attrs"])
    return f'<textarea name="{name}"{attrs}>\n{template_text(value) if value else ""}</textarea>'


class FormRenderer(DjangoTemplates):
    """Django's ``DjangoTemplates`` form renderer; the templates named above are written in Python."""

    def __init__(self):
        super().__init__()
        self._writers: dict[str, object] = {}

    def render(self, template_name, context, request=None):
        try:
            write = self._writers[template_name]
        except KeyError:
            write = self._writers[template_name] = self._writer(template_name)
        if write is not None and context.keys() == {"widget"}:
            try:
                return write(context["widget"])
            except KeyError:  # a widget whose context lacks a key Django's widgets give
                pass
        return super().render(template_name, context, request)

    def _source(self, template_name: str) -> str | None:
        try:
            return self.get_template(template_name).template.source
        except Exception:  # noqa: BLE001 - not found or not a Django template: Django renders it
            return None

    def _writer(self, template_name: str):
        """The Python writer of ``template_name`` if its source (and what it includes) is the one
        this module knows; otherwise None: Django's templates render it."""
        if self._source(ATTRS) != KNOWN_SOURCES[ATTRS]:
            return None
        source = self._source(template_name)
        if template_name == TEXTAREA:
            return textarea_html if source == KNOWN_SOURCES[TEXTAREA] else None
        if source in (INCLUDES_INPUT, KNOWN_SOURCES[INPUT]) and self._source(INPUT) == KNOWN_SOURCES[INPUT]:
            return input_html
        return None
