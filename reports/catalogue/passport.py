"""Passport appointment (boka tid för pass): its own flow in reports.booking, no gate questions."""

from django.utils.translation import gettext_lazy as _

from reports.catalogue import Service, register
from reports.constants import Destination, ServiceGroup

PASSPORT = register(
    Service(
        slug="pass",
        group=ServiceGroup.APPLY,
        order=10,
        title=_("Book a passport appointment"),
        summary=_("Book, move or cancel a time at a police passport office, for yourself and your children."),
        call_instead=_("You need e-identification. You can have at most two booked times."),
        questions=(),
        rules=(),
        steps=(),
        destination=Destination.PASSPORT,
        reference_prefix="PASS",
        requires_eid=True,
        entry_url_name="booking:start",
        receipt_text=_("Your time is booked. Bring a valid ID document; every child must come in person."),
    )
)
