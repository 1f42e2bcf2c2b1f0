"""Demo data of staff triage for `make run` (DEBUG only: the demo_data command refuses otherwise)."""
from __future__ import annotations

from base64 import b32encode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from reports.constants import Region
from reports.triage.roles import TRIAGE_OFFICER, roles_setup

DEMO_OFFICER_USERNAME = "demo-handlaggare"


def totp_device_ensure(*, user, name: str = "demo"):
    """The user's confirmed TOTP device, created if missing (demo and tests)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
    return device


def triage_demo_data(stdout) -> None:
    """Groups, a TOTP device for the demo admin and a demo triage officer; prints the keys."""
    from reports.management.commands.demo_data import DEMO_PASSWORD, DEMO_USERNAME
    from reports.triage.models import StaffProfile

    if not settings.DEBUG:
        return
    roles_setup()
    user_model = get_user_model()
    officer, created = user_model.objects.get_or_create(
        username=DEMO_OFFICER_USERNAME, defaults={"is_staff": True, "email": "handlaggare@example.invalid"}
    )
    if created:
        officer.set_password(DEMO_PASSWORD)
        officer.save(update_fields=["password"])
    officer.groups.add(Group.objects.get(name=TRIAGE_OFFICER))
    StaffProfile.objects.get_or_create(user=officer, defaults={"region": Region.STOCKHOLM})
    for username in (DEMO_USERNAME, DEMO_OFFICER_USERNAME):
        user = user_model.objects.filter(username=username).first()
        if user is None:
            continue
        device = totp_device_ensure(user=user)
        stdout.write(
            f"TOTP for {username}: key (base32) {b32encode(device.bin_key).decode()}  "
            f"otpauth URI {device.config_url}"
        )
    otp = "required" if getattr(settings, "PORTAL_STAFF_OTP_REQUIRED", False) else "optional"
    stdout.write(f"Staff second factor is {otp} (PORTAL_STAFF_OTP_REQUIRED); "
                 f"triage officer login: {DEMO_OFFICER_USERNAME} / {DEMO_PASSWORD}")
