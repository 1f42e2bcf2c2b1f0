"""The staff admin site: Django's admin with a second factor (TOTP, django-otp).

``reports.triage.apps.StaffAdminConfig`` (``django.contrib.admin`` with ``default_site``, in
INSTALLED_APPS) makes ``admin.site`` a ``StaffAdminSite``, so every ``ModelAdmin`` registered
anywhere is behind it. The second factor is required when
``settings.PORTAL_STAFF_OTP_REQUIRED`` is on (the default with DJANGO_DEBUG off); the value is
read on every request, so tests can switch it.
"""
from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm

from reports.triage.access import staff_otp_required, staff_verified


class StaffOTPAuthenticationForm(OTPAdminAuthenticationForm):
    """Password and a TOTP code on one page.

    A staff member with a single confirmed device does not have to pick it from a list
    first: that device is the one checked. With several, the list is shown as usual.
    """

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            if len(devices) == 1:
                device = devices[0]
        return device


class StaffAdminSite(AdminSite):
    site_header = _("Police e-services: staff")
    site_title = _("Police e-services: staff")
    index_title = _("Staff area")
    # The triage list needs the width (priority, assignee and delivery visible at 1280 px);
    # the header and the breadcrumbs lead between the staff areas.
    enable_nav_sidebar = False

    @property
    def login_form(self):
        return StaffOTPAuthenticationForm if staff_otp_required() else AdminAuthenticationForm

    @property
    def login_template(self):
        return "admin/triage/login_otp.html" if staff_otp_required() else None

    def has_permission(self, request) -> bool:
        """The staff guard (``reports.triage.access``): staff who have not passed the second
        factor are treated as not staff at all."""
        return staff_verified(request)
