"""Status lookup and supplements: what a citizen can see and add after sending a report.

Access to a submission's status is given either by the reference together with the e-mail
address given in the report, or by the signed link in the confirmation e-mail. A failed
lookup never tells whether the reference exists: the same message, status code and (close
to) the same work happen for "no such reference" and "wrong e-mail address". Tries are
counted per IP address and per reference in the cache (STATUS_LOOKUP_MAX_TRIES per
STATUS_LOOKUP_WINDOW_SECONDS).
"""
from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from reports import ratelimit, screening
from reports.attachments import CleanAttachment, attachments_store
from reports.catalogue import registry
from reports.constants import ServiceGroup, SubmissionStatus
from reports.models import Submission, Supplement
from reports.privacy import mask_card_numbers

logger = logging.getLogger(__name__)

LINK_SALT = "reports.status-link"  # never change it: every link already e-mailed would stop working
LINK_MAX_AGE = 365 * 24 * 3600  # personal data is purged long before this
DUMMY_EMAIL = "nobody@invalid.example"

STATUS_TEXTS = {
    SubmissionStatus.RECEIVED: (
        _("Received"),
        _("We have received your report. A police officer will read it, usually within two working days."),
    ),
    SubmissionStatus.IN_TRIAGE: (
        _("Being read"),
        _("A police officer is reading your report and deciding how it will be handled."),
    ),
    SubmissionStatus.REGISTERED: (
        _("Registered"),
        _("Your report has been registered. Use the case number when you contact the police "
          "or your insurance company."),
    ),
    SubmissionStatus.NEEDS_CONTACT: (
        _("We need to contact you"),
        _("We need more information from you and will contact you by phone or e-mail. "
          "You can also add information below."),
    ),
    SubmissionStatus.CLOSED: (
        _("Closed"),
        _("The handling of your report is finished."),
    ),
    SubmissionStatus.REJECTED: (
        _("Not registered"),
        _("Your report could not be registered as it was sent. You will get, or have got, a message explaining why."),
    ),
}
# Applications (extracts, permits) are decided, not registered as crimes: their own wording.
APPLICATION_STATUS_TEXTS = {
    **STATUS_TEXTS,
    SubmissionStatus.RECEIVED: (
        _("Received"),
        _("We have received your application. An officer will read it and contact you if something is missing."),
    ),
    SubmissionStatus.IN_TRIAGE: (
        _("Being read"),
        _("An officer is reading your application."),
    ),
    SubmissionStatus.REGISTERED: (
        _("Registered"),
        _("Your application has been registered and is being processed. Use the case number if you contact us."),
    ),
    SubmissionStatus.CLOSED: (
        _("Closed"),
        _("The handling of your application is finished. The decision is sent to you."),
    ),
    SubmissionStatus.REJECTED: (
        _("Not registered"),
        _("Your application could not be registered as it was sent. You will get, or have got, a message "
          "explaining why."),
    ),
}
OPEN_STATUSES = {
    SubmissionStatus.RECEIVED, SubmissionStatus.IN_TRIAGE, SubmissionStatus.REGISTERED, SubmissionStatus.NEEDS_CONTACT,
}


def reference_normalize(value: str) -> str:
    """"stl 7kq2 m9xd 4hpa" → "STL-7KQ2-M9XD-4HPA": people type references in many ways."""
    value = re.sub(r"[\s\-–]+", "", (value or "").upper())[:40]
    match = re.fullmatch(r"([A-Z]{2,5})([0-9A-Z]{4})([0-9A-Z]{4})([0-9A-Z]{4})", value)
    return "-".join(match.groups()) if match else value


def status_link_token(*, submission: Submission) -> str:
    """A signed, unguessable token naming the submission, for the confirmation e-mail's link."""
    return signing.dumps({"r": submission.reference}, salt=LINK_SALT, compress=False)


def status_link(*, submission: Submission) -> str:
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        path = reverse("reports:status_link", kwargs={"token": status_link_token(submission=submission)})
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def status_link_read(*, token: str) -> Submission | None:
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    reference = data.get("r") if isinstance(data, dict) else None
    if not isinstance(reference, str):
        return None
    return submission_for_status(reference=reference)


def submission_for_status(*, reference: str) -> Submission | None:
    """The submission whose status page may be shown: not yet purged. The caller checks access."""
    return Submission.objects.filter(reference=reference, purged_at__isnull=True).first()


def lookup_rate_limited(*, ip: str, reference: str) -> bool:
    """Count one try for this client address and this reference; True once either is over the limit.

    Raises ``reports.ratelimit.CounterUnavailable`` when the counters cannot be reached.
    """
    limited = ratelimit.tries_count(
        keys=ratelimit.counter_keys(scope="status-lookup", ip=ip, subject=reference_normalize(reference)),
        limit=settings.STATUS_LOOKUP_MAX_TRIES, window_seconds=settings.STATUS_LOOKUP_WINDOW_SECONDS,
    )
    if limited:
        logger.warning("status_lookup_rate_limited")
    return limited


