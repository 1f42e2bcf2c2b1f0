"""Whose answers the session holds for an e-ID service (docs/eid.md, "What a person typed").

The wizard's run of a service that needs e-identification is tagged with the ``Identity.owner``
of the person who started it (``extra_data["eid"]``), and so is a page kept after the whole
session ended (``KEPT_AFTER_EXPIRY_KEY``; tagged from the page's ``OWNER_FIELD``). After an
idle timeout both wait for their owner: ``eid_answers_forget`` runs at every identification,
idle timeout and logout (``reports.eid.session.typed_text_holder``) and drops what is not the
new person's (all of it at a logout), so a shared computer never shows one person's answers to
the next. The gate's answers and the receipts go the same way (``reports.session``).
"""
from __future__ import annotations

from reports.attachments import WIZARD_UPLOADS
from reports.catalogue import registry
from reports.eid import Identity
from reports.resume.services import wizard_session_key

# What the page sent after the session had ended held, per service, until the gate is passed again.
KEPT_AFTER_EXPIRY_KEY = "wizard_kept_after_expiry"
# The hidden field of an e-ID service's pages: the owner tag, for a page sent after the session ended.
OWNER_FIELD = "eid_owner"
OWNER_EXTRA_KEY = "eid"


def owned(keep: Identity | None, tag: str | None) -> bool:
    return keep is not None and keep.owns(tag)


def run_owner(request, service) -> str | None:
    """The owner tag of the session's wizard run of ``service``, if it has one."""
    run = request.session.get(wizard_session_key(service)) or {}
    return (run.get("extra_data") or {}).get(OWNER_EXTRA_KEY)


def eid_answers_forget(request, *, keep: Identity | None, ended: bool) -> None:
    """Drop every e-ID service's wizard run and kept page that ``keep`` does not own (all of
    them when ``keep`` is None), with the uploads of the dropped runs. Whether an identity began
    or ended (``ended``) makes no difference here: the owner is what counts."""
    session = request.session
    kept = dict(session.get(KEPT_AFTER_EXPIRY_KEY, {}))
    for service in registry:
        if not service.requires_eid or not service.steps:
            continue
        key = wizard_session_key(service)
        run = session.get(key)
        if run is not None and not owned(keep, (run.get("extra_data") or {}).get(OWNER_EXTRA_KEY)):
            _uploads_delete(run)
            del session[key]
        entry = kept.get(service.slug)
        if entry is not None and not owned(keep, entry.get(OWNER_EXTRA_KEY)):
            del kept[service.slug]
    if kept != session.get(KEPT_AFTER_EXPIRY_KEY, {}):
        session[KEPT_AFTER_EXPIRY_KEY] = kept


def _uploads_delete(run: dict) -> None:
    """The dropped run's files, now (the daily purge would only find them a day later)."""
    for step_files in (run.get("step_files") or {}).values():
        for entries in step_files.values():
            for entry in entries if isinstance(entries, list) else [entries]:
                tmp_name = entry.get("tmp_name")
                if tmp_name and WIZARD_UPLOADS.exists(tmp_name):
                    WIZARD_UPLOADS.delete(tmp_name)
