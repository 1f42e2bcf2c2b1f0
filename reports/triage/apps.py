from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffAdminConfig(AdminConfig):
    """``django.contrib.admin`` with the staff site (second factor) as ``admin.site``.

    Listed in INSTALLED_APPS instead of ``django.contrib.admin``, so every ModelAdmin,
    whoever registers it, sits behind ``reports.triage.sites.StaffAdminSite``.
    """

    default_site = "reports.triage.sites.StaffAdminSite"


class TriageConfig(AppConfig):
    name = "reports.triage"
    label = "triage"
    verbose_name = _("Staff triage")

    def ready(self) -> None:
        from reports.signals import demo_data_requested

        demo_data_requested.connect(_demo_data, dispatch_uid="triage_demo_data")
        post_migrate.connect(_roles_after_migrate, dispatch_uid="triage_roles_after_migrate")


def _demo_data(sender, *, stdout, **kwargs) -> None:
    from reports.triage.demo import triage_demo_data

    triage_demo_data(stdout)


def _roles_after_migrate(sender, app_config=None, using="default", **kwargs) -> None:
    """Grant the roles' permissions once per migrate, after the last app's permissions exist."""
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label != last.label:
        return
    from reports.triage.roles import roles_setup

    roles_setup()
