from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "reports.delivery"
    label = "delivery"
    verbose_name = _("Case-system delivery")

    def ready(self) -> None:
        # Connectors register themselves when their module is imported. The outbox rows are
        # written by explicit delivery_create() calls (submission, supplement, booking) and
        # blanked by an explicit delivery_payloads_purge() call from the triage purge.
        from reports.delivery import connectors  # noqa: F401
