"""Staff roles as groups with permissions, defined once as data.

``roles_setup`` is idempotent and may run at any time: from the data migration (with the
historical models), after every ``migrate`` (post_migrate, when the permissions of apps that
migrate later exist too), from ``manage.py setup_roles`` and from ``demo_data``. A permission
that does not exist yet (an app that migrates later) is skipped now and added on the next
run.
"""
from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

TRIAGE_OFFICER = "Triage officer"
SUPERVISOR = "Supervisor"
ANALYST = "Analyst"
ADMINISTRATOR = "Administrator"
PASSPORT_OFFICE = "Passport office"

_CASE_WORK = (
    "reports.view_submission",
    "reports.change_submission",
    "reports.view_item",
    "reports.view_statuschange",
    "reports.view_gaterecord",
    "reports.view_attachment",
    "reports.view_supplement",
    "delivery.view_delivery",
    "triage.view_caseevent",
    "triage.view_statusdecision",
)
_SUPERVISION = (
    "triage.view_auditrecord",
    "triage.view_staffprofile",
    "triage.add_staffprofile",
    "triage.change_staffprofile",
    "analytics.view_dashboard",
    # Dead letters: see what was to be sent (audited) and send it again.
    "delivery.view_payload",
    "delivery.retry_delivery",
)
# The passport desk: the day list and the bookings (names, identity numbers; audited).
_PASSPORT_DESK = (
    "booking.view_office",
    "booking.view_slot",
    "booking.view_closure",
    "booking.view_booking",
    "booking.change_booking",
)
_ADMINISTRATION = (
    "auth.view_user",
    "auth.add_user",
    "auth.change_user",
    "auth.view_group",
    "triage.delete_staffprofile",
    "otp_totp.view_totpdevice",
    "otp_totp.add_totpdevice",
    "otp_totp.change_totpdevice",
    "otp_totp.delete_totpdevice",
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    "booking.add_office",
    "booking.change_office",
    "booking.add_closure",
    "booking.change_closure",
    "booking.delete_closure",
    "booking.add_weeklytemplate",
    "booking.change_weeklytemplate",
    "booking.delete_weeklytemplate",
)

# Analysts see figures only: no permission on submissions or anything holding personal data.
ROLES: dict[str, tuple[str, ...]] = {
    TRIAGE_OFFICER: _CASE_WORK,
    SUPERVISOR: _CASE_WORK + _SUPERVISION,
    ANALYST: ("analytics.view_dashboard", "reports.view_gaterecord", "analytics.view_handletime",
              "analytics.add_handletime", "analytics.change_handletime", "analytics.delete_handletime",
              "analytics.view_queueinterval", "analytics.add_queueinterval", "analytics.delete_queueinterval"),
    PASSPORT_OFFICE: _PASSPORT_DESK,
    ADMINISTRATOR: _CASE_WORK + _SUPERVISION + _PASSPORT_DESK + _ADMINISTRATION,
}


def roles_setup(*, group_model=None, permission_model=None) -> dict[str, int]:
    """Create the groups and grant each the permissions that exist; return the count per group.

    Only adds: permissions someone granted by hand are left alone, so running it again
    never takes anything away.
    """
    if group_model is None or permission_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    wanted = {perm for perms in ROLES.values() for perm in perms}
    found = {}
    for perm in permission_model.objects.filter(
        content_type__app_label__in={p.split(".")[0] for p in wanted},
        codename__in={p.split(".")[1] for p in wanted},
    ).select_related("content_type"):
        found[f"{perm.content_type.app_label}.{perm.codename}"] = perm
    counts = {}
    for name, perms in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        present = [found[p] for p in perms if p in found]
        group.permissions.add(*present)
        counts[name] = len(present)
    logger.info("roles_setup groups=%s", ",".join(f"{k}:{v}" for k, v in counts.items()))
    return counts
