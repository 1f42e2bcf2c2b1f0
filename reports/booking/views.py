"""The passport booking flow: thin views over ``services`` and ``selectors``.

Identify → choose an office → free times (earliest first, a week per page, for the number of
people) → confirm → confirmation. The booking's own page (reached by its secret link or by
reference + code) lets the person cancel or move without identifying again.
"""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.security import client_ip, personal_data
from reports.booking import selectors, services
from reports.booking.calendar import booking_ical
from reports.booking.forms import ContactForm, ManageLookupForm, OfficeSearchForm, PeopleForm
from reports.booking.models import Booking, Office, Slot
from reports.eid import eid_required, identity
from reports.forms.errors import error_summary
from reports.municipalities import region_for_municipality
from reports.ratelimit import COUNTER_UNAVAILABLE, CounterUnavailable
from reports.triage.access import staff_required
from reports.triage.constants import AuditPart
from reports.triage.services import audit_record_create

logger = logging.getLogger(__name__)


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _people(request) -> int:
    form = PeopleForm(request.GET or None)
    return form.cleaned_data["people"] if form.is_valid() else 1


def start(request):
    who = identity(request)
    return render(
        request,
        "booking/start.html",
        {
            "who": who,
            "bookings": selectors.bookings_of_person(who.personal_identity_number) if who else [],
            "max_active": settings.BOOKING_MAX_ACTIVE_PER_PERSON,
        },
    )


@eid_required
def offices(request):
    form = OfficeSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "booking/offices.html",
        {
            "form": form,
            "query": query,
            "offices": selectors.offices_search(query),
        },
    )


def _times_context(request, office: Office, *, people: int, choose_url_name: str, choose_args: list) -> dict:
    week = selectors.free_week(office=office, people=people, number=_int(request.GET.get("vecka")))
    earliest = selectors.earliest_free(office=office, people=people)
    return {
        "office": office,
        "people": people,
        "people_form": PeopleForm(initial={"people": people}),
        "week": week,
        "earliest": earliest,
        "earliest_week": selectors.week_number_of(earliest.starts_at) if earliest else None,
        "choose_url": reverse(choose_url_name, args=choose_args),
    }


@eid_required
def times(request, office_id: int):
    office = get_object_or_404(Office, pk=office_id, is_active=True)
    context = _times_context(
        request, office, people=_people(request), choose_url_name="booking:confirm", choose_args=[office.pk]
    )
    return render(request, "booking/times.html", context)


def _times_url(office_id: int, people: int, slot: Slot | None = None) -> str:
    query = {"people": people}
    if slot is not None:
        query["vecka"] = max(0, selectors.week_number_of(slot.starts_at))
    return f"{reverse('booking:times', args=[office_id])}?{urlencode(query)}"


@eid_required
@require_http_methods(["GET", "POST"])
@personal_data
def confirm(request, office_id: int):
    office = get_object_or_404(Office, pk=office_id, is_active=True)
    source = request.POST if request.method == "POST" else request.GET
    slot = Slot.objects.filter(pk=_int(source.get("slot")), office=office).first()
    people = _int(source.get("people"), 1)
    if slot is None:
        messages.error(request, _("Choose a time from the list."))
        return redirect(_times_url(office.pk, people))
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_reserve(
                who=identity(request),
                slot_id=slot.pk,
                people=people,
                contact=services.Contact(**form.cleaned_data),
                language=get_language(),
            )
        except services.BookingError as error:
            messages.error(request, error.message)
            if error.code == "limit_reached":
                return redirect("booking:start")
            return redirect(_times_url(office.pk, people if error.code != "too_many_people" else 1, slot))
        return redirect(f"{reverse('booking:detail', args=[booking.manage_token])}?ny=1")
    return render(
        request,
        "booking/confirm.html",
        {
            "office": office,
            "slot": slot,
            "people": people,
            "form": form,
            "error_summary": error_summary(form),
        },
    )


def _booking(token: str) -> Booking:
    return get_object_or_404(Booking.objects.select_related("slot__office"), manage_token=token)


@personal_data
def detail(request, token: str):
    booking = _booking(token)
    return render(
        request,
        "booking/detail.html",
        {
            "booking": booking,
            "slot": booking.slot,
            "office": booking.slot.office,
            "new": request.GET.get("ny") == "1",
            "can_change": booking.is_active and booking.slot.starts_at > timezone.now(),
        },
    )


