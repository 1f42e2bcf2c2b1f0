"""Every admin page that shows personal data is a ``PersonalDataAdmin``: its reads are audited.

One row per read, written through ``services.audit_record_create`` (the one audit path):

* the change form (the record's page) when it is shown, whatever the method (a POST that
  fails validation shows the page again, as Django's admin does);
* the list, once per request and whatever the method, when it is searched (``?q=``), filtered
  on a personal field given in the URL (``?personal_identity_number__startswith=…``,
  ``?items__serial_number=…``), or when its columns themselves show personal data;
* never one row per hit: ``hits`` holds how many rows the list showed.

The row's ``detail`` holds the term as typed and the URL's filters, led by what the search
looked the term up by when it read it as a phone or identity number (``audit_search_keys``:
``phone=+46701234567; q=070-123 45 67``), so that purging that person's submission or booking
blanks it (``services.audit_terms_naming_purge``).
The other terms follow shortest first, each cut to ``TERM_CHARS``, so that a long term cannot
push a short, exact one out of the 200 characters. Fields that hold the citizen's own keys
(``secret_fields``: a booking's manage token and code) can never be a URL filter: probing them
row by row would rebuild the key.

Every other registered admin must be listed in ``NOT_PERSONAL_DATA`` with the reason: the
role × URL test walks the admin registry and fails on an admin that is in neither.
"""
from __future__ import annotations

from django.contrib.admin.views.main import IGNORED_PARAMS, SEARCH_VAR

from reports.triage import services
from reports.triage.constants import AuditPart

TERM_CHARS = 60  # of each search or filter term in an audit row's detail (200 characters in all)

# Admin pages (app_label.model_name) that show no citizen's personal data, and why.
NOT_PERSONAL_DATA: dict[str, str] = {
    "booking.office": "passport offices: names, addresses and opening hours",
    "booking.closure": "days offices are closed",
    "booking.slot": "times and counts, no person",
    "triage.staffprofile": "staff members' regions",
    "analytics.dashboard": "a link to the anonymous figures",
    "analytics.handletime": "minutes per kind of call (no person)",
    "analytics.queueinterval": "the contact centre's anonymous 15-minute queue statistics",
    "auth.user": "staff accounts (the staff member's own data, not a citizen's)",
    "auth.group": "roles",
    "otp_totp.totpdevice": "staff members' second-factor devices",
    "otp_static.staticdevice": "staff members' backup codes",
    "axes.accessattempt": "failed staff logins",
    "axes.accesslog": "staff logins",
    "axes.accessfailurelog": "failed staff logins",
}


class PersonalDataAdmin:
    """Mixin (before ``admin.ModelAdmin``) for admins whose pages show personal data."""

    #: Fields (or relations) holding personal data: a URL filter naming one is audited.
    personal_fields: tuple[str, ...] = ()
    #: Whether the list's columns show personal data (then every list view is audited).
    list_shows_personal_data: bool = False
    #: The audit part of the record's page.
    audit_page_part: str = AuditPart.RECORD
    #: Fields holding the citizen's own keys: never a URL filter (``lookup_allowed``).
    secret_fields: tuple[str, ...] = ()
    # Lookups staff may type into the URL beyond the list's own filters (audited like any other).
    url_filters: tuple[str, ...] = ()

    def lookup_allowed(self, lookup, value, request=None):
        if set(self.secret_fields).intersection(lookup.split("__")):
            return False  # Django answers 400
        if lookup.removesuffix("__exact") in self.url_filters:
            return True
        return super().lookup_allowed(lookup, value, request)

    def audit_submission(self, obj):
        """The submission a page is about, if any (for the audit row's link)."""
        return None

    def audit_search_keys(self, term: str) -> dict[str, str]:
        """The personal values the list's search looked ``term`` up by, as they are stored (a
        normalised phone or identity number), for the audit row: purging the person finds the
        row by the stored value, whatever form was typed."""
        return {}

    def page_shows_personal_data(self, request, obj) -> bool:
        return True

    def audit_target(self, obj=None) -> str:
        label = f"{self.opts.app_label}.{self.opts.model_name}"
        return f"{label}:{obj.pk}" if obj is not None else label

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}).get("original") if response.status_code == 200 else None
        if obj is not None and self.page_shows_personal_data(request, obj):  # the page was shown
            services.audit_record_create(
                user=request.user, part=self.audit_page_part, submission=self.audit_submission(obj),
                target=self.audit_target(obj),
            )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl") if response.status_code == 200 else None
        if changelist is not None:  # the list was shown (a POST without an action shows it too)
            self._audit_list(request, changelist)
        return response

    def personal_filters(self, request) -> dict[str, str]:
        """The URL's filter parameters that name a personal field anywhere in their path."""
        fields = set(self.personal_fields)
        return {
            key: value for key, value in request.GET.items()
            if key not in IGNORED_PARAMS and key != SEARCH_VAR and fields.intersection(key.split("__"))
        }

    def _audit_list(self, request, changelist) -> None:
        term = (changelist.query or "").strip()
        filters = self.personal_filters(request)
        if not (term or filters or self.list_shows_personal_data):
            return
        # What the search looked up first (never cut off by the detail's length), then the term
        # as typed and the filters, shortest first, each cut to TERM_CHARS.
        rest = sorted([*([(SEARCH_VAR, term)] if term else []), *filters.items()], key=lambda kv: len(kv[1]))
        terms = [*self.audit_search_keys(term).items(), *rest]
        detail = "; ".join(f"{key}={value[:TERM_CHARS]}" for key, value in terms)
        services.audit_record_create(
            user=request.user, part=AuditPart.SEARCH if term else AuditPart.LIST, target=self.audit_target(),
            detail=detail, hits=changelist.result_count,
        )
