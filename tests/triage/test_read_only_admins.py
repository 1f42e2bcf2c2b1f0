"""What no one may do on the staff site, whatever their permissions (reports/triage/readonly.py).

Even a superuser, who holds every permission, is refused exactly these actions; every other
action of the portal's own admins is left to permissions (and the role × URL test).
"""
import pytest
from django.contrib import admin
from django.test import RequestFactory

from reports.triage.readonly import ReadOnlyAdminMixin

pytestmark = pytest.mark.django_db

PORTAL_APPS = {"reports", "delivery", "triage", "booking", "analytics"}
ACTIONS = ("add", "change", "delete")

REFUSED = {
    "reports.submission": {"add", "delete"},  # from citizens only; purged, never deleted
    "delivery.delivery": {"add", "delete"},  # from the outbox; retrying is the change
    "booking.booking": {"add", "delete"},  # through the booking service only
    "triage.auditrecord": {"add", "change", "delete"},
    "analytics.dashboard": {"add", "change", "delete"},  # a link, not rows
    "analytics.queueinterval": {"add", "change"},  # imported; a bad import may be deleted
}
INLINES_REFUSED = {
    "reports.submission": {"ItemInline": set(ACTIONS), "StatusChangeInline": set(ACTIONS)},
    "delivery.delivery": {"DeliveryAttemptInline": set(ACTIONS)},
}


@pytest.fixture
def request_of_superuser(django_user_model):
    request = RequestFactory().get("/")
    request.user = django_user_model.objects.create_superuser("root", "root@example.invalid", "x")
    return request


def allowed(model_admin, action, request, *args) -> bool:
    return getattr(model_admin, f"has_{action}_permission")(request, *args)


def portal_admins():
    return {model._meta.label_lower: model_admin for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in PORTAL_APPS}


def test_the_tables_name_registered_admins():
    assert set(REFUSED) | set(INLINES_REFUSED) <= set(portal_admins())


def test_a_superuser_is_refused_exactly_the_declared_actions(request_of_superuser):
    for label, model_admin in portal_admins().items():
        refused = {action for action in ACTIONS if not allowed(model_admin, action, request_of_superuser)}
        assert refused == REFUSED.get(label, set()), label


def test_inlines_are_read_only_for_a_superuser(request_of_superuser):
    admins = portal_admins()
    for label, expected in INLINES_REFUSED.items():
        inlines = {type(inline).__name__: inline
                   for inline in admins[label].get_inline_instances(request_of_superuser)}
        assert set(inlines) >= set(expected), label
        for name, refused_actions in expected.items():
            inline = inlines[name]
            refused = {action for action in ACTIONS if not allowed(inline, action, request_of_superuser, None)}
            assert refused == refused_actions, (label, name)


@pytest.mark.parametrize(
    ("never", "expected"),
    [((), set()), (("add", "delete"), {"add", "delete"}), (("change",), {"change"})],
)
def test_the_mixin_refuses_only_what_never_names(request_of_superuser, never, expected):
    class Example(ReadOnlyAdminMixin, admin.ModelAdmin):
        pass

    from reports.triage.models import StaffProfile

    Example.never = never
    model_admin = Example(StaffProfile, admin.site)
    assert {action for action in ACTIONS if not allowed(model_admin, action, request_of_superuser)} == expected
