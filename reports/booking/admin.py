"""Staff: offices with their weekly openings and closures, slots, bookings (attended/no-show)."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.booking import services
from reports.booking.constants import BookingStatus
from reports.booking.models import Booking, Closure, Office, Slot, WeeklyTemplate


class WeeklyTemplateInline(admin.TabularInline):
    model = WeeklyTemplate
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality_code", "is_active", "day_list_link"]
    list_filter = ["is_active"]
    search_fields = ["name", "address", "municipality_code"]
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
class BookingAdmin(admin.ModelAdmin):
    list_display = ["reference", "slot_time", "office", "people", "status", "name"]
    list_filter = ["status", "slot__office"]
    search_fields = ["reference", "name", "personal_identity_number"]
    list_select_related = ["slot__office"]
    date_hierarchy = "created_at"
    actions = ["mark_attended", "mark_no_show", "cancel"]
    readonly_fields = [f.name for f in Booking._meta.fields]

    def has_add_permission(self, request):
        return False  # bookings are made through the service, which enforces the rules

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("time"), ordering="slot__starts_at")
    def slot_time(self, booking):
        return timezone.localtime(booking.slot.starts_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description=_("office"))
    def office(self, booking):
        return booking.slot.office

    @admin.action(description=_("Mark as attended"))
    def mark_attended(self, request, queryset):
        count = services.booking_status_set(
            booking_ids=list(queryset.values_list("pk", flat=True)), status=BookingStatus.ATTENDED
        )
        self.message_user(request, _("%(count)s booking(s) marked as attended.") % {"count": count})

    @admin.action(description=_("Mark as no-show"))
    def mark_no_show(self, request, queryset):
        count = services.booking_status_set(
            booking_ids=list(queryset.values_list("pk", flat=True)), status=BookingStatus.NO_SHOW
        )
        self.message_user(request, _("%(count)s booking(s) marked as no-show.") % {"count": count})

    @admin.action(description=_("Cancel (frees the places)"))
    def cancel(self, request, queryset):
        done = 0
        for booking in queryset.filter(status=BookingStatus.ACTIVE):
            services.booking_cancel(booking=booking)
            done += 1
        self.message_user(request, _("%(count)s booking(s) cancelled.") % {"count": done}, messages.SUCCESS)
