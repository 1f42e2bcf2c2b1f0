"""Step forms of the parking-damage report (``reports.catalogue.parking_damage``); the shared
steps live in ``reports.forms.common``.

Like every step form they only validate (see ``reports.forms.common``).
"""
from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.forms.common import StepForm, WhenWhereForm, cost_field
from reports.forms.fields import RegistrationNumberField

FUTURE_TIME_MESSAGE = _("The time cannot be in the future.")


class ParkedVehicleForm(WhenWhereForm):
    """The reporter's vehicle, where it was parked, and between which times."""

    place_kind = None
    what_happened = None
    registration_number = RegistrationNumberField(
        label=_("Your vehicle's registration number"), help_text=_("For example ABC 123.")
    )
    vehicle_description = forms.CharField(
        label=_("Make, model and colour (optional)"), max_length=200, required=False
    )

    field_order = [
        "registration_number", "vehicle_description", "date_from", "time_from", "date_to", "time_to",
        "municipality", "address",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "date_from": _("Parked from (date)"),
            "time_from": _("Parked from (time)"),
            "date_to": _("Parked until (date)"),
            "time_to": _("Parked until (time)"),
            "address": _("Where was it parked?"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["date_from"].help_text = _("When you left the vehicle. For example 28/11/2026.")
        self.fields["date_to"].help_text = _("When you found the damage.")
        self.fields["address"].help_text = _("The street address or the name of the car park, and the space.")
        self.fields["time_from"].required = True
        self.fields["time_to"].required = True

    def clean(self):
        cleaned = super().clean()
        now = timezone.localtime().replace(tzinfo=None)
        parts = [cleaned.get(n) for n in ("date_from", "time_from", "date_to", "time_to")]
        if None in parts or any(name in self.errors for name in ("date_from", "date_to")):
            return cleaned
        start = datetime.datetime.combine(parts[0], parts[1])
        end = datetime.datetime.combine(parts[2], parts[3])
        if start > now:
            self.add_error("time_from", FUTURE_TIME_MESSAGE)
        if end > now:
            self.add_error("time_to", FUTURE_TIME_MESSAGE)
        if end <= start and "date_to" not in self.errors:
            self.add_error("time_to", _("The end must be after the start."))
        return cleaned


class ParkingDamageForm(StepForm):
    """The damage, the other vehicle if it was seen, and any witnesses."""

    damage = forms.CharField(
        label=_("Describe the damage to your vehicle"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where on the vehicle, and what it looks like, for example a dent in the left rear door."),
    )
    other_registration_number = RegistrationNumberField(
        label=_("The other vehicle's registration number, if you know it (optional)"), required=False,
        help_text=_("For example from a note left on your vehicle or from a witness."),
    )
    other_vehicle_description = forms.CharField(
        label=_("Describe the other vehicle (optional)"), max_length=500, required=False,
        help_text=_("Make, model, colour, or paint left on your vehicle."),
    )
    estimated_cost_sek = cost_field(_("Estimated cost of the repair in SEK (optional)"))
    witnesses = forms.CharField(
        label=_("Witnesses (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The name and phone number of everyone who saw what happened, one per line."),
    )
