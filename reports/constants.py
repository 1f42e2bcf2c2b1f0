"""Statuses and other closed vocabularies of the portal."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class GateOutcome(models.TextChoices):
    E_SERVICE = "e_service", _("Suits the e-service")
    CALL_112 = "call_112", _("Call 112")
    CALL_11414 = "call_11414", _("Call 114 14")
    ELSEWHERE = "elsewhere", _("Another authority or organisation")
    PREREQUISITE = "prerequisite", _("Something must be done first")


class SubmissionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_TRIAGE = "in_triage", _("In triage")
    REGISTERED = "registered", _("Registered")
    NEEDS_CONTACT = "needs_contact", _("Needs contact")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")


# The staff's open work: not yet registered, rejected or closed. The triage list's default view
# and its partial indexes (``Submission.Meta.indexes``) use exactly this set.
TRIAGE_OPEN_STATUSES = (SubmissionStatus.RECEIVED, SubmissionStatus.IN_TRIAGE, SubmissionStatus.NEEDS_CONTACT)


class ServiceGroup(models.TextChoices):
    REPORT = "report", _("Report a crime")
    TIP = "tip", _("Leave a tip")
    APPLY = "apply", _("Book or apply")


class Region(models.TextChoices):
    """The seven police regions (polisregioner)."""

    STOCKHOLM = "Stockholm", _("Stockholm")
    MITT = "Mitt", _("Mitt")
    OST = "Öst", _("Öst")
    SYD = "Syd", _("Syd")
    VAST = "Väst", _("Väst")
    BERGSLAGEN = "Bergslagen", _("Bergslagen")
    NORD = "Nord", _("Nord")


class Destination(models.TextChoices):
    """Case systems a submission is delivered to."""

    CRIME_REPORTS = "crime_reports", _("Crime reports (national report register)")
    TIPS = "tips", _("Tips")
    PASSPORT = "passport", _("Passport bookings")
    REGISTER_EXTRACTS = "register_extracts", _("Criminal-records extracts")
    PERMITS = "permits", _("Permits")


class Language(models.TextChoices):
    """The portal's languages (settings.LANGUAGES): the pages, messages and e-mails."""

    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")
    FINNISH = "fi", _("Finnish")
    PERSIAN = "fa", _("Persian")
    UKRAINIAN = "uk", _("Ukrainian")
