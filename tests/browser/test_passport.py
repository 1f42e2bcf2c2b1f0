"""A citizen books, moves and cancels a passport time in Chromium with the test e-identification."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reports.booking.constants import BookingStatus
from reports.booking.models import Booking, Office, Slot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _office_with_slots():
    office = Office.objects.create(
        name_sv="Passexpeditionen Teststad",
        name_en="Passport office Teststad",
        address_sv="Storgatan 1, Teststad",
        address_en="Storgatan 1, Teststad, Sweden",
        municipality_code="0180",
        accessibility_sv="Entré i gatuplan",
        accessibility_en="Step-free entrance",
    )
    base = timezone.localtime(timezone.now() + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    slots = [
        Slot.objects.create(
            office=office,
            starts_at=base + timedelta(minutes=30 * i),
            ends_at=base + timedelta(minutes=30 * (i + 1)),
            capacity=2,
        )
        for i in range(3)
    ]
    return office, slots


@pytest.mark.parametrize("language", ["sv", "en"])
def test_book_move_and_cancel_a_passport_time(page, language):
    office, slots = _office_with_slots()
    prefix = "" if language == "sv" else "/en"

    page.goto(f"{prefix}/pass/")
    assert page.locator("html").get_attribute("lang") == language
    page.locator("main a[href$='/pass/kontor/']").click()
    # Identify with the test provider (its banner is on every page).
    page.locator("main form[action$='/e-legitimation/logga-in/'] button[type=submit]").click()
    assert page.locator(".eid-test-banner").is_visible()
    page.locator("input[value='198001010001']").check()
    page.locator("main form button[type=submit]").click()

    # Choose an office by searching for the municipality, with the keyboard.
    page.locator("#id_q").fill("Stockholm")
    page.locator("#id_q").press("Enter")
    page.locator(f"main a[href$='/kontor/{office.pk}/tider/']").click()
    page.locator("#id_people").select_option("2")
    page.locator("main form[method=get] button[type=submit]").click()
    page.locator("main a[href*='bekrafta/?slot=']").first.click()
    page.locator("#id_email").fill("anna@example.se")
    page.locator("main form button[type=submit]").click()

    reference = page.locator("[data-testid=reference]").inner_text()
    assert reference.startswith("PASS-")
    # The office's texts in the page's language, never the other one.
    shown, hidden = ("Passexpeditionen Teststad", "Passport office") if language == "sv" else (
        "Passport office Teststad", "Passexpeditionen")
    main = page.locator("main").inner_text()
    assert shown in main and hidden not in main
    assert ("Entré i gatuplan" if language == "sv" else "Step-free entrance") in main
    booking = Booking.objects.get(reference=reference)
    assert (booking.slot_id, booking.people, booking.status) == (slots[0].pk, 2, BookingStatus.ACTIVE)
    assert page.locator("main a[href$='kalender.ics']").count() == 1

    # Move to the last time of the day.
    page.locator("main a[href$='/flytta/']").click()
    page.locator(f"main a[href*='flytta/bekrafta/?slot={slots[2].pk}']").click()
    page.locator("main form button[type=submit]").click()
    booking.refresh_from_db()
    assert booking.slot_id == slots[2].pk
    assert [s.booked for s in Slot.objects.filter(office=office).order_by("starts_at")] == [0, 0, 2]
    assert page.locator("[data-testid=reference]").inner_text() == reference

    # Cancel: the places are free at once.
    page.locator("main a[href$='/avboka/']").click()
    page.locator("main form button.btn-danger").click()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert sum(Slot.objects.filter(office=office).values_list("booked", flat=True)) == 0
    assert page.locator("main a.btn-primary[href$='/pass/']").count() == 1

    # The same booking on an Arabic page: the office's English texts, marked as English
    # (left to right inside the right-to-left page).
    page.goto(f"/ar/pass/bokning/{booking.manage_token}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    name = page.locator("main [lang=en]", has_text="Passport office Teststad")
    assert name.count() == 1 and name.get_attribute("dir") == "ltr"
    assert "Passexpeditionen" not in page.locator("main").inner_text()
