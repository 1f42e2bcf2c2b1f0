"""The one guard in front of every staff page, admin or not.

A staff member gets in when all of these hold:

* an active account with ``is_staff``;
* a verified second factor (django-otp) whenever ``PORTAL_STAFF_OTP_REQUIRED`` is on;
* the page's permission (a role grants it, ``reports.triage.roles``);
* for pages about one region's data, the staff member's region (``StaffProfile.region``),
  unless they have none (national staff).

``StaffAdminSite.has_permission`` calls ``staff_verified`` and the admin's own per-model
permission checks follow it; every staff view outside the admin is wrapped in
``staff_required``. Failing the first two leads to the login page, failing the others is a 403.
"""
from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reports.triage.selectors import staff_region


def staff_otp_required() -> bool:
    """Read on every request, so tests (and operators) can switch it."""
    return bool(getattr(settings, "PORTAL_STAFF_OTP_REQUIRED", not settings.DEBUG))


def staff_verified(request) -> bool:
    """An active staff account that passed the second factor where one is required."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    if staff_otp_required():
        is_verified = getattr(user, "is_verified", None)
        return bool(is_verified and is_verified())
    return True


def region_allowed(*, user, region: str) -> bool:
    """Staff with a region in their profile see only that region's data; the rest see all."""
    own = staff_region(user=user)
    return not own or not region or own == region


def staff_required(permission: str, *, region_of=None):
    """Decorate a staff view: verified staff holding ``permission`` (and the region, if any).

    ``region_of(request, **kwargs)`` returns the region the page is about ("" for none); a
    staff member of another region gets a 403.
    """

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not staff_verified(request):
                return redirect_to_login(request.get_full_path(), reverse("admin:login"))
            if not request.user.has_perm(permission):
                raise PermissionDenied
            if region_of is not None and not region_allowed(user=request.user, region=region_of(request, **kwargs)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        guarded.staff_permission = permission
        return guarded

    return decorator