def submission_lookup(*, reference: str, email: str) -> Submission | None:
    """The submission with this reference whose e-mail address matches; otherwise None.

    Both failures take the same path: one query, one constant-time comparison.
    """
    submission = Submission.objects.filter(
        reference=reference_normalize(reference), purged_at__isnull=True
    ).exclude(email="").first()
    stored = submission.email if submission is not None else DUMMY_EMAIL
    matches = constant_time_compare(stored.strip().lower(), (email or "").strip().lower())
    if submission is None or not matches:
        logger.info("status_lookup_failed")
        return None
    logger.info("status_lookup_succeeded submission_id=%s", submission.pk)
    return submission


def status_describe(*, submission: Submission) -> tuple[str, str]:
    """The status in plain language: (short title, what it means for the person)."""
    service = registry.get(submission.service)
    texts = APPLICATION_STATUS_TEXTS if service and service.group == ServiceGroup.APPLY else STATUS_TEXTS
    title, text = texts.get(submission.status, texts[SubmissionStatus.RECEIVED])
    return str(title), str(text)


def supplement_allowed(*, submission: Submission) -> bool:
    return submission.status in OPEN_STATUSES and submission.purged_at is None


SUPPLEMENT_DUPLICATE_SECONDS = 10 * 60


def _supplement_duplicate(*, submission: Submission, text: str, attachments: list[CleanAttachment]):
    """The same supplement (same text, same files by content) sent within the last minutes: a
    double click or a re-sent form, which must reach the case system once."""
    since = timezone.now() - timedelta(seconds=SUPPLEMENT_DUPLICATE_SECONDS)
    wanted = sorted(clean.sha256 for clean in attachments)
    for earlier in submission.supplements.filter(created_at__gte=since, text=text).prefetch_related("attachments"):
        if sorted(a.sha256 for a in earlier.attachments.all()) == wanted:
            return earlier
    return None


class SupplementRefused(Exception):
    """The report was closed or purged while the addition was on its way (its files checked)."""


def supplement_create(
    *, submission: Submission, text: str, attachments: list[CleanAttachment]
) -> Supplement:
    """Store what the citizen added and queue it for the case system, in one transaction.

    Raises ``SupplementRefused`` if, once the submission's row is locked, it no longer takes
    additions: staff closed it, or the purge blanked it, after the page checked. (The purge
    locks the same row, so an addition is either in before the purge, and purged with the rest,
    or refused.)

    The text is screened like the report's own free text (``reports.screening.screen_text``):
    what it finds is added to the submission's findings (naming the supplement), flags it and
    raises its priority, never lowers it. The text has its card numbers masked before it is
    saved; the files are stored as
    Attachment rows of both the submission and the supplement; the delivery row (source
    kind "supplement") commits with them. Idempotent: the same text and files sent again
    within SUPPLEMENT_DUPLICATE_SECONDS (a double click) return the first supplement.
    """
    from reports.delivery.constants import SourceKind
    from reports.delivery.payloads import supplement_payload_build
    from reports.delivery.services import delivery_create

    service = registry[submission.service]
    text = mask_card_numbers(text or "").strip()
    with transaction.atomic():
        # One at a time per submission, so that a double click's second request sees the first.
        locked = Submission.objects.select_for_update().filter(pk=submission.pk).first()
        if locked is None or not supplement_allowed(submission=locked):
            raise SupplementRefused
        duplicate = _supplement_duplicate(submission=submission, text=text, attachments=attachments)
        if duplicate is not None:
            logger.info("supplement_duplicate_ignored supplement_id=%s submission_id=%s",
                        duplicate.pk, submission.pk)
            return duplicate
        supplement = Supplement.objects.create(submission=submission, text=text)
        attachments_store(submission=submission, attachments=attachments, supplement=supplement)
        _supplement_screened(submission=locked, supplement=supplement, service=service)
        delivery_create(
            destination=service.destination,
            source_kind=SourceKind.SUPPLEMENT,
            source_id=supplement.pk,
            reference=submission.reference,
            payload=supplement_payload_build(supplement=supplement, destination=service.destination),
        )
    logger.info(
        "supplement_created supplement_id=%s submission_id=%s attachments=%s",
        supplement.pk, submission.pk, len(attachments),
    )
    return supplement


def _supplement_screened(*, submission: Submission, supplement: Supplement, service) -> None:
    """Flag the (locked) submission for staff when a supplement mentions violence, threats or a
    weapon: a case that turns out to belong on the phone must not wait unflagged in the queue."""
    findings = screening.screen_text(service=service, text=supplement.text)
    if not findings:
        return
    submission.screening = [
        *(submission.screening or []), *(finding.as_json(supplement=supplement.pk) for finding in findings)
    ]
    submission.flagged = True
    submission.priority = min(submission.priority, screening.priority_for(findings))
    submission.save(update_fields=["screening", "flagged", "priority", "updated_at"])
    logger.info("supplement_flagged submission_id=%s supplement_id=%s rules=%s", submission.pk, supplement.pk,
                ",".join(finding.rule.id for finding in findings))
