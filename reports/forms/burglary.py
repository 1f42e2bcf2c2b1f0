"""Step forms of the burglary report (``reports.catalogue.burglary``); the shared steps live in
``reports.forms.common``.

Like every step form they only validate (see ``reports.forms.common``).
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.forms.common import StepForm, cost_field, yes_no_field

ENTRY_POINTS = (
    ("", _("Choose how they got in")),
    ("door", _("Through a door")),
    ("window", _("Through a window")),
    ("wall_roof", _("Through a wall, the roof, the floor or a hatch")),
    ("no_damage", _("No visible way in, for example an unlocked door or a copied key")),
    ("unknown", _("I do not know")),
    ("other", _("Another way")),
)


class BreakInForm(StepForm):
    """How they got in, what was damaged, and whether anything was taken (the next step)."""

    entry_point = forms.ChoiceField(label=_("How did they get in?"), choices=ENTRY_POINTS)
    entry_description = forms.CharField(
        label=_("Describe how they got in (optional)"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the padlock was cut, or the window was pried open."),
    )
    damage = forms.CharField(
        label=_("What was damaged?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example a broken lock, door or window. Write “nothing” if nothing was damaged."),
    )
    damage_cost_sek = cost_field(_("Estimated cost of the damage in SEK (optional)"))
    anything_taken = yes_no_field(_("Was anything taken?"), _("If you answer yes, you list what was taken next."))
