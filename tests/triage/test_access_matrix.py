"""Role × URL: every staff page, admin or not, is behind the one guard, lets in exactly the
roles that need it, and writes one audit row per read of personal data.

The pages are enumerated from the URL resolver and the admin registry, so a new page cannot
escape: an admin or a staff URL missing from the tables below fails the test.
"""
import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from reports.analytics.constants import CallKind
from reports.analytics.models import HandleTime, QueueInterval
from reports.booking import services as booking_services
from reports.booking.models import Closure
from reports.models import Attachment
from reports.triage.audit import NOT_PERSONAL_DATA, PersonalDataAdmin
from reports.triage.models import AuditRecord, StaffProfile
from reports.triage.roles import ADMINISTRATOR, ANALYST, PASSPORT_OFFICE, SUPERVISOR, TRIAGE_OFFICER
from reports.triage.services import audit_record_create
from tests.booking.conftest import make_slot, office, person  # noqa: F401 (fixtures)

from .conftest import PASSWORD, verified

pytestmark = pytest.mark.django_db

ROLES = {
    "analyst": ANALYST, "officer": TRIAGE_OFFICER, "supervisor": SUPERVISOR, "passport": PASSPORT_OFFICE,
    "administrator": ADMINISTRATOR,
}
EVERY = frozenset(ROLES)

# Who may open each admin page (its list and its records). Every registered admin is here.
ADMIN_VIEWERS = {
    "reports.submission": {"officer", "supervisor", "administrator"},
    "delivery.delivery": {"officer", "supervisor", "administrator"},
    "triage.auditrecord": {"supervisor", "administrator"},
    "triage.staffprofile": {"supervisor", "administrator"},
    "booking.booking": {"passport", "administrator"},
    "booking.office": {"passport", "administrator"},
    "booking.slot": {"passport", "administrator"},
    "booking.closure": {"passport", "administrator"},
    "analytics.dashboard": {"analyst", "supervisor", "administrator"},
    "analytics.handletime": {"analyst"},
    "analytics.queueinterval": {"analyst"},
    "auth.user": {"administrator"},
    "auth.group": {"administrator"},
    "otp_totp.totpdevice": {"administrator"},
    "otp_static.staticdevice": set(),
    "axes.accessattempt": {"administrator"},
    "axes.accesslog": set(),
    "axes.accessfailurelog": set(),
}
NO_RECORD_PAGE = {"analytics.dashboard"}  # a link on the index, not rows

# Staff pages outside the admin: who gets in, and whether each opening is audited.
STAFF_VIEWS = {
    "analytics:dashboard": ({"analyst", "supervisor", "administrator"}, False),
    "analytics:dashboard_csv": ({"analyst", "supervisor", "administrator"}, False),
    "analytics:call_data_import": ({"analyst"}, False),
    "triage:attachment": ({"officer", "supervisor", "administrator"}, True),
    "booking:day_list": ({"passport", "administrator"}, True),
}


