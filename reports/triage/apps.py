from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "reports.triage"
    label = "triage"
    verbose_name = _("Staff triage")

    def ready(self) -> None:
        from django.contrib import admin

        from reports.management.commands.demo_data import DEMO_DATA_HOOKS
        from reports.triage.demo import triage_demo_data
        from reports.triage.sites import StaffAdminSite

        # Every ModelAdmin, whoever registered it, sits behind the staff site's second factor.
        admin.site.__class__ = StaffAdminSite
        if triage_demo_data not in DEMO_DATA_HOOKS:
            DEMO_DATA_HOOKS.append(triage_demo_data)
        post_migrate.connect(_roles_after_migrate, dispatch_uid="triage_roles_after_migrate")


def _roles_after_migrate(sender, app_config=None, using="default", **kwargs) -> None:
    """Grant the roles' permissions once per migrate, after the last app's permissions exist."""
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label != last.label:
        return
    from reports.triage.roles import roles_setup

    roles_setup()
