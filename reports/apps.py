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
        from django.apps import apps

        if apps.is_installed("reports.triage"):  # supplements' text goes with the purged submission
            from reports.status import supplements_purge
            from reports.triage import services as triage_services

            if supplements_purge not in triage_services.submission_purged_hooks:
                triage_services.submission_purged_hooks.append(supplements_purge)