def _patterns(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace, entry, prefix + str(entry.pattern)


def staff_url_names() -> tuple[set[str], set[str]]:
    """(admin URL names, other staff URL names: everything under a personal/ route)."""
    admin_names, other = set(), set()
    for namespace, entry, route in _patterns(get_resolver().url_patterns):
        if namespace == "admin":
            admin_names.add(f"admin:{entry.name}")
        elif "personal/" in route:
            other.add(f"{namespace}:{entry.name}")
    return admin_names, other


@pytest.fixture
def world(settings, make_submission, staff_user, office, make_slot, client):  # noqa: F811
    """One row of every admin's model, and a verified staff member per role."""
    settings.PORTAL_STAFF_OTP_REQUIRED = True
    submission = make_submission()
    attachment = Attachment(submission=submission, original_name="kvitto.pdf", content_type="application/pdf",
                            size=4, sha256="0" * 64)
    attachment.file.save("kvitto.pdf", ContentFile(b"%PDF"), save=True)
    booking = booking_services.booking_reserve(
        who=person(), slot_id=make_slot().pk, people=1, contact=booking_services.Contact(), language="sv"
    )
    Closure.objects.create(office=office, first_day=timezone.localdate(), last_day=timezone.localdate(), reason="x")
    users = {name: staff_user(role, name) for name, role in ROLES.items()}
    StaffProfile.objects.create(user=users["officer"], region="Syd")
    StaticDevice.objects.create(user=users["administrator"], name="backup")
    audit_record_create(user=users["officer"], part="search", detail="q=Anna", hits=1)
    _axes_rows()
    HandleTime.objects.create(kind=CallKind.REPORT, phone_minutes=20, back_office_minutes=2)
    QueueInterval.objects.create(starts_at=timezone.now().replace(minute=0, second=0, microsecond=0), offered=10,
                                 answered=9, abandoned=1, handle_seconds=300)
    return {"submission": submission, "attachment": attachment, "booking": booking, "office": office,
            "users": users}


def _axes_rows():
    """One row of each of django-axes' tables (a successful login would reset the attempts)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    common = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "someone", "http_accept": "*/*",
              "path_info": "/personal/login/", "attempt_time": timezone.now()}
    AccessAttempt.objects.create(**common, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**common)
    AccessFailureLog.objects.create(**common)


def audit_rows(user) -> int:
    return AuditRecord.objects.filter(user=user).count()


def test_every_registered_admin_is_declared():
    labels = {model._meta.label_lower for model in admin.site._registry}
    assert labels == set(ADMIN_VIEWERS)
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        personal = isinstance(model_admin, PersonalDataAdmin)
        assert personal != (label in NOT_PERSONAL_DATA), f"{label}: audited admin or listed as not personal"


def test_every_staff_url_outside_the_admin_is_declared():
    _admin_names, other = staff_url_names()
    assert other == set(STAFF_VIEWS)


def _sample_kwargs(entry, world) -> dict:
    samples = {
        "object_id": "1", "id": "1", "pk": world["attachment"].pk, "content_type_id": 1, "app_label": "reports",
        "office_id": world["office"].pk,
    }
    names = list(getattr(entry.pattern, "converters", {})) or list(entry.pattern.regex.groupindex)
    return {name: samples[name] for name in names}


def test_every_staff_url_sends_anonymous_and_unverified_staff_to_the_login(client, world, django_user_model):
    """Even a superuser who has not passed the second factor gets nothing anywhere."""
    django_user_model.objects.create_superuser("root", "root@example.se", PASSWORD)
    admin_names, other = staff_url_names()
    entries = {f"{ns}:{entry.name}": entry for ns, entry, _route in _patterns(get_resolver().url_patterns)}
    login = reverse("admin:login")
    checked = 0
    for who in ("anonymous", "unverified"):
        if who == "unverified":
            client.force_login(django_user_model.objects.get(username="root"))
        for name in sorted((admin_names | other) - {"admin:login"}):
            url = reverse(name, kwargs=_sample_kwargs(entries[name], world))
            response = client.get(url)
            assert response.status_code == 302, (who, name, response.status_code)
            # Logging out when not logged in leads to the index, which leads to the login.
            target = reverse("admin:index") if name == "admin:logout" else login
            assert response["Location"].startswith(target), (who, name, response["Location"])
            checked += 1
    assert not AuditRecord.objects.exclude(part="search").exists()
    assert checked > 100  # every model's list, add, change, history, delete and custom pages


def _admin_urls(model, model_admin):
    info = model._meta.app_label, model._meta.model_name
    urls = {"list": reverse("admin:{}_{}_changelist".format(*info))}
    label = model._meta.label_lower
    if label not in NO_RECORD_PAGE:
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the fixture needs a row of {label}"
        urls["record"] = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
    return urls


@pytest.mark.parametrize("role", sorted(ROLES))
def test_admin_pages_per_role_and_their_audit_rows(client, world, role):
    user = world["users"][role]
    verified(client, user)
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        allowed = role in ADMIN_VIEWERS[label]
        personal = isinstance(model_admin, PersonalDataAdmin)
        for page, url in _admin_urls(model, model_admin).items():
            before = audit_rows(user)
            response = client.get(url)
            if not allowed:
                assert response.status_code == 403, (role, label, page, response.status_code)
                assert audit_rows(user) == before
                continue
            expected = 302 if label == "analytics.dashboard" else 200
            assert response.status_code == expected, (role, label, page, response.status_code)
            if not personal:
                assert audit_rows(user) == before, (role, label, page)
            elif page == "record":
                shown = model_admin.page_shows_personal_data(_request(user), response.context["original"])
                assert audit_rows(user) == before + shown, (role, label, page)
            else:
                assert audit_rows(user) == before + model_admin.list_shows_personal_data, (role, label, page)
            if personal and page == "list":
                _searches_and_filters_audited_once(client, user, model_admin, url)


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def _searches_and_filters_audited_once(client, user, model_admin, url):
    before = audit_rows(user)
    if model_admin.search_fields:
        assert client.get(url, {"q": "Anna"}).status_code == 200
        before += 1
        assert audit_rows(user) == before
        record = AuditRecord.objects.filter(user=user).latest("pk")
        assert (record.part, record.detail) == ("search", "q=Anna")
    field = model_admin.personal_fields[0]
    response = client.get(url, {f"{field}__isnull": "False"})
    if field == "payload" and not user.has_perm("delivery.view_payload"):
        assert response.status_code == 400  # filtering on the payload would read it
        assert audit_rows(user) == before
        return
    assert response.status_code == 200
    assert audit_rows(user) == before + 1
    assert AuditRecord.objects.filter(user=user).latest("pk").detail == f"{field}__isnull=False"


def test_delivery_payload_only_for_roles_that_need_it(client, world):
    submission = world["submission"]
    from reports.delivery.models import Delivery

    delivery = Delivery.objects.get(source_kind="submission", source_id=submission.pk)
    url = reverse("admin:delivery_delivery_change", args=[delivery.pk])
    for role, sees in (("officer", False), ("supervisor", True), ("administrator", True)):
        user = world["users"][role]
        content = verified(client, user).get(url).content.decode()
        assert ("198112189876" in content) is sees, role
        assert AuditRecord.objects.filter(user=user, part="payload", submission=submission).count() == int(sees)


def test_booking_admin_never_shows_the_manage_token_and_searches_complete_numbers_only(client, world):
    booking = world["booking"]
    user = world["users"]["passport"]
    verified(client, user)
    content = client.get(reverse("admin:booking_booking_change", args=[booking.pk])).content.decode()
    assert booking.personal_identity_number in content
    assert booking.manage_token not in content and booking.manage_code not in content
    list_url = reverse("admin:booking_booking_changelist")
    assert client.get(list_url, {"q": booking.personal_identity_number[:8]}).context["cl"].result_count == 0
    pin = booking.personal_identity_number
    assert client.get(list_url, {"q": f"{pin[2:8]}-{pin[8:]}"}).context["cl"].result_count == 1
    searches = AuditRecord.objects.filter(user=user, part="search").values_list("hits", flat=True)
    assert sorted(searches) == [0, 1]


def test_booking_actions_declare_the_change_permission():
    from reports.booking.models import Booking

    model_admin = admin.site._registry[Booking]
    for name in model_admin.actions:
        assert list(getattr(model_admin, name).allowed_permissions) == ["change"]


@pytest.mark.parametrize("role", sorted(ROLES))
def test_staff_views_outside_the_admin_per_role(client, world, role):
    user = world["users"][role]
    verified(client, user)
    urls = {
        "analytics:dashboard": reverse("analytics:dashboard"),
        "analytics:dashboard_csv": reverse("analytics:dashboard_csv"),
        "analytics:call_data_import": reverse("analytics:call_data_import"),
        "triage:attachment": reverse("triage:attachment", args=[world["attachment"].pk]),
        "booking:day_list": reverse("booking:day_list", args=[world["office"].pk])
        + f"?datum={world['booking'].slot.starts_at.date().isoformat()}",
    }
    assert set(urls) == set(STAFF_VIEWS)
    for name, (roles, audited) in STAFF_VIEWS.items():
        before = audit_rows(user)
        response = client.get(urls[name])
        if role not in roles:
            assert response.status_code == 403, (role, name, response.status_code)
            assert audit_rows(user) == before
            continue
        assert response.status_code == 200, (role, name, response.status_code)
        assert audit_rows(user) == before + audited, (role, name)


@pytest.mark.parametrize(("region", "status"), [("", 200), ("Stockholm", 200), ("Syd", 403)])
def test_day_list_only_for_the_offices_region(client, world, region, status):
    """The test office is in Stockholm (0180); staff of another region are refused."""
    user = world["users"]["passport"]
    if region:
        StaffProfile.objects.create(user=user, region=region)
    response = verified(client, user).get(reverse("booking:day_list", args=[world["office"].pk]))
    assert response.status_code == status
    if status == 200:
        record = AuditRecord.objects.get(user=user, part="day_list")
        assert record.target.startswith(f"booking.office:{world['office'].pk}:")


def test_dead_letter_retry_is_a_permission_of_a_role():
    from reports.delivery.models import Delivery

    supervisor = Group.objects.get(name=SUPERVISOR)
    officer = Group.objects.get(name=TRIAGE_OFFICER)
    codenames = set(supervisor.permissions.values_list("codename", flat=True))
    assert {"retry_delivery", "view_payload"} <= codenames
    assert not {"retry_delivery", "view_payload"} & set(officer.permissions.values_list("codename", flat=True))
    assert list(admin.site._registry[Delivery].retry_now.allowed_permissions) == ["retry"]


def test_no_staff_view_uses_a_guard_of_its_own():
    """``staff_member_required`` checks neither the second factor nor a permission."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root)) for folder in ("reports", "portal") for path in (root / folder).rglob("*.py")
        if "staff_member_required" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
