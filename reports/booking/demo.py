"""Demo passport offices for a laptop (`make run`): three offices, weekday openings, slots."""

from datetime import time

from reports.booking.models import Office, WeeklyTemplate
from reports.booking.services import slots_generate

DEMO_OFFICES = (
    ("Passexpeditionen Stockholm City", "Kungsholmsgatan 43, 112 27 Stockholm", "0180", 3),
    ("Passexpeditionen Göteborg", "Ernst Fontells plats, 411 18 Göteborg", "1480", 2),
    ("Passexpeditionen Malmö", "Porslinsgatan 6, 211 32 Malmö", "1280", 2),
)


def booking_demo_data(stdout) -> None:
    for name, address, municipality_code, desks in DEMO_OFFICES:
        office, created = Office.objects.get_or_create(
            name=name,
            defaults={
                "address": address,
                "municipality_code": municipality_code,
                "opening_hours": "Mån–fre 09.00–16.00, tors till 18.00 / Mon–Fri 9–16, Thu until 18",
                "accessibility": "Entré i gatuplan, hörslinga vid disken. / Step-free entrance, hearing loop.",
            },
        )
        if created:
            WeeklyTemplate.objects.bulk_create(
                WeeklyTemplate(
                    office=office,
                    weekday=weekday,
                    start=time(9),
                    end=time(18 if weekday == 3 else 16),
                    slot_minutes=15,
                    desks=desks,
                )
                for weekday in range(5)
            )
    created_slots = slots_generate()
    stdout.write(f"Passport offices ready ({created_slots} new slots).")
