"""A link to the analytics dashboard on the staff site's index, without touching its templates.

The ``Dashboard`` proxy shows up under "Analytics" for staff holding
``analytics.view_dashboard``; opening it redirects to /personal/analys/.
"""
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from reports.analytics.models import Dashboard, HandleTime, QueueInterval
from reports.triage.readonly import ReadOnlyAdminMixin


@admin.register(Dashboard)
class DashboardLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.has_perm("analytics.view_dashboard")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("analytics.view_dashboard")

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return redirect("analytics:dashboard")


@admin.register(HandleTime)
class HandleTimeAdmin(admin.ModelAdmin):
    """Analysts edit the minutes per kind of call here; every figure then uses them."""

    list_display = ("kind", "service", "phone_minutes", "back_office_minutes", "source")
    list_filter = ("kind",)


@admin.register(QueueInterval)
class QueueIntervalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The imported queue statistics, read-only (import them from the dashboard's link); an
    analyst may still delete a bad import."""

    never = ("add", "change")

    list_display = ("starts_at", "offered", "answered", "abandoned", "handle_seconds")
    date_hierarchy = "starts_at"
