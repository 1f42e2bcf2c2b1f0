"""Save and resume: a paused wizard run kept server-side, encrypted, for REPORT_DRAFT_DAYS.

What is kept: the wizard's session data (the answers of every step as typed, the current
step, the uploaded files' references), the gate state of that service and the anonymous chain
of its gate tries (an earlier try that sent the person to the phone flags the report wherever
it is sent from: reports.screening.GATE_CHANGED_RULES), as one Fernet
token whose key is derived from SECRET_KEY with HKDF (so rotating SECRET_KEY makes old drafts
unreadable, which only means "the link has expired"). Uploaded files are copied, encrypted
with the same key, to ``<PORTAL_VAR_DIR>/draft-uploads`` under random names. The resume link
carries a 256-bit random token; the database keeps only its SHA-256, and not the e-mail
address either. An unknown, expired or unreadable link gives the same answer.
"""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from reports.attachments import DRAFT_UPLOADS, WIZARD_UPLOADS
from reports.catalogue import Service
from reports.models import ReportDraft

logger = logging.getLogger(__name__)


def wizard_session_key(service: Service) -> str:
    """Where formtools' session storage keeps this service's run (ReportWizard.get_prefix)."""
    return f"wizard_report_{service.slug}"


def _fernet() -> Fernet:
    key = HKDF(
        # The salt is the module's old name: changing it would make every saved draft unreadable.
        algorithm=hashes.SHA256(), length=32, salt=b"reports.drafts", info=b"report-draft-payload"
    ).derive(settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _file_entries(wizard_data: dict[str, Any]):
    for fields in wizard_data.get("step_files", {}).values():
        for field, entries in list(fields.items()):
            if not isinstance(entries, list):
                entries = fields[field] = [entries]
            yield from entries


def draft_link(*, token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("reports:draft_resume", kwargs={"token": token})
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def draft_save(
    *, service: Service, wizard_data: dict[str, Any], gate_state: dict[str, Any], language: str, email: str,
    gate_attempts: dict[str, str] | None = None,
) -> tuple[ReportDraft, bool]:
    """Store the run encrypted and e-mail the resume link; return (draft, whether the mail went).

    The mail is sent after the row has committed, here and not in a task: the plain token
    exists only in this call, and it must not travel through the broker. If the mail cannot
    be sent, the draft is deleted again.
    """
    fernet = _fernet()
    data = copy.deepcopy(wizard_data)
    file_names = []
    for entry in _file_entries(data):
        if not WIZARD_UPLOADS.exists(entry["tmp_name"]):
            continue
        with WIZARD_UPLOADS.open(entry["tmp_name"], "rb") as handle:
            sealed = fernet.encrypt(handle.read())
        entry["tmp_name"] = DRAFT_UPLOADS.save(secrets.token_hex(16), ContentFile(sealed))
        file_names.append(entry["tmp_name"])
    for fields in data.get("step_files", {}).values():  # files that had gone are not listed
        for field, entries in fields.items():
            fields[field] = [e for e in entries if e["tmp_name"] in file_names]
    data.get("extra_data", {}).pop("draft", None)
    token = secrets.token_urlsafe(32)
    payload = fernet.encrypt(json.dumps({"wizard": data, "gate": gate_state, "attempts": gate_attempts or {}}).encode())
    with transaction.atomic():
        draft = ReportDraft.objects.create(
            service=service.slug,
            token_hash=token_hash(token),
            payload=payload,
            file_names=file_names,
            step=data.get("step") or "",
            language=language,
            expires_at=timezone.now() + timedelta(days=settings.REPORT_DRAFT_DAYS),
        )
    logger.info("draft_saved draft_id=%s service=%s files=%s", draft.pk, service.slug, len(file_names))
    sent = _draft_link_send(draft=draft, service=service, token=token, email=email)
    if not sent:  # nobody has the link: keep nothing (the person is asked to try again)
        draft_discard(draft_id=draft.pk)
    return draft, sent


def _draft_link_send(*, draft: ReportDraft, service: Service, token: str, email: str) -> bool:
    with translation.override(draft.language):
        context = {
            "service": service,
            "link": draft_link(token=token, language=draft.language),
            "expires_at": timezone.localtime(draft.expires_at),
            "days": settings.REPORT_DRAFT_DAYS,
        }
        subject = render_to_string("reports/email/draft_link_subject.txt", context).strip()
        body = render_to_string("reports/email/draft_link.txt", context)
    try:
        send_mail(subject, body, None, [email])
    except Exception:
        logger.exception("draft_link_send_failed draft_id=%s", draft.pk)
        return False
    logger.info("draft_link_sent draft_id=%s", draft.pk)
    return True


@dataclass
class RestoredDraft:
    draft_id: int
    service: str
    step: str
    wizard_data: dict[str, Any]
    gate_state: dict[str, Any]
    gate_attempts: dict[str, str]  # empty for a draft saved before the chain was kept


def draft_restore(*, token: str, now: datetime | None = None) -> RestoredDraft | None:
    """The paused run behind a resume link, its files copied back to the wizard's uploads.

    None for an unknown token, an expired draft or one that cannot be decrypted: the caller
    says the same thing in every case. The draft stays until it is sent or expires, so the
    link can be used again; each use starts with a submission token of its own.
    """
    now = now or timezone.now()
    if not token or len(token) > 100:
        return None
    draft = ReportDraft.objects.filter(token_hash=token_hash(token), expires_at__gt=now).first()
    if draft is None:
        return None
    fernet = _fernet()
    try:
        content = json.loads(fernet.decrypt(bytes(draft.payload)))
        data = content["wizard"]
        for entry in _file_entries(data):
            with DRAFT_UPLOADS.open(entry["tmp_name"], "rb") as handle:
                plain = fernet.decrypt(handle.read())
            entry["tmp_name"] = WIZARD_UPLOADS.save(secrets.token_hex(16), ContentFile(plain))
    except (InvalidToken, ValueError, KeyError, OSError):
        logger.warning("draft_unreadable draft_id=%s", draft.pk)
        return None
    extra = data.setdefault("extra_data", {})
    extra["draft"] = draft.pk
    # A submission token of its own for each browser that opens the link: the token makes a
    # double click send once, but two browsers sending their own changes are two reports, not
    # the second one answered with the first one's receipt and its changes lost.
    extra.pop("token", None)
    logger.info("draft_restored draft_id=%s service=%s", draft.pk, draft.service)
    return RestoredDraft(
        draft_id=draft.pk, service=draft.service, step=draft.step, wizard_data=data, gate_state=content["gate"],
        gate_attempts=content.get("attempts") or {},
    )


def draft_discard(*, draft_id: int) -> bool:
    """Delete a draft and its files (its report has been sent). Idempotent."""
    draft = ReportDraft.objects.filter(pk=draft_id).first()
    if draft is None:
        return False
    _files_delete(draft.file_names)
    draft.delete()
    logger.info("draft_discarded draft_id=%s", draft_id)
    return True


def drafts_purge(*, now: datetime | None = None) -> int:
    """Delete every expired draft with its files. Run periodically (report-drafts-purge)."""
    now = now or timezone.now()
    count = 0
    for draft in ReportDraft.objects.filter(expires_at__lte=now).only("pk", "file_names").iterator():
        _files_delete(draft.file_names)
        ReportDraft.objects.filter(pk=draft.pk).delete()
        count += 1
    logger.info("drafts_purged count=%s", count)
    return count


def _files_delete(names: list[str]) -> None:
    for name in names or []:
        try:
            DRAFT_UPLOADS.delete(name)
        except OSError:
            logger.warning("draft_file_delete_failed name=%s", name)
