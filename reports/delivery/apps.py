from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "reports.delivery"
    label = "delivery"
    verbose_name = _("Case-system delivery")

    def ready(self) -> None:
        # Connectors register themselves when their module is imported.
        from reports import services as report_services
        from reports.delivery import connectors  # noqa: F401
        from reports.delivery.hooks import submission_delivery_create

        if submission_delivery_create not in report_services.submission_created_hooks:
            report_services.submission_created_hooks.append(submission_delivery_create)
        if apps.is_installed("reports.triage"):
            from reports.delivery.services import delivery_payloads_purge
            from reports.triage import services as triage_services

            if delivery_payloads_purge not in triage_services.submission_purged_hooks:
                triage_services.submission_purged_hooks.append(delivery_payloads_purge)
