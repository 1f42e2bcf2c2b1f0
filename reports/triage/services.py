"""Writes of staff triage. Keyword-only, typed, one transaction each; e-mails via on_commit.

Every change to a case appends a row (``reports.StatusChange`` for its status, ``CaseEvent``
for assignments, region moves and notes) and never edits an old one, so the case page can
always show who did what and when.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Replace
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from reports import screening
from reports.constants import Region, SubmissionStatus
from reports.delivery.services import delivery_payloads_purge
from reports.forms.validators import phone_dialled_forms, phone_national_number
from reports.models import Item, StatusChange, Submission
from reports.queueing import sweep_window, task_publish
from reports.triage.constants import AuditPart, CaseEventKind, Priority, RejectionReason
from reports.triage.models import AuditRecord, CaseEvent, StatusDecision

logger = logging.getLogger(__name__)

S = SubmissionStatus

# Which status may follow which. Anything not listed is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.IN_TRIAGE, S.REGISTERED, S.NEEDS_CONTACT, S.REJECTED}),
    S.IN_TRIAGE: frozenset({S.RECEIVED, S.REGISTERED, S.NEEDS_CONTACT, S.REJECTED}),
    S.NEEDS_CONTACT: frozenset({S.IN_TRIAGE, S.REGISTERED, S.REJECTED, S.CLOSED}),
    S.REGISTERED: frozenset({S.CLOSED}),
    S.REJECTED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

# The citizen is told by e-mail when their report reaches one of these.
NOTIFIED_STATUSES = frozenset({S.REGISTERED, S.REJECTED, S.NEEDS_CONTACT})

# Once handled and this old, personal data is blanked.
PURGEABLE_STATUSES = (S.REGISTERED, S.REJECTED, S.CLOSED)

def submission_status_change(
    *,
    submission: Submission,
    to_status: str,
    by,
    note: str = "",
    case_number: str = "",
    rejection_reason: str = "",
) -> StatusChange:
    """Move a submission to ``to_status`` if the workflow allows it, and append it to the history.

    Raises ``ValidationError`` (codes ``purged``, ``same_status``, ``not_allowed``,
    ``case_number_required``, ``rejection_reason_required``) and changes nothing when refused.
    Registering needs the case system's number; rejecting needs a predefined reason. When the
    new status is one the citizen must hear about, an e-mail in their language is sent after
    commit.
    """
    case_number = case_number.strip()
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        from_status = locked.status
        if locked.purged_at is not None:
            raise ValidationError(_("The personal data of this report has been purged."), code="purged")
        if to_status == from_status:
            raise ValidationError(_("The report already has this status."), code="same_status")
        if to_status not in TRANSITIONS.get(from_status, frozenset()):
            raise ValidationError(
                _("A report cannot go from %(from)s to %(to)s."),
                code="not_allowed",
                params={"from": S(from_status).label, "to": S(to_status).label if to_status in S.values else to_status},
            )
        if to_status == S.REGISTERED and not case_number:
            raise ValidationError(_("Enter the case system's number to register the report."),
                                  code="case_number_required")
        if to_status == S.REJECTED and rejection_reason not in RejectionReason.values:
            raise ValidationError(_("Choose why the report is rejected."), code="rejection_reason_required")

        locked.status = to_status
        fields = ["status", "updated_at"]
        if to_status == S.REGISTERED:
            locked.case_number = case_number
            fields.append("case_number")
        locked.save(update_fields=fields)
        change = StatusChange.objects.create(
            submission=locked, from_status=from_status, to_status=to_status, changed_by=by, note=note.strip()
        )
        notify = to_status in NOTIFIED_STATUSES and bool(locked.email)
        decision = StatusDecision.objects.create(
            status_change=change,
            rejection_reason=rejection_reason if to_status == S.REJECTED else "",
            notify_citizen=notify,
        )
        if notify:
            transaction.on_commit(lambda: _enqueue_notice(decision.pk))
    submission.status, submission.case_number = locked.status, locked.case_number
    logger.info(
        "submission_status_changed submission_id=%s from=%s to=%s user_id=%s",
        submission.pk, from_status, to_status, getattr(by, "pk", None),
    )
    return change


def _enqueue_notice(decision_id: int) -> None:
    from reports.triage.tasks import status_notice_send

    task_publish(status_notice_send, decision_id, failure_event="status_notice_enqueue_failed")


def status_notice_send(*, decision: StatusDecision) -> bool:
    """E-mail the citizen about one status decision, in their language, once.

    Returns whether the e-mail was sent now. Nothing is sent for a purged submission or one
    without an e-mail address, and never twice for the same decision.
    """
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from reports.catalogue import registry

    with transaction.atomic():
        # The row lock makes a second worker wait, then see the e-mail as sent.
        decision = StatusDecision.objects.select_for_update().select_related(
            "status_change__submission").get(pk=decision.pk)
        change = decision.status_change
        submission = change.submission
        if not decision.notify_citizen or decision.notice_sent_at is not None:
            return False
        if submission.purged_at is not None or not submission.email:
            return False
        service = registry.get(submission.service)
        with translation.override(submission.language or settings.LANGUAGE_CODE):
            context = {
                "submission": submission,
                "service_title": service.title if service else submission.service,
                "to_status": change.to_status,
                "case_number": submission.case_number,
                "rejection_reason": (
                    RejectionReason(decision.rejection_reason).label if decision.rejection_reason else ""
                ),
                "phone_police": settings.PORTAL_PHONE_POLICE,
            }
            subject = render_to_string("triage/email/status_subject.txt", context).strip()
            body = render_to_string("triage/email/status.txt", context)
        send_mail(subject, body, None, [submission.email])
        decision.notice_sent_at = timezone.now()
        decision.save(update_fields=["notice_sent_at"])
    logger.info("status_notice_sent decision_id=%s submission_id=%s", decision.pk, submission.pk)
    return True


def submission_assign(*, submission: Submission, assignee, by) -> CaseEvent | None:
    """Make ``assignee`` (a user, or None to release it) responsible for the case.

    Returns the appended event, or None when the case already had that assignee.
    """
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        before = locked.assignee
        if (before.pk if before else None) == (assignee.pk if assignee else None):
            return None
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        event = CaseEvent.objects.create(
            submission=locked, kind=CaseEventKind.ASSIGNED, actor=by,
            from_value=before.get_username() if before else "", to_value=assignee.get_username() if assignee else "",
        )
    submission.assignee = assignee
    logger.info(
        "submission_assigned submission_id=%s assignee_id=%s user_id=%s",
        submission.pk, getattr(assignee, "pk", None), getattr(by, "pk", None),
    )
    return event


def submission_priority_set(*, submission: Submission, priority: int, by) -> CaseEvent | None:
    """Set how urgent a case is (``Priority``); the list is sorted by it. Recorded in the history.

    Returns the appended event, or None when the case already had that priority.
    """
    if priority not in Priority.values:
        raise ValidationError(_("Choose a priority from the list."), code="invalid_priority")
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        before = locked.priority
        if before == priority:
            return None
        locked.priority = priority
        locked.save(update_fields=["priority", "updated_at"])
        event = CaseEvent.objects.create(
            submission=locked, kind=CaseEventKind.PRIORITY_CHANGED, actor=by,
            from_value=str(before), to_value=str(priority),
        )
    submission.priority = priority
    logger.info(
        "submission_priority_set submission_id=%s from=%s to=%s user_id=%s",
        submission.pk, before, priority, getattr(by, "pk", None),
    )
    return event


def submission_region_move(*, submission: Submission, to_region: str, by, note: str = "") -> CaseEvent:
    """Route a case to another police region, with the reason in ``note``; recorded in its history.

    Raises ``ValidationError`` (codes ``invalid_region``, ``same_region``).
    """
    if to_region not in Region.values:
        raise ValidationError(_("Choose one of the police regions."), code="invalid_region")
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        from_region = locked.region
        if from_region == to_region:
            raise ValidationError(_("The report is already in this region."), code="same_region")
        locked.region = to_region
        locked.save(update_fields=["region", "updated_at"])
        event = CaseEvent.objects.create(
            submission=locked, kind=CaseEventKind.REGION_MOVED, actor=by,
            from_value=from_region, to_value=to_region, text=note.strip(),
        )
    submission.region = to_region
    logger.info(
        "submission_region_moved submission_id=%s from=%s to=%s user_id=%s",
        submission.pk, from_region, to_region, getattr(by, "pk", None),
    )
    return event


def case_note_add(*, submission: Submission, by, text: str) -> CaseEvent:
    """Append an internal note: staff only, never shown or sent to the citizen."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the note."), code="required")
    event = CaseEvent.objects.create(submission=submission, kind=CaseEventKind.NOTE, actor=by, text=text)
    logger.info("case_note_added submission_id=%s user_id=%s", submission.pk, getattr(by, "pk", None))
    return event


