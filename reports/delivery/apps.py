from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "reports.delivery"
    label = "delivery"
    verbose_name = _("Case-system delivery")
