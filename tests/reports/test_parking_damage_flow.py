"""Parking damage end to end: registration numbers checked, a parking span that makes sense."""
import datetime

import pytest
from django.utils import timezone

from reports.models import Submission
from tests.reports.helpers import pass_gate, step_post
from tests.reports.service_walk import ABOUT_YOU, gate_answers, step_errors, submit, walk_to_check

pytestmark = pytest.mark.django_db

VEHICLE = {
    "fordonet-registration_number": "abc 123",
    "fordonet-vehicle_description": "Blue Volvo V70",
    "fordonet-date_from": "2026-11-20",
    "fordonet-time_from": "08:15",
    "fordonet-date_to": "2026-11-20",
    "fordonet-time_to": "16:40",
    "fordonet-municipality": "1280",
    "fordonet-address": "Parking garage Anna, level 2, space 214",
}
DAMAGE = {
    "skadan-damage": "A deep dent and scratches in the left rear door, with white paint in them.",
    "skadan-other_registration_number": "xyz-98a",
    "skadan-other_vehicle_description": "White van",
    "skadan-estimated_cost_sek": "9000",
    "skadan-witnesses": "Per Persson, 070-765 43 21, saw a white van reverse into the car.",
}


def test_parking_damage_completes_to_a_receipt(client, django_capture_on_commit_callbacks):
    check = walk_to_check(client, "parkeringsskada", [("fordonet", VEHICLE), ("skadan", DAMAGE), ("om-dig", ABOUT_YOU)])
    page = check.content.decode()
    assert "ABC123" in page and "XYZ98A" in page and "Per Persson" in page
    with django_capture_on_commit_callbacks(execute=True):
        receipt = submit(client, "parkeringsskada", check)
    submission = Submission.objects.get()
    assert submission.reference.startswith("PRK-") and submission.reference in receipt.content.decode()
    assert (submission.region, submission.municipality_code) == ("Syd", "1280")
    assert submission.answers["fordonet"] == {
        "registration_number": "ABC123",
        "vehicle_description": "Blue Volvo V70",
        "date_from": "2026-11-20",
        "time_from": "08:15:00",
        "date_to": "2026-11-20",
        "time_to": "16:40:00",
        "municipality": "1280",
        "address": "Parking garage Anna, level 2, space 214",
    }
    assert submission.answers["skadan"]["other_registration_number"] == "XYZ98A"
    assert submission.answers["skadan"]["witnesses"].startswith("Per Persson, 070-765 43 21")


def test_the_other_vehicle_is_optional(client):
    damage = {**DAMAGE, "skadan-other_registration_number": "", "skadan-other_vehicle_description": "",
              "skadan-witnesses": "", "skadan-estimated_cost_sek": ""}
    check = walk_to_check(client, "parkeringsskada", [("fordonet", VEHICLE), ("skadan", damage), ("om-dig", ABOUT_YOU)])
    submit(client, "parkeringsskada", check)
    assert Submission.objects.get().answers["skadan"]["other_registration_number"] == ""


def _in(minutes: int) -> tuple[str, str]:
    moment = timezone.localtime() + datetime.timedelta(minutes=minutes)
    return moment.date().isoformat(), moment.strftime("%H:%M")


TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def vehicle_span(start, end):
    return {
        "fordonet-date_from": start[0], "fordonet-time_from": start[1],
        "fordonet-date_to": end[0], "fordonet-time_to": end[1],
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fordonet-registration_number": ""}, "Fill in “Your vehicle's registration number”."),
        ({"fordonet-registration_number": "ABV 12O"}, "the letters I, Q and V are not used"),
        ({"fordonet-registration_number": "AB-12-34-56"}, "Enter a Swedish registration number"),
        ({"fordonet-time_from": ""}, "Fill in “Parked from (time)”."),
        ({"fordonet-date_to": TOMORROW}, "Parked until (date): The date cannot be in the future."),
        ({"fordonet-time_to": "07:00"}, "Parked until (date): The end must be after the start."),
        ({"fordonet-time_to": "08:15"}, "Parked until (time): The end must be after the start."),
        ({"fordonet-date_from": "2026-11-21"}, "The end must be after the start."),
        ({"fordonet-date_from": "2025-01-01"}, "The span can be at most one year."),
        ({"fordonet-municipality": "9999"}, "Choose one of the answers shown for “Municipality”."),
        ({"fordonet-address": ""}, "Fill in “Where was it parked?”."),
    ],
)
def test_vehicle_and_parking_span_validation(client, changes, message):
    pass_gate(client, "parkeringsskada", gate_answers("parkeringsskada"), "/en")
    page = step_errors(client, "parkeringsskada", "fordonet", {**VEHICLE, **changes})
    assert message in page
    assert 'value="Blue Volvo V70"' in page  # nothing typed is lost


def test_a_time_later_today_is_in_the_future(client):
    pass_gate(client, "parkeringsskada", gate_answers("parkeringsskada"), "/en")
    start, end = _in(-120), _in(+90)
    page = step_errors(client, "parkeringsskada", "fordonet", {**VEHICLE, **vehicle_span(start, end)})
    if end[0] == timezone.localdate().isoformat():
        assert "Parked until (time): The time cannot be in the future." in page
    else:  # run just before midnight: the end falls on tomorrow's date
        assert "Parked until (date): The date cannot be in the future." in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"skadan-damage": ""}, "Fill in “Describe the damage to your vehicle”."),
        ({"skadan-other_registration_number": "Q"}, "Enter a Swedish registration number"),
        ({"skadan-estimated_cost_sek": "lots"}, "Write “Estimated cost of the repair in SEK (optional)” as a whole"),
    ],
)
def test_damage_validation(client, changes, message):
    pass_gate(client, "parkeringsskada", gate_answers("parkeringsskada"), "/en")
    step_post(client, "parkeringsskada", "fordonet", VEHICLE, "/en")
    page = step_errors(client, "parkeringsskada", "skadan", {**DAMAGE, **changes})
    assert message in page