def audit_record_create(
    *, user, part: str, submission: Submission | None = None, target: str = "", detail: str = "",
    hits: int | None = None,
) -> AuditRecord:
    """Log one read of personal data by ``user`` (police data law): the one audit path.

    Every staff page, search, filtered list, payload view and download that shows personal
    data calls this once per read (a search is one row, whatever it finds).
    """
    record = AuditRecord.objects.create(
        user=user, submission=submission, part=AuditPart(part), target=target[:100], detail=detail[:200], hits=hits,
    )
    logger.info(
        "personal_data_opened submission_id=%s user_id=%s part=%s target=%s hits=%s",
        getattr(submission, "pk", None), user.pk, part, target, hits,
    )
    return record


def purge_cutoff(*, now=None, after_days: int | None = None):
    days = settings.PORTAL_PURGE_AFTER_DAYS if after_days is None else after_days
    return (now or timezone.now()) - timedelta(days=days)


def submissions_due_for_purge(*, now=None, after_days: int | None = None):
    """Handled submissions whose personal data is still there, handled longer ago than the
    retention period.

    "Handled" is the moment the report was first registered, rejected or closed (its first
    status change into ``PURGEABLE_STATUSES``), as docs/operations.md states: not its last
    status change (closing a registered report later does not restart the clock), not when
    it was received.
    """
    handled = (
        StatusChange.objects.filter(submission=OuterRef("pk"), to_status__in=PURGEABLE_STATUSES)
        .order_by("created_at", "id").values("created_at")[:1]
    )
    return (
        Submission.objects.filter(purged_at__isnull=True, status__in=PURGEABLE_STATUSES)
        .annotate(handled_at=Subquery(handled))
        .filter(handled_at__lt=purge_cutoff(now=now, after_days=after_days))
    )