@personal_data
def ical(request, token: str):
    booking = _booking(token)
    response = HttpResponse(booking_ical(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{booking.reference}.ics"'
    return response


@require_http_methods(["GET", "POST"])
@personal_data
def cancel(request, token: str):
    booking = _booking(token)
    if request.method == "POST":
        try:
            services.booking_cancel(booking=booking)
        except services.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your booking is cancelled. The time is free for someone else."))
        return redirect("booking:detail", token=token)
    return render(
        request,
        "booking/cancel.html",
        {"booking": booking, "slot": booking.slot, "office": booking.slot.office},
    )


@personal_data
def move(request, token: str):
    booking = _booking(token)
    if not booking.is_active:
        return redirect("booking:detail", token=token)
    context = _times_context(
        request, booking.slot.office, people=booking.people, choose_url_name="booking:move_confirm", choose_args=[token]
    )
    return render(request, "booking/times.html", {**context, "moving": booking})


@require_http_methods(["GET", "POST"])
@personal_data
def move_confirm(request, token: str):
    booking = _booking(token)
    source = request.POST if request.method == "POST" else request.GET
    slot = Slot.objects.filter(pk=_int(source.get("slot")), office=booking.slot.office).first()
    if slot is None or not booking.is_active:
        return redirect("booking:move", token=token)
    if request.method == "POST":
        try:
            services.booking_move(booking=booking, slot_id=slot.pk)
        except services.BookingError as error:
            messages.error(request, error.message)
            if error.code == "not_active":
                return redirect("booking:detail", token=token)
            return redirect(
                f"{reverse('booking:move', args=[token])}?vecka={max(0, selectors.week_number_of(slot.starts_at))}"
            )
        messages.success(request, _("Your booking has been moved to the new time."))
        return redirect("booking:detail", token=token)
    return render(
        request,
        "booking/move_confirm.html",
        {"booking": booking, "slot": slot, "office": booking.slot.office},
    )


def lookup(request):
    """Reach a booking with the reference and code from the confirmation (no e-identification)."""
    form = ManageLookupForm(request.POST or None)
    response_status = 200
    if request.method == "POST":
        try:
            limited = services.lookup_rate_limited(ip=client_ip(request), reference=request.POST.get("reference", ""))
        except CounterUnavailable:
            limited, response_status = None, 503
            form.is_valid()
            form.add_error(None, COUNTER_UNAVAILABLE)
        if limited:
            response_status = 429
            form.is_valid()
            minutes = max(1, settings.BOOKING_LOOKUP_WINDOW_SECONDS // 60)
            form.add_error(None, _("You have tried too many times. Wait %(minutes)s minutes and try again.")
                           % {"minutes": minutes})
    if request.method == "POST" and response_status == 200 and form.is_valid():
        booking = Booking.objects.filter(reference=form.cleaned_data["reference"]).first()
        if booking is not None and constant_time_compare(booking.manage_code, form.cleaned_data["code"]):
            return redirect("booking:detail", token=booking.manage_token)
        logger.info("booking_lookup_failed")
        form.add_error(None, _("We found no booking with that reference and code. Check both and try again."))
    response = render(request, "booking/lookup.html", {"form": form, "error_summary": error_summary(form)},
                      status=response_status)
    if response_status == 503:
        response["Retry-After"] = "120"
    return response


def _office_region(request, office_id: int) -> str:
    office = Office.objects.filter(pk=office_id).only("municipality_code").first()
    return region_for_municipality(office.municipality_code) if office else ""


@never_cache
@staff_required("booking.view_booking", region_of=_office_region)
def day_list(request, office_id: int):
    """Printable list of one office's bookings for one day: names and identity numbers, so
    behind the staff guard (the office's region) and audited, one row per list shown."""
    office = get_object_or_404(Office, pk=office_id)
    try:
        day = date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        day = timezone.localdate()
    if day.year < 2000 or day.year > 2100:
        raise Http404
    bookings = selectors.day_list(office=office, day=day)
    audit_record_create(
        user=request.user, part=AuditPart.DAY_LIST, target=f"booking.office:{office.pk}:{day.isoformat()}",
        hits=len(bookings),
    )
    return render(
        request,
        "booking/day_list.html",
        {
            "office": office,
            "day": day,
            "bookings": bookings,
            "people_total": sum(b.people for b in bookings),
        },
    )
