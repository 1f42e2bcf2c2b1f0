from datetime import time, timedelta

import pytest
from django.utils import timezone

from reports.booking.models import Office, Slot, WeeklyTemplate
from reports.eid import Identity

PINS = ["198001010001", "197512311239", "199008152341", "201503103457", "201807044563"]


def person(pin: str = PINS[0], name: str = "Anna Andersson") -> Identity:
    return Identity(personal_identity_number=pin, name=name, provider="test", authenticated_at=timezone.now())


@pytest.fixture
def office(db):
    office = Office.objects.create(
        name_sv="Passexpeditionen Teststad", name_en="Passport office Teststad",
        address_sv="Storgatan 1", address_en="Storgatan 1, Sweden", municipality_code="0180",
        opening_hours_sv="Mån–fre 09.00–12.00.", opening_hours_en="Mon–Fri 9 am–12 noon.",
        accessibility_sv="Entré i gatuplan.", accessibility_en="Step-free entrance.",
    )
    for weekday in range(7):
        WeeklyTemplate.objects.create(
            office=office, weekday=weekday, start=time(9), end=time(12), slot_minutes=30, desks=2
        )
    return office


@pytest.fixture
def make_slot(office):
    def build(*, days: float = 2, capacity: int = 2, booked: int = 0, hours: int = 10) -> Slot:
        local = timezone.localtime(timezone.now() + timedelta(days=days))
        starts = (
            local.replace(hour=hours, minute=0, second=0, microsecond=0)
            if days >= 1
            else timezone.now() + timedelta(days=days)
        )
        return Slot.objects.create(
            office=office,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=30),
            capacity=capacity,
            booked=booked,
        )

    return build