def submission_purge(*, submission: Submission) -> bool:
    """Blank a submission's personal data for good; return whether anything was purged now.

    Reporter fields, answers (and the words the screening found in them), item descriptions and
    serial numbers, the citizen's supplements, internal notes, staff notes on status changes and
    audit search terms naming the person are blanked and attachments deleted (rows and files,
    after commit). Status history, gate records and counts stay: analytics never read personal
    data.
    """
    files = []
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.purged_at is not None:
            return False
        audit_terms_naming_purge(
            personal_identity_number=locked.personal_identity_number, phone=locked.phone,
            texts=(locked.reporter_name, locked.email), logged_against=Q(submission=locked),
        )
        locked.reporter_name = ""
        locked.personal_identity_number = ""
        locked.phone = ""
        locked.email = ""
        locked.answers = {}
        locked.screening = screening.findings_purged(locked.screening)  # the words the text held
        locked.purged_at = timezone.now()
        locked.save(update_fields=[
            "reporter_name", "personal_identity_number", "phone", "email", "answers", "screening", "purged_at",
            "updated_at",
        ])
        Item.objects.filter(submission=locked).update(description="", brand_model="", serial_number="")
        CaseEvent.objects.filter(
            submission=locked, kind__in=[CaseEventKind.NOTE, CaseEventKind.REGION_MOVED]
        ).purge_update(text="")
        StatusChange.objects.filter(submission=locked).exclude(note="").update(note="")  # staff notes
        locked.supplements.update(text="")  # later additions by the citizen
        for attachment in locked.attachments.all():
            if attachment.file:
                files.append((attachment.file.storage, attachment.file.name))
        locked.attachments.all().delete()
        delivery_payloads_purge(submission=locked)  # the outbox's copies, in this transaction
        transaction.on_commit(lambda: _files_delete(files))
    submission.purged_at = locked.purged_at
    logger.info("submission_purged submission_id=%s attachments=%s", submission.pk, len(files))
    return True


