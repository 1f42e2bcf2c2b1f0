from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "reports.booking"
    label = "booking"
    verbose_name = _("Passport appointments")

    def ready(self) -> None:
        from reports.booking.demo import booking_demo_data
        from reports.management.commands.demo_data import DEMO_DATA_HOOKS

        if booking_demo_data not in DEMO_DATA_HOOKS:
            DEMO_DATA_HOOKS.append(booking_demo_data)
