"""Roles: groups with exactly the permissions their work needs; setting them up is idempotent."""
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from reports.triage.roles import ADMINISTRATOR, ANALYST, PASSPORT_OFFICE, SUPERVISOR, TRIAGE_OFFICER

pytestmark = pytest.mark.django_db


def perms(name):
    return {f"{p.content_type.app_label}.{p.codename}" for p in Group.objects.get(name=name).permissions.all()}


@pytest.mark.parametrize(
    ("role", "has", "lacks"),
    [
        (TRIAGE_OFFICER, {"reports.view_submission", "reports.change_submission"}, {"triage.view_auditrecord"}),
        (SUPERVISOR, {"reports.view_submission", "triage.view_auditrecord", "delivery.retry_delivery",
                      "delivery.view_payload"}, {"auth.change_user"}),
        (TRIAGE_OFFICER, {"delivery.view_delivery"}, {"delivery.view_payload", "delivery.retry_delivery",
                                                      "booking.view_booking"}),
        (PASSPORT_OFFICE, {"booking.view_booking", "booking.change_booking"}, {"reports.view_submission",
                                                                             "delivery.view_delivery"}),
        (ANALYST, {"reports.view_gaterecord"}, {"reports.view_submission", "reports.view_item",
                                                "triage.view_auditrecord"}),
        (ADMINISTRATOR, {"auth.change_user", "triage.view_auditrecord"}, {"triage.change_auditrecord"}),
    ],
)
def test_role_permissions(roles, role, has, lacks):
    granted = perms(role)
    assert has <= granted
    assert not (lacks & granted)


def test_setup_roles_is_idempotent(roles, capsys):
    before = {name: perms(name) for name in (TRIAGE_OFFICER, SUPERVISOR, ANALYST, ADMINISTRATOR)}
    call_command("setup_roles")
    assert "Supervisor:" in capsys.readouterr().out
    assert {name: perms(name) for name in before} == before
    assert Group.objects.filter(name__in=before).count() == 4


def test_audit_records_have_no_change_or_delete_permission(roles):
    from django.contrib.auth.models import Permission

    codenames = set(Permission.objects.filter(content_type__app_label="triage", content_type__model="auditrecord")
                    .values_list("codename", flat=True))
    assert codenames == {"view_auditrecord"}


def test_roles_exist_after_migrate_without_running_setup():
    """The data migration (and the post_migrate hook) created the groups in the test database."""
    names = {TRIAGE_OFFICER, SUPERVISOR, ANALYST, ADMINISTRATOR}
    assert set(Group.objects.filter(name__in=names).values_list("name", flat=True)) == names
    assert "reports.view_submission" in perms(TRIAGE_OFFICER)


def test_demo_data_gives_the_demo_admin_a_totp_device(settings, django_user_model):
    from io import StringIO

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from reports.management.commands.demo_data import DEMO_USERNAME
    from reports.triage.demo import DEMO_OFFICER_USERNAME, triage_demo_data

    settings.DEBUG = True
    django_user_model.objects.create_user(username=DEMO_USERNAME, is_staff=True, is_superuser=True)
    out = StringIO()
    triage_demo_data(out)
    triage_demo_data(out)  # idempotent
    assert TOTPDevice.objects.filter(user__username=DEMO_USERNAME, confirmed=True).count() == 1
    officer = django_user_model.objects.get(username=DEMO_OFFICER_USERNAME)
    assert officer.groups.filter(name=TRIAGE_OFFICER).exists()
    assert "otpauth://totp/" in out.getvalue()
    assert DEMO_USERNAME in out.getvalue()