# What staff type between the characters of a number or code (the phone normaliser's separators,
# and the identity number's ``+``), taken out of an audit term before matching it.
_TYPED_SEPARATORS = (" ", "\u00a0", "\t", "-", ".", "(", ")", "/", "+")

# The fewest digits of a partly typed number (``1234567`` for ``070-123 45 67``, ``19811218-98``)
# that count as naming the person. Fewer are shared by too many numbers.
PARTIAL_NUMBER_MIN_DIGITS = 7


def _without_separators(value):
    """``value`` (a string, or a database expression such as ``F("detail")``) without the
    separators people type between digits (in the database, plain ``REPLACE``: any database)."""
    if isinstance(value, str):
        for separator in _TYPED_SEPARATORS:
            value = value.replace(separator, "")
        return value
    for separator in _TYPED_SEPARATORS:
        value = Replace(value, Value(separator), Value(""))
    return value


def _number_forms(*, personal_identity_number: str, phone: str) -> tuple[set[str], set[str], set[str]]:
    """The digits every typed form of the stored numbers contains, the digit strings every typed
    form of them is part of, and the values not read as numbers (matched as stored).

    Every form of a 12-digit identity number contains its last ten digits; every form of an
    E.164 phone number its national significant number (``701234567``: typed ``070-123 45 67``,
    ``0046 70…`` or ``+46 (0)70…``). The written-out forms are the identity number itself and
    the phone's international (``0046701234567``) and national (``0701234567``) forms.
    """
    pin, contained, written, as_stored = personal_identity_number, set(), set(), set()
    if len(pin) == 12 and pin.isdigit():
        contained.add(pin[-10:])
        written.add(pin)
    elif pin:
        as_stored.add(pin)
    national = phone_national_number(phone) if phone else ""
    if national:
        contained.add(national)
        written |= phone_dialled_forms(phone)
    elif phone:
        as_stored.add(phone)
    return contained, written, as_stored


def _partial_numbers_pattern(written: set[str], *, personal_identity_number: str) -> str:
    """A regular expression (PostgreSQL's and Python's) matching a whole run of digits that is a
    run of at least ``PARTIAL_NUMBER_MIN_DIGITS`` digits of one of the written-out numbers, or the
    date of birth (``811218``): the parts of them a term may hold alone. One alternative per digit
    a run may start at, its longer runs as optional digits after the shortest (``0701234(?:5…)?``):
    a few dozen in all, half the cost of listing every run for the database."""
    low = PARTIAL_NUMBER_MIN_DIGITS
    runs = set()
    for form in written:
        for start in range(len(form) - low + 1):
            longer = form[start + low:]
            runs.add(form[start:start + low] + "".join(f"(?:{digit}" for digit in longer) + ")?" * len(longer))
    if len(personal_identity_number) == 12:
        runs.add(personal_identity_number[2:8])
    return f"(?:^|[^0-9])(?:{'|'.join(sorted(runs))})(?:[^0-9]|$)" if runs else ""


