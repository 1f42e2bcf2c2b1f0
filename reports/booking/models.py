"""Passport offices, their weekly opening templates, closures, generated slots and bookings.

A slot carries its own ``capacity`` (the desks open at that time) and ``booked`` count; the
count changes only through a conditional UPDATE in ``services`` and a CHECK constraint
forbids ``booked > capacity``, so no code path can over-book a slot.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reports.booking.constants import BookingStatus, Weekday

# Office texts are kept in Swedish and English (docs/decisions/0014-issue14-office-texts-sv-en.md).
# A page in another citizen language (ar, so, fi, fa, uk) shows the English text: the page
# around it is translated from English and its reader has chosen not to read Swedish.
OFFICE_TEXT_LANGUAGES = ("sv", "en")
OFFICE_TEXT_FALLBACK = "en"


def office_text_language(language: str | None = None) -> str:
    """The language of office texts for ``language`` (default: the active one, else Swedish)."""
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in OFFICE_TEXT_LANGUAGES else OFFICE_TEXT_FALLBACK


def _in_page_language(field: str) -> property:
    def text(office: Office) -> str:
        return office.text(field)

    text.__doc__ = f"``{field}_sv`` or ``{field}_en``, in the active language (``Office.text``)."
    return property(text)


class Office(models.Model):
    """A passport office. Its texts are stored in Swedish and English; ``name``, ``address``,
    ``opening_hours`` and ``accessibility`` give them in the active language (``text``)."""

    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    address_sv = models.CharField(_("address (Swedish)"), max_length=300)
    address_en = models.CharField(_("address (English)"), max_length=300)
    municipality_code = models.CharField(_("municipality code"), max_length=4, db_index=True)
    opening_hours_sv = models.TextField(_("opening hours (Swedish)"), blank=True)
    opening_hours_en = models.TextField(_("opening hours (English)"), blank=True)
    accessibility_sv = models.TextField(_("accessibility (Swedish)"), blank=True)
    accessibility_en = models.TextField(_("accessibility (English)"), blank=True)
    is_active = models.BooleanField(_("open for booking"), default=True)

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("passport office")
        verbose_name_plural = _("passport offices")

    def __str__(self) -> str:
        return self.name

    name = _in_page_language("name")
    address = _in_page_language("address")
    opening_hours = _in_page_language("opening_hours")
    accessibility = _in_page_language("accessibility")

    def text(self, field: str, language: str | None = None) -> str:
        """``field`` in ``language`` (default: the active language; ``office_text_language``),
        or in the other of Swedish and English when that one is empty."""
        return self.text_and_language(field, language)[0]

    def text_and_language(self, field: str, language: str | None = None) -> tuple[str, str]:
        """``text(field, language)`` and the language it is written in ("sv" or "en"), for the
        ``lang`` attribute of a page in another language."""
        first = office_text_language(language)
        other = "en" if first == "sv" else "sv"
        if value := getattr(self, f"{field}_{first}"):
            return value, first
        return getattr(self, f"{field}_{other}"), other

    @property
    def municipality_name(self) -> str:
        from reports.municipalities import municipality

        found = municipality(self.municipality_code)
        return found.name if found else self.municipality_code


class WeeklyTemplate(models.Model):
    """Opening of one office on one weekday: slots of ``slot_minutes`` from ``start`` to ``end``."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="templates", verbose_name=_("office"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("first slot starts"))
    end = models.TimeField(_("last slot ends"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=15)
    desks = models.PositiveSmallIntegerField(_("desks"), default=1, help_text=_("People served at the same time."))

    class Meta:
        ordering = ["office", "weekday", "start"]
        verbose_name = _("weekly opening")
        verbose_name_plural = _("weekly openings")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_template_end_after_start"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="booking_template_slot_min_5"),
            models.CheckConstraint(condition=Q(desks__gte=1), name="booking_template_desks_min_1"),
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Closure(models.Model):
    """Days an office (or, without office, every office) is closed: holidays, training days."""

    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closures",
        verbose_name=_("office"),
        help_text=_("Leave empty to close every office (a public holiday)."),
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["first_day"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures and holidays")
        constraints = [
            models.CheckConstraint(condition=Q(last_day__gte=F("first_day")), name="booking_closure_order"),
        ]

    def __str__(self) -> str:
        return f"{self.office or _('All offices')}: {self.first_day}–{self.last_day} {self.reason}"


class Slot(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="slots", verbose_name=_("office"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    booked = models.PositiveSmallIntegerField(_("booked places"), default=0)

    class Meta:
        ordering = ["starts_at", "office"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.UniqueConstraint(fields=["office", "starts_at"], name="booking_slot_unique_start"),
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="booking_slot_not_overbooked"),
        ]
        indexes = [models.Index(fields=["office", "starts_at"], name="booking_slot_office_start")]

    def __str__(self) -> str:
        from django.utils import timezone

        return f"{self.office} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def free(self) -> int:
        return self.capacity - self.booked


class Booking(models.Model):
    """One appointment for ``people`` places (the person and their children) in one slot.

    ``manage_token`` (in the link) and ``manage_code`` (typed with the reference) let the person
    cancel or move the booking without identifying again; both are random and unguessable.
    """

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("time"))
    status = models.CharField(
        _("status"), max_length=16, choices=BookingStatus.choices, default=BookingStatus.ACTIVE, db_index=True
    )
    people = models.PositiveSmallIntegerField(_("number of people"))
    personal_identity_number = models.CharField(_("personal identity number"), max_length=12, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, default="sv")
    manage_token = models.CharField(max_length=64, unique=True, editable=False)
    manage_code = models.CharField(max_length=16, editable=False)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    moved_at = models.DateTimeField(_("moved at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # When each e-mail was sent (reports.booking.mail): a move clears the confirmation's and the
    # reminder's, as both are due again for the new time.
    confirmation_sent_at = models.DateTimeField(_("confirmation e-mail sent"), null=True, blank=True)
    cancellation_sent_at = models.DateTimeField(_("cancellation e-mail sent"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder e-mail sent"), null=True, blank=True)
    # Set when the personal data was blanked (``services.bookings_purge``).
    purged_at = models.DateTimeField(_("personal data purged"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("passport booking")
        verbose_name_plural = _("passport bookings")
        constraints = [models.CheckConstraint(condition=Q(people__gte=1), name="booking_people_min_1")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_active(self) -> bool:
        return self.status == BookingStatus.ACTIVE
