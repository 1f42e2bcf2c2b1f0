from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "reports.booking"
    label = "booking"
    verbose_name = _("Passport appointments")

    def ready(self) -> None:
        from reports.signals import demo_data_requested

        demo_data_requested.connect(_demo_data, dispatch_uid="booking_demo_data")


def _demo_data(sender, *, stdout, **kwargs) -> None:
    from reports.booking.demo import booking_demo_data

    booking_demo_data(stdout)
