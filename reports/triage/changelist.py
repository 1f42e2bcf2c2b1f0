"""The triage list's rows, written in one pass per row instead of Django admin's per cell.

Django admin renders each cell of a list through ``items_for_result``: per cell it looks the
column up again (``lookup_field``, a ``FieldDoesNotExist`` for every admin method), rebuilds
the choices' dict and escapes through several lazy wrappers, and per row it reverses the
change URL and resolves it again to add the preserved filters. For the triage list's 100 rows
that was most of the page's time. ``LeanChangeList`` decides once per page how each column is
read and shown, then writes every row as one string. The HTML is Django's, cell for cell
(``tests/triage/test_admin.py`` compares the two); the page template
(``admin/triage/submission/change_list.html``) keeps Django's header and results template.

The page's query also leaves out what no row shows: the columns in ``list_deferred`` (the
answers: a few KB of JSON per report, decoded for nothing) and any join the admin's
``get_queryset`` adds for the case page (only ``list_select_related`` is joined).
"""
from __future__ import annotations

import datetime
import html
from urllib.parse import quote as url_quote

from django.contrib.admin.templatetags.admin_list import ResultList, _coerce_field_name, result_headers, result_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field, quote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe

# Stands for the row's primary key in the change URL built once per page.
_PK = "__pk__"


def _escaped(value) -> str:
    """``conditional_escape`` without its lazy-argument wrapper: the same text (Django's
    ``escape`` is ``html.escape`` of ``str``), for the thousand cells of a page."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class LeanChangeList(ChangeList):
    """A ChangeList whose page query reads only what the list shows, its rows written by ``rows()``."""

    def get_queryset(self, request, exclude_parameters=None):
        # The joins of list_select_related only, as Django applies them to a plain queryset.
        queryset = self.apply_select_related(super().get_queryset(request, exclude_parameters).select_related(None))
        # The admin's ``list_deferred``: columns no cell shows (an action's service reads its row
        # again, locked, before changing it). A column the list shows is never deferred: that
        # would cost a query per row.
        shown = {name for name in self.list_display if isinstance(name, str)}
        deferred = [name for name in getattr(self.model_admin, "list_deferred", ()) if name not in shown]
        return queryset.defer(*deferred) if deferred else queryset

    def results_context(self) -> dict:
        """The context of ``admin/change_list_results.html`` as Django's ``result_list`` gives it,
        each row one string (the template writes a row's items one after the other)."""
        if self.formset is not None or self.is_popup:
            return result_list(self)  # editable lists and pop-ups: Django's own, cell by cell
        headers = list(result_headers(self))
        return {
            "cl": self,
            "result_hidden_fields": [],
            "result_headers": headers,
            "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
            # Django's own row type: the template asks each row for ``form`` (None here), which
            # a plain list answered with an AttributeError and a dir() per row.
            "results": [ResultList(None, [row]) for row in self.rows()],
        }

    def rows(self) -> list[str]:
        """Each row's cells as Django's ``items_for_result`` writes them, joined into one string."""
        if not self.result_list:
            return []
        columns, first = [], True
        for index, name in enumerate(self.list_display):
            column = _Column(self, name, index, first_link_pending=first)
            first = first and not column.is_link
            column.prepare(self.result_list)
            columns.append(column)
        link = self._link_parts()
        pk_attname = self.lookup_opts.pk.attname
        rows = []
        for result in self.result_list:
            cells = []
            for column in columns:
                css, content = column.cell(result)
                if column.is_link and link is not None:
                    pk = url_quote(str(quote(getattr(result, pk_attname))), safe=RFC3986_SUBDELIMS + "/~:@")
                    content = f'<a href="{link[0]}{escape(pk)}{link[1]}">{content}</a>'
                cells.append(f"<{column.tag}{css}>{content}</{column.tag}>")
            # Safe: each cell's content went through conditional_escape, the link parts and the
            # key through escape, and the tags and classes are the list's own names, escaped once.
            rows.append(mark_safe("".join(cells)))  # noqa: S308
        return rows

    def _link_parts(self) -> tuple[str, str] | None:
        """The change URL with the preserved filters (``add_preserved_filters``), escaped, split
        where the row's key goes: built once for the page instead of reversed and resolved per row."""
        try:
            url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=(_PK,), current_app=self.model_admin.admin_site.name,
            )
        except NoReverseMatch:
            return None
        url = add_preserved_filters({"preserved_filters": self.preserved_filters, "opts": self.opts}, url)
        before, _pk, after = url.partition(_PK)
        return escape(before), escape(after)


