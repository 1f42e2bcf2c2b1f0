"""Passport office texts are stored in Swedish and English and every booking page, e-mail and
calendar file shows the ones of its language; pages in ar/so/fi/fa/uk show the English
(docs/decisions/0014-issue14-office-texts-sv-en.md)."""

import pytest
from django.core import mail
from django.utils import translation

from reports.booking import services
from reports.booking.models import Office
from reports.delivery.models import Delivery
from tests.booking.conftest import person
from tests.booking.test_views import identified  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

SWEDISH = ("Passexpeditionen Teststad", "Mån–fre 09.00–12.00.", "Entré i gatuplan.")
ENGLISH = ("Passport office Teststad", "Storgatan 1, Sweden", "Mon–Fri 9 am–12 noon.", "Step-free entrance.")
PREFIX = {"sv": "", "en": "/en", "ar": "/ar", "fi": "/fi", "so": "/so"}


@pytest.mark.parametrize(
    ("language", "expected", "other", "marked"),
    [
        ("sv", SWEDISH, ENGLISH, False),
        ("en", ENGLISH, SWEDISH, False),
        ("ar", ENGLISH, SWEDISH, True),  # the other citizen languages: English, marked as such
        ("fi", ENGLISH, SWEDISH, True),
    ],
)
def test_offices_and_times_pages_show_the_office_texts_of_the_page_language(
    identified, office, make_slot, language, expected, other, marked  # noqa: F811
):
    make_slot()
    offices_html = identified.get(f"{PREFIX[language]}/pass/kontor/?q=Teststad").content.decode()
    assert [text for text in expected if text in offices_html] == list(expected)
    assert [text for text in other if text in offices_html] == []
    assert ('<span lang="en" dir="ltr">Passport office Teststad</span>' in offices_html) is marked

    times_html = identified.get(f"{PREFIX[language]}/pass/kontor/{office.pk}/tider/").content.decode()
    assert expected[0] in times_html and other[0] not in times_html


@pytest.mark.parametrize(("language", "name", "address"), [
    ("sv", "Passexpeditionen Teststad", "Storgatan 1"),
    ("en", "Passport office Teststad", "Storgatan 1, Sweden"),
    ("so", "Passport office Teststad", "Storgatan 1, Sweden"),
])
def test_booking_page_mails_and_calendar_follow_the_language(
    client, office, make_slot, celery_eager, django_capture_on_commit_callbacks, language, name, address
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_reserve(
            who=person(), slot_id=make_slot().pk, people=1,
            contact=services.Contact(email="anna@example.se"), language=language,
        )
    other_name = "Passexpeditionen Teststad" if language != "sv" else "Passport office Teststad"

    page = client.get(f"{PREFIX[language]}/pass/bokning/{booking.manage_token}/").content.decode()
    assert name in page and other_name not in page

    (message,) = mail.outbox
    assert f"{name}, {address}" in message.body and other_name not in message.body
    attachment = message.attachments[0][1]
    attachment = attachment.decode() if isinstance(attachment, bytes) else attachment
    unfolded = attachment.replace("\r\n ", "")
    assert "LOCATION:" + f"{name}, {address}".replace(",", "\\,") in unfolded
    assert other_name not in unfolded

    # The calendar file downloaded from a page is in that page's language.
    ical = client.get(f"/en/pass/bokning/{booking.manage_token}/kalender.ics").content.decode().replace("\r\n ", "")
    assert "Passport office Teststad" in ical and "Passexpeditionen" not in ical


def test_case_system_payload_carries_the_swedish_name_whatever_the_language(office, make_slot):
    booking = services.booking_reserve(
        who=person(), slot_id=make_slot().pk, people=1, contact=services.Contact(), language="en"
    )
    with translation.override("en"):
        services.booking_cancel(booking=booking)
    payloads = [d.payload for d in Delivery.objects.filter(source_id=booking.pk).order_by("pk")]
    assert [p["office"]["name"] for p in payloads] == ["Passexpeditionen Teststad"] * 2


def test_an_empty_text_falls_back_to_the_other_language(office):
    Office.objects.filter(pk=office.pk).update(opening_hours_en="", accessibility_sv="")
    office.refresh_from_db()
    assert office.text("opening_hours", "en") == "Mån–fre 09.00–12.00."
    assert office.text_and_language("accessibility", "sv") == ("Step-free entrance.", "en")
    with translation.override("uk"):
        assert (office.name, office.opening_hours) == ("Passport office Teststad", "Mån–fre 09.00–12.00.")


def test_offices_are_found_by_their_english_name_too(identified, office):  # noqa: F811
    assert "Passport office Teststad" in identified.get("/en/pass/kontor/?q=passport office").content.decode()
    assert "Passexpeditionen Teststad" in identified.get("/pass/kontor/?q=passport office").content.decode()


def test_admin_edits_both_languages(client, office):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("boss", "boss@example.se", "x" * 16))
    url = f"/en/personal/booking/office/{office.pk}/change/"
    form = client.get(url).content.decode()
    for field in ("name_sv", "name_en", "address_sv", "address_en", "opening_hours_sv", "opening_hours_en",
                  "accessibility_sv", "accessibility_en"):
        assert f'name="{field}"' in form, field
    data = {
        "name_sv": "Passexpeditionen Nya", "name_en": "New passport office",
        "address_sv": "Torget 2", "address_en": "Torget 2, Sweden", "municipality_code": "0180",
        "opening_hours_sv": "Mån 9–12", "opening_hours_en": "Mon 9 am–12 noon",
        "accessibility_sv": "Hiss", "accessibility_en": "Lift", "is_active": "on",
    }
    for prefix in ("templates", "closures"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    assert client.post(url, data).status_code == 302
    office.refresh_from_db()
    assert (office.text("name", "sv"), office.text("name", "en")) == ("Passexpeditionen Nya", "New passport office")
    assert (office.accessibility_sv, office.accessibility_en) == ("Hiss", "Lift")
    # Both names are required: a missing English name is refused next to its field.
    data["name_en"] = ""
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["adminform"].form.errors.keys() == {"name_en"}


def test_demo_offices_have_each_text_in_both_languages_and_a_second_run_rewrites_old_mixed_ones(settings):
    import io

    from reports.booking.demo import booking_demo_data

    # An office from an older demo run: one text mixing both languages.
    Office.objects.create(
        name_sv="Passexpeditionen Malmö", name_en="Passexpeditionen Malmö", address_sv="Porslinsgatan 6",
        address_en="Porslinsgatan 6", municipality_code="1280",
        opening_hours_sv="Mån–fre 09.00–16.00, tors till 18.00 / Mon–Fri 9–16, Thu until 18",
        opening_hours_en="Mån–fre 09.00–16.00, tors till 18.00 / Mon–Fri 9–16, Thu until 18",
    )
    booking_demo_data(io.StringIO())
    offices = list(Office.objects.order_by("name_sv"))
    assert len(offices) == 3
    for office in offices:
        assert office.name_sv.startswith("Passexpeditionen") and office.name_en.startswith("Passport office")
        assert "Mån" in office.opening_hours_sv and "Mon" in office.opening_hours_en
        assert "/" not in office.opening_hours_sv + office.opening_hours_en
        assert "Entré" in office.accessibility_sv and "Step-free" in office.accessibility_en