def audit_terms_naming_purge(
    *, personal_identity_number: str = "", phone: str = "", texts: Iterable[str] = (), codes: Iterable[str] = (),
    logged_against: Q | None = None,
) -> int:
    """Blank the audit search and filter terms naming a record being purged, in the caller's
    transaction: the terms must not outlive the data they searched for. Who read, when, which
    page and how many rows stay. Returns how many rows were blanked.

    A term names the record when it was logged against it (``logged_against``), or contains:

    * one of ``texts`` (a name, an e-mail address), in any case;
    * one of ``codes`` (a reference's random characters, a manage code), in any case, with or
      without separators;
    * the stored identity number or E.164 ``phone`` in any form the searches accept: without
      separators, its digits contain the identity number's last ten digits or the phone's
      national number (``070-123 45 67``, ``0046 70…``, ``811218-9876``);
    * part of one of those numbers typed alone: a run of digits (separators aside) that is a
      run of at least ``PARTIAL_NUMBER_MIN_DIGITS`` digits of the identity number or the
      phone's written-out forms (``19811218``, ``070-123 45``, ``1234567``), or the date of
      birth. Only whole runs match, so another person's number that merely shares a stretch of
      digits with this one (a date of birth, an area code) is left alone.
    """
    contained, written, as_stored = _number_forms(personal_identity_number=personal_identity_number, phone=phone)
    naming = logged_against if logged_against is not None else Q(pk__in=[])
    for text in sorted(text for text in {*texts, *as_stored} if len(text) >= 3):
        naming |= Q(detail__icontains=text)
    for code in sorted(code for code in map(_without_separators, codes) if len(code) >= 6):
        naming |= Q(detail_typed__icontains=code)
    for digits in sorted(digits for digits in contained if len(digits) >= 6):
        naming |= Q(detail_typed__contains=digits)
    if pattern := _partial_numbers_pattern(written, personal_identity_number=personal_identity_number):
        naming |= Q(detail_typed__regex=pattern)
    records = AuditRecord.objects.annotate(detail_typed=_without_separators(F("detail")))
    return records.filter(naming).exclude(detail="").purge_update(detail="")


def audit_terms_purge(*, now=None, after_days: int | None = None) -> int:
    """Blank the search and filter terms of audit rows older than the retention period.

    Who read what, and when, stays; the terms (identity numbers, names) go like the data.
    """
    count = AuditRecord.objects.filter(created_at__lt=purge_cutoff(now=now, after_days=after_days)).exclude(
        detail=""
    ).purge_update(detail="")
    logger.info("audit_terms_purged count=%s", count)
    return count


def sessions_clear() -> int:
    """Delete expired sessions (wizard answers, identities): what ``manage.py clearsessions`` does."""
    from django.contrib.sessions.models import Session

    count, _deleted = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    logger.info("sessions_cleared count=%s", count)
    return count


def personal_data_purge_all(*, now=None) -> dict[str, int]:
    """Every purge that runs on schedule (beat's ``triage-purge``), with the count of each."""
    from reports.booking.services import bookings_purge

    counts = {
        "submissions": submissions_purge(now=now),
        "bookings": bookings_purge(now=now),
        "audit_terms": audit_terms_purge(now=now),
    }
    logger.info("personal_data_purged %s", " ".join(f"{key}={value}" for key, value in counts.items()))
    return counts


def _files_delete(files) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("attachment_file_delete_failed name=%s", name)


def submissions_purge(*, now=None, after_days: int | None = None, limit: int = 1000) -> int:
    """Purge every submission due (at most ``limit`` per run); return how many were purged."""
    ids = list(submissions_due_for_purge(now=now, after_days=after_days).values_list("pk", flat=True)[:limit])
    count = 0
    for submission in Submission.objects.filter(pk__in=ids):
        count += submission_purge(submission=submission)
    logger.info("submissions_purged count=%s", count)
    return count


def notices_pending():
    """Decisions whose e-mail is due but unsent for five minutes (broker down at the time), made
    in the last two days (an address that always fails is not tried for ever, nor does it keep
    newer notices out of the sweep's batch), oldest first."""
    return StatusDecision.objects.filter(
        notify_citizen=True, notice_sent_at__isnull=True, **sweep_window("status_change__created_at"),
        status_change__submission__purged_at__isnull=True,
    ).order_by("status_change__created_at")