class _Column:
    """One column of the list: how its value is read and shown, decided on the page's first row
    the way ``lookup_field`` and ``items_for_result`` decide it for every cell."""

    def __init__(self, changelist: ChangeList, name, index: int, *, first_link_pending: bool):
        self.model_admin = changelist.model_admin
        self.name = name
        self.classes = [f"field-{_coerce_field_name(name, index)}"]
        links = changelist.list_display_links
        self.is_link = links is not None and ((first_link_pending and not links) or name in links)
        self.tag = "th" if self.is_link and first_link_pending else "td"
        self.empty = self.model_admin.get_empty_value_display()
        # A row whose lookup raises ObjectDoesNotExist (a missing related row): Django's cell.
        self.missing = (f' class="{escape(self.classes[0])}"', _escaped(self.empty))
        self.always_missing = False
        self.field = None
        self.getter = None
        self.boolean = False
        self.choices = None
        self.plain_text = False
        self.css = ""
        self.translations: dict[int, tuple[Promise, str]] = {}

    def prepare(self, results) -> None:
        for result in results:
            try:
                field, attr, _value = lookup_field(self.name, result, self.model_admin)
            except ObjectDoesNotExist:
                continue  # Django shows the empty value for this row; the next row tells the column
            break
        else:  # every row's lookup failed: every cell is Django's empty value
            self.always_missing = True
            return
        self.empty = getattr(attr, "empty_value_display", self.empty)
        if field is None or field.auto_created:
            if self.name == "action_checkbox":
                self.classes = ["action-checkbox"]
            self.boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                self.boolean = getattr(attr.fget, "boolean", False)
            if callable(self.name):
                self.getter = self.name
            elif hasattr(self.model_admin, self.name) and self.name != "__str__":
                self.getter = getattr(self.model_admin, self.name)
            else:  # a model attribute or a related path: Django's own lookup for each row
                self.getter = lambda obj: lookup_field(self.name, obj, self.model_admin)[2]
        else:
            self.field = field
            if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
                self.classes.append("nowrap")
            if getattr(field, "flatchoices", None):
                try:  # the labels translated once for the page, not once per cell
                    self.choices = {value: str(label) for value, label in field.flatchoices}
                except TypeError:  # list-like choices: display_for_field's own handling per cell
                    self.choices = None
            else:  # text shown as it is (display_for_value's str), or the empty value
                self.plain_text = type(field) in (models.CharField, models.TextField, models.SlugField)
        self.css = f' class="{escape(" ".join(self.classes))}"'

    def _translated(self, lazy: Promise) -> str:
        """``str(lazy)``, remembered for the page. The lazy object is kept with its text, so its
        id cannot be reused by another object while the page is written."""
        known = self.translations.get(id(lazy))
        if known is None or known[0] is not lazy:
            known = self.translations[id(lazy)] = (lazy, str(lazy))
        return known[1]

    def cell(self, result) -> tuple[str, str]:
        """(the cell's class attribute, its escaped content)."""
        if self.always_missing:
            return self.missing
        try:
            return self._cell(result)
        except ObjectDoesNotExist:  # as items_for_result: the admin's empty value, the name's class only
            return self.missing

    def _cell(self, result) -> tuple[str, str]:
        css, field = self.css, self.field
        if field is None:
            value = self.getter(result)
            if isinstance(value, Promise):  # a lazy label: translated once for the page
                value = self._translated(value)
            if isinstance(value, str) and not self.boolean:
                shown = value if value.strip() else self.empty
            else:
                shown = display_for_value(value, self.empty, self.boolean)
                if isinstance(value, (datetime.date, datetime.time)):
                    css = f' class="{escape(" ".join([*self.classes, "nowrap"]))}"'
        elif isinstance(field.remote_field, models.ManyToOneRel):
            related = getattr(result, field.name)
            shown = self.empty if related is None else related
        elif self.plain_text:
            value = getattr(result, field.attname)
            shown = value if value and value.strip() else self.empty
        elif self.choices is not None:
            value = getattr(result, field.attname)
            shown = self.choices.get("" if isinstance(value, str) and value.strip() == "" else value, self.empty)
        else:
            value = getattr(result, field.attname)
            if isinstance(value, str) and value.strip() == "":
                value = ""
            shown = display_for_field(value, field, self.empty, avoid_link=self.is_link)
        return css, _escaped(shown)
