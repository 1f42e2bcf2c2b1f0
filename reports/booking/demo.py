"""Demo passport offices for a laptop (`make run`): three offices, weekday openings, slots.

Every office text is given in Swedish and in English (pages in the other languages show the
English); running the demo data again rewrites the texts of offices it made before.
"""

from datetime import time

from reports.booking.models import Office, WeeklyTemplate
from reports.booking.services import slots_generate

OPENING_HOURS = {
    "opening_hours_sv": "Mån–fre 09.00–16.00, tors till 18.00.",
    "opening_hours_en": "Mon–Fri 9 am–4 pm, Thu until 6 pm.",
}
ACCESSIBILITY = {
    "accessibility_sv": "Entré i gatuplan, hörslinga vid disken.",
    "accessibility_en": "Step-free entrance, hearing loop at the desk.",
}
DEMO_OFFICES = (
    {
        "name_sv": "Passexpeditionen Stockholm City",
        "name_en": "Passport office Stockholm City",
        "address_sv": "Kungsholmsgatan 43, 112 27 Stockholm",
        "address_en": "Kungsholmsgatan 43, 112 27 Stockholm, Sweden",
        "municipality_code": "0180",
        "desks": 3,
    },
    {
        "name_sv": "Passexpeditionen Göteborg",
        "name_en": "Passport office Gothenburg",
        "address_sv": "Ernst Fontells plats, 411 18 Göteborg",
        "address_en": "Ernst Fontells plats, 411 18 Göteborg (Gothenburg), Sweden",
        "municipality_code": "1480",
        "desks": 2,
    },
    {
        "name_sv": "Passexpeditionen Malmö",
        "name_en": "Passport office Malmö",
        "address_sv": "Porslinsgatan 6, 211 32 Malmö",
        "address_en": "Porslinsgatan 6, 211 32 Malmö, Sweden",
        "municipality_code": "1280",
        "desks": 2,
    },
)


def booking_demo_data(stdout) -> None:
    for demo in DEMO_OFFICES:
        texts = {key: value for key, value in demo.items() if key not in ("name_sv", "desks")}
        office, created = Office.objects.update_or_create(
            name_sv=demo["name_sv"], defaults={**texts, **OPENING_HOURS, **ACCESSIBILITY}
        )
        if created:
            WeeklyTemplate.objects.bulk_create(
                WeeklyTemplate(
                    office=office,
                    weekday=weekday,
                    start=time(9),
                    end=time(18 if weekday == 3 else 16),
                    slot_minutes=15,
                    desks=demo["desks"],
                )
                for weekday in range(5)
            )
    created_slots = slots_generate()
    stdout.write(f"Passport offices ready ({created_slots} new slots).")
