"""Step forms of the criminal-records extract (``reports.catalogue.register_extract``); the
e-ID "about you" step is ``IdentityContactForm`` in ``reports.forms.common``."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.forms.common import StepForm

EXTRACT_PURPOSES = (
    ("own", _("My own copy")),
    ("school", _("Work with children in school, preschool or school-age childcare")),
    ("care", _("Work in a care home for children (HVB) or in an activity under LSS")),
    ("foreign", _("For a foreign authority or a visa")),
    ("other_law", _("Another purpose that a law requires")),
)


class ExtractPurposeForm(StepForm):
    purpose = forms.ChoiceField(
        label=_("What do you need the extract for?"), choices=EXTRACT_PURPOSES, widget=forms.RadioSelect,
        help_text=_("Each purpose gives a different extract: it shows only what the law allows for that purpose."),
    )


SCHOOL_ACTIVITIES = (
    ("", _("Choose the kind of activity")),
    ("preschool", _("Preschool")),
    ("school", _("Compulsory school or upper secondary school")),
    ("after_school", _("School-age childcare (fritidshem)")),
    ("other_school", _("Other school activity, such as adult education for young people")),
)


class ExtractSchoolForm(StepForm):
    activity = forms.ChoiceField(label=_("Kind of activity"), choices=SCHOOL_ACTIVITIES)
    employer = forms.CharField(
        label=_("Name of the employer or the school"), max_length=200,
        help_text=_("The one who has asked for the extract."),
    )


CARE_ACTIVITIES = (
    ("", _("Choose the kind of activity")),
    ("hvb", _("Care home for children and young people (HVB)")),
    ("lss", _("Activity under LSS for children")),
)


class ExtractCareForm(StepForm):
    activity = forms.ChoiceField(label=_("Kind of activity"), choices=CARE_ACTIVITIES)
    employer = forms.CharField(
        label=_("Name of the employer or the care provider"), max_length=200,
        help_text=_("The one who has asked for the extract."),
    )


FOREIGN_PURPOSES = (
    ("", _("Choose a purpose")),
    ("visa", _("Visa")),
    ("residence", _("Residence or work permit")),
    ("adoption", _("Adoption")),
    ("other", _("Other")),
)


class ExtractForeignForm(StepForm):
    country = forms.CharField(label=_("Country"), max_length=100)
    foreign_purpose = forms.ChoiceField(label=_("What does the authority need it for?"), choices=FOREIGN_PURPOSES)
    authority = forms.CharField(
        label=_("Authority or embassy (optional)"), max_length=200, required=False,
    )


class ExtractOtherLawForm(StepForm):
    law = forms.CharField(
        label=_("Which law requires the extract?"), max_length=300,
        help_text=_("The one who asks for the extract can tell you, for example the name and number of the law."),
    )
    requester = forms.CharField(label=_("Who has asked for the extract?"), max_length=200)
