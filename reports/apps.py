from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    label = "reports"
    verbose_name = _("E-reports")

    def ready(self) -> None:
        # E-services register themselves in the catalogue when their modules are imported.
        from reports.catalogue import load_services

        load_services()

        from reports.demo import demo_submissions
        from reports.management.commands.demo_data import DEMO_DATA_HOOKS

        if demo_submissions not in DEMO_DATA_HOOKS:
            DEMO_DATA_HOOKS.append(demo_submissions)

        from reports.management.commands.phone_wait_feed import demo_phone_wait

        if demo_phone_wait not in DEMO_DATA_HOOKS:
            DEMO_DATA_HOOKS.append(demo_phone_wait)  # after the demo reports: it times them
