"""Staff: offices with their weekly openings and closures, slots, bookings (attended/no-show)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.booking import services
from reports.booking.constants import BookingStatus
from reports.booking.models import Booking, Closure, Office, Slot, WeeklyTemplate
from reports.forms.validators import normalize_personal_identity_number
from reports.triage.audit import PersonalDataAdmin
from reports.triage.readonly import ReadOnlyAdminMixin


class WeeklyTemplateInline(admin.TabularInline):
    model = WeeklyTemplate
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "municipality_code", "is_active", "day_list_link"]
    list_filter = ["is_active"]
    search_fields = ["name_sv", "name_en", "address_sv", "address_en", "municipality_code"]
    # Each text in Swedish and English side by side: citizens see the one of the page's language.
    fields = [
        ("name_sv", "name_en"),
        ("address_sv", "address_en"),
        "municipality_code",
        ("opening_hours_sv", "opening_hours_en"),
        ("accessibility_sv", "accessibility_en"),
        "is_active",
    ]
    inlines = [WeeklyTemplateInline, ClosureInline]

    @admin.display(description=_("Day list"))
    def day_list_link(self, office):
        url = reverse("booking:day_list", args=[office.pk])
        return format_html('<a href="{}?datum={}">{}</a>', url, timezone.localdate().isoformat(), _("Today"))


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["first_day", "last_day", "office", "reason"]
    list_filter = ["office"]
    date_hierarchy = "first_day"


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "office", "capacity", "booked"]
    list_filter = ["office"]
    date_hierarchy = "starts_at"
    list_select_related = ["office"]
    readonly_fields = ["booked"]  # changes only through bookings, never by hand


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdminMixin, PersonalDataAdmin, admin.ModelAdmin):
    """Bookings hold names and identity numbers: every list, search and page is audited, the
    identity number is searched only when complete, and the citizen's manage link and code
    (which would let staff act as the citizen) are never shown."""

    # Bookings are made through the service, which enforces the rules; staff cancel or move them.
    never = ("add", "delete")
    personal_fields = ("name", "personal_identity_number", "email", "phone")
    secret_fields = ("manage_token", "manage_code")  # not even as a URL filter (reports.triage.audit)
    list_shows_personal_data = True  # the name column
    list_display = ["reference", "slot_time", "office", "people", "status", "name"]
    list_filter = ["status", "slot__office"]
    search_fields = ["reference", "name"]
    search_help_text = _("Reference, name or a complete personal identity number.")
    list_select_related = ["slot__office"]
    date_hierarchy = "created_at"
    actions = ["mark_attended", "mark_no_show", "cancel"]
    fields = [
        "reference", "slot", "status", "people", "personal_identity_number", "name", "email", "phone", "language",
        "created_at", "moved_at", "cancelled_at", "confirmation_sent_at", "cancellation_sent_at", "reminder_sent_at",
        "purged_at",
    ]
    readonly_fields = fields

    def get_search_results(self, request, queryset, search_term):
        """Reference and name by substring; an identity number only complete (normalised)."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if pin := self.audit_search_keys(term).get("personal_identity_number"):
            return queryset.filter(personal_identity_number=pin), False
        return queryset.filter(Q(reference__icontains=term) | Q(name__icontains=term)), False

    def audit_search_keys(self, term):
        """A complete identity number, as stored: the search looks it up, and the audit row
        records it before the term as typed (``reports.triage.audit``)."""
        try:
            return {"personal_identity_number": normalize_personal_identity_number(term.strip())}
        except ValidationError:
            return {}

    @admin.display(description=_("time"), ordering="slot__starts_at")
    def slot_time(self, booking):
        return timezone.localtime(booking.slot.starts_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description=_("office"))
    def office(self, booking):
        return booking.slot.office

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        count = services.booking_status_set(
            booking_ids=list(queryset.values_list("pk", flat=True)), status=BookingStatus.ATTENDED
        )
        self.message_user(request, _("%(count)s booking(s) marked as attended.") % {"count": count})

    @admin.action(description=_("Mark as no-show"), permissions=["change"])
    def mark_no_show(self, request, queryset):
        count = services.booking_status_set(
            booking_ids=list(queryset.values_list("pk", flat=True)), status=BookingStatus.NO_SHOW
        )
        self.message_user(request, _("%(count)s booking(s) marked as no-show.") % {"count": count})

    @admin.action(description=_("Cancel (frees the places)"), permissions=["change"])
    def cancel(self, request, queryset):
        done = 0
        for booking in queryset.filter(status=BookingStatus.ACTIVE):
            services.booking_cancel(booking=booking)
            done += 1
        self.message_user(request, _("%(count)s booking(s) cancelled.") % {"count": done}, messages.SUCCESS)
